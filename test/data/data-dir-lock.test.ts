import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockDataDir } from "../../src/data/embedded/dataDirLock.ts";

// The lock on an embedded data directory, taken by real processes: at the same instant exactly
// one wins, and a SIGKILLed holder leaves nothing behind that blocks the next one.

const lockScript = `
  const { lockDataDir } = await import(${JSON.stringify(new URL("../../src/data/embedded/dataDirLock.ts", import.meta.url).href)});
  // Everyone loaded: try at the same moment.
  await new Promise((resolve) => setTimeout(resolve, Number(process.argv[2]) - Date.now()));
  const attempt = await lockDataDir(process.argv[1], "contender " + process.pid);
  console.log(attempt.acquired ? "won" : "lost to " + attempt.holder?.command);
  if (attempt.acquired) setInterval(() => undefined, 1000);
`;

function contend(dataDir: string, at: number): { child: ChildProcess; outcome: Promise<string> } {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", lockScript, dataDir, String(at)], { stdio: ["ignore", "pipe", "inherit"] });
  const outcome = new Promise<string>((resolve) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) resolve(out.trim());
    });
    child.on("exit", () => resolve(out.trim()));
  });
  return { child, outcome };
}

describe("the lock on an embedded data directory", () => {
  let dataDir: string;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "modbot-lock-"));
  });
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("goes to exactly one of several processes starting at once, and to the next as soon as the holder is SIGKILLed", async () => {
    const at = Date.now() + 10_000;
    const contenders = Array.from({ length: 4 }, () => contend(dataDir, at));
    children.push(...contenders.map((c) => c.child));
    const outcomes = await Promise.all(contenders.map((c) => c.outcome));
    const winners = contenders.filter((_, i) => outcomes[i] === "won");
    expect(winners).toHaveLength(1);
    const winner = winners[0]!.child;
    for (const outcome of outcomes.filter((o) => o !== "won")) expect(outcome).toBe(`lost to contender ${winner.pid}`);

    expect(await lockDataDir(dataDir, "the test")).toMatchObject({ acquired: false, holder: { pid: winner.pid } });
    const exited = new Promise((resolve) => winner.once("exit", resolve));
    winner.kill("SIGKILL");
    await exited;
    const attempt = await lockDataDir(dataDir, "the test");
    expect(attempt.acquired).toBe(true);
    if (attempt.acquired) await attempt.lock.release();
  });

  it("is not held by a stale holder file, even one naming a live process", async () => {
    writeFileSync(join(dataDir, "modbot-holder.json"), JSON.stringify({ pid: process.ppid, command: "modbot start", since: new Date().toISOString() }));
    const attempt = await lockDataDir(dataDir, "the test");
    expect(attempt.acquired).toBe(true);
    if (attempt.acquired) await attempt.lock.release();
  });
});
