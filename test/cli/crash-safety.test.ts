import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseLocation } from "../support/amcheck.ts";
import { crashDuringImport, crashDuringRaises, writeLargeRegister } from "../support/crashRounds.ts";
import { startFakeSlack, type FakeSlack } from "../support/fakeSlack.ts";
import { createServerDatabase, databaseKinds } from "../support/testDatabase.ts";

// SIGKILL in the middle of writes, as an OOM kill or a pulled plug on the process would do it:
// every write the bot confirmed is there after a restart on the same data, no raise is half
// written, a killed import leaves all of its rows or none, and amcheck finds every index and
// table page intact. A few rounds here; `npm run bench crash` runs twenty.

describe.each(databaseKinds)("SIGKILL in the middle of writes (%s database)", (kind) => {
  let slack: FakeSlack;
  let where: DatabaseLocation;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    slack = await startFakeSlack();
    if (kind === "embedded") {
      const dataDir = mkdtempSync(join(tmpdir(), "modbot-crash-"));
      where = { dataDir };
      dispose = async () => rmSync(dataDir, { recursive: true, force: true });
    } else {
      const server = await createServerDatabase();
      where = { databaseUrl: server.url };
      dispose = server.drop;
    }
  }, 300_000);
  afterAll(async () => {
    await slack?.close();
    await dispose?.();
  });

  it("keeps every raise the bot confirmed through two SIGKILLs mid-burst, none half-written, every index intact", async () => {
    const first = await crashDuringRaises(where, slack.apiUrl, "1", { killAfter: 10, writers: 4 });
    expect(first.confirmed.length).toBeGreaterThanOrEqual(10);
    expect(first).toMatchObject({ missing: [], halfWritten: [], integrityProblems: [] });
    // Restarts on what the kill left, and is killed again.
    const second = await crashDuringRaises(where, slack.apiUrl, "2", { killAfter: 6, writers: 4, confirmedBefore: first.confirmed });
    expect(second.confirmed.length).toBeGreaterThanOrEqual(6);
    expect(second).toMatchObject({ missing: [], halfWritten: [], integrityProblems: [] });
    expect(second.indexesChecked).toBeGreaterThan(40);
  }, 600_000);

  it("keeps all of a large CSV import or none of it when the import is SIGKILLed while it writes", async () => {
    const csv = join(tmpdir(), `modbot-crash-${kind}-${process.pid}.csv`);
    writeLargeRegister(csv, "Killed import", 100, 200);
    try {
      const crash = await crashDuringImport(where, csv, "Killed import", 200, 500);
      expect(crash.killedWhileRunning).toBe(true);
      expect(crash.reported ? [200] : [0, 200]).toContain(crash.saved);
      expect(crash.integrityProblems).toEqual([]);
    } finally {
      rmSync(csv, { force: true });
    }
  }, 300_000);
});
