import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subcommands } from "../../commands/index.ts";
import { importDemoRegister } from "../../src/data/register/registerSources.ts";
import { takeBreaches } from "../support/blockKitContract.ts";
import { startTestApp, type TestApp } from "../support/testApp.ts";

// Every surface of the demo register goes through Slack's Block Kit contract: the fake Web API,
// response_url and the acknowledgement readers check each payload (test/support/blockKitContract.ts),
// so driving a surface here is the assertion; a breach fails the test, naming rule and path.

const ADMIN = "UADMIN";

describe("every surface is one Slack takes (demo register)", () => {
  let app: TestApp;
  let references: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({ database: "embedded", admins: [ADMIN], seed: (db) => importDemoRegister(db.prisma).then(() => undefined) });
    references = (await app.db.prisma.modification.findMany({ select: { reference: true }, orderBy: { reference: "asc" } })).map((m) => m.reference);
    await app.command(`admin role <@${ADMIN}> dcc`, { userId: ADMIN });
    await app.command(`admin role <@${ADMIN}> change-board "Large Supplier"`, { userId: ADMIN });
  });
  afterAll(() => app?.close());

  it("draws the status card of every modification and answers every button on it", async () => {
    expect(references.length).toBeGreaterThan(20);
    for (const reference of references) {
      const card = await app.command(`status ${reference}`, { userId: ADMIN });
      expect(card.status).toBe(200);
      const buttons = (card.json().blocks as any[]).filter((b) => b.type === "actions").flatMap((b) => b.elements);
      expect(buttons.length, reference).toBeGreaterThan(0);
      for (const button of buttons) {
        const pressed = await app.action({ actionId: button.action_id, value: button.value, userId: ADMIN });
        expect(pressed.status, `${reference} ${button.action_id}`).toBe(200);
      }
    }
    expect(app.slack.callsTo("views.open").length).toBeGreaterThan(references.length);
  });

  it("answers help, each subcommand's help, every list filter, subscriptions and jobs", async () => {
    const texts = ["help", ...subcommands.map((c) => `help ${c.name}`)];
    for (const filter of ["", "open", "late", "all", "define", "refine", "opine", "decide", "release", "closed"]) texts.push(`list ${filter}`.trim());
    texts.push("subscriptions", "jobs", "jobs failed", "admin roles", "release", "workdays 30 Sep 2019 + 15");
    for (const text of texts) expect((await app.command(text, { userId: ADMIN })).status, text).toBe(200);
  });

  it("shows the history of a modification with 300 audit entries in messages Slack takes", async () => {
    const m = await app.db.prisma.modification.findFirstOrThrow({ where: { reference: references[0] } });
    await app.db.prisma.auditEntry.createMany({
      data: Array.from({ length: 300 }, (_, i) => ({
        modificationId: m.id,
        entity: "modification",
        entityId: String(m.id),
        action: `Edited (${i})`,
        before: { title: `An earlier title with some length to it, number ${i}` },
        after: { title: `A later title with some length to it, number ${i}` },
        actor: "U0SOMEONE",
        at: new Date(Date.UTC(2019, 0, 1) + i * 3_600_000),
      })),
    });
    app.slack.reset();
    const first = await app.command(`history ${m.reference}`, { userId: ADMIN });
    const more = app.slack.callsTo("response_url");
    expect(more.length).toBeGreaterThan(0);
    const all = [JSON.stringify(first.json()), ...more.map((c) => JSON.stringify(c.body))].join("\n");
    expect(all).toMatch(/more not shown|Continued/);
    expect(takeBreaches()).toEqual([]);
  });
});
