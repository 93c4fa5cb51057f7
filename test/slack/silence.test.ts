import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { ADMIN, lastOpenedView, newViewId, submit } from "../flows/support.ts";
import { startKillablePostgres, type KillablePostgres } from "../support/killablePostgres.ts";
import { smallRegister } from "../support/registers.ts";
import { interactionBody, postSigned, viewSubmissionPayload } from "../support/slackRequests.ts";
import { readableText, startTestApp, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";

// Every failure a user can cause or meet gets a prompt, specific answer: requests no listener
// takes, forms Slack is too slow to open, and (below) the database going away.

const seed = (db: TestApp["db"]) => importRegister(db.prisma, smallRegister(), { mode: "replace", actor: "test" }).then(() => undefined);
const BUSY = "Slack is busy — try again in a moment";

describe.each(databaseKinds)("nobody is left in silence (%s database)", (database) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ database, admins: [ADMIN], captureLogs: true, seed });
  });
  afterAll(() => app?.close());

  const interaction = (payload: Record<string, unknown>) => postSigned(app.url, interactionBody(payload));
  const lastLogFor = (surface: string) => app.logs.filter((line) => line.surface === surface).at(-1);

  it("acknowledges at once what no listener takes: an unknown button, an unknown form, view_closed, a body without payload", async () => {
    const unknownButton = await app.action({ actionId: "something.removed_long_ago", value: "x" });
    expect(unknownButton.status).toBe(200);
    expect(lastLogFor("action something.removed_long_ago")).toMatchObject({ outcome: "unhandled" });

    const unknownForm = await app.submitView({ callbackId: "no_such_form", values: {} });
    expect(unknownForm.status).toBe(200);
    expect(unknownForm.text).toBe("");

    const closed = await interaction({ type: "view_closed", user: { id: ADMIN }, team: { id: "T0001" }, view: { id: "V1", callback_id: "raise" }, is_cleared: false });
    expect(closed.status).toBe(200);
    expect(lastLogFor("view_closed raise")).toMatchObject({ outcome: "unhandled", user: ADMIN });

    const noPayload = await postSigned(app.url, "nothing=here");
    expect(noPayload.status).toBe(200);
    expect(lastLogFor("(no payload)")).toMatchObject({ outcome: "unhandled" });
  });

  it("answers a form submitted without its state by pointing at the fields, not an error", async () => {
    // The form the bot opened: its input blocks are what the errors may point at.
    await app.command("raise", { userId: ADMIN });
    const payload = viewSubmissionPayload({ callbackId: "raise", values: {}, userId: ADMIN, viewId: newViewId() });
    delete (payload.view as { state?: unknown }).state;
    const response = await interaction(payload);
    expect(response.status).toBe(200);
    expect(response.json().response_action).toBe("errors");
    expect(Object.keys(response.json().errors)).toContain("title");
    expect(await app.db.prisma.modification.count({ where: { reference: { startsWith: "DP" }, title: "" } })).toBe(0);
  });

  it.each([
    ["fails with 500", { status: 500 }],
    ["rate-limits with Retry-After 2", { rateLimitedFor: 2 }],
    ["hangs for 30 s", { hangFor: 30_000 }],
  ] as const)("says Slack is busy when views.open %s, instead of opening a late form", async (_label, scripted) => {
    app.slack.reset();
    app.slack.failNext("views.open", scripted, 10);
    const reply = await app.command("raise", { userId: ADMIN });
    // An answer not ready within 2 s goes to response_url after an empty acknowledgement.
    const answer = reply.text ? reply.json() : app.slack.callsTo("response_url").at(-1)?.body;
    expect(readableText(answer)).toContain(BUSY);
    // One attempt: a retry could not finish inside Slack's 3-second trigger window.
    expect(app.slack.callsTo("views.open")).toHaveLength(1);
    expect(lastLogFor("/mod raise")).toMatchObject({ outcome: "slack-busy" });
  });

  it("says Slack is busy to the person who pressed a status card button whose form could not open", async () => {
    app.slack.reset();
    app.slack.failNext("views.open", { hangFor: 30_000 }, 1);
    const ack = await app.action({ actionId: "status.move", value: "SECMP0053", userId: ADMIN });
    expect(ack.status).toBe(200);
    const answers = app.slack.callsTo("response_url");
    expect(answers).toHaveLength(1);
    expect(readableText(answers[0]!.body as never)).toContain(BUSY);
    expect(answers[0]!.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
  });

  it("opens the form as usual when Slack answers in time", async () => {
    app.slack.reset();
    app.slack.failNext("views.open", { hangFor: 300 }, 1);
    const reply = await app.command("raise A title", { userId: ADMIN });
    expect(reply.text).toBe("");
    expect(lastOpenedView(app).callback_id).toBe("raise");
  });
});

describe("nobody is left in silence when the database is down (a PostgreSQL cluster of the test's own)", () => {
  let pg: KillablePostgres;
  let app: TestApp;
  beforeAll(async () => {
    pg = await startKillablePostgres();
    app = await startTestApp({ database: "server", serverUrl: pg.url, admins: [ADMIN], captureLogs: true, seed });
  });
  afterAll(async () => {
    try {
      pg?.start();
    } catch {
      // already running
    }
    await app?.close();
    pg?.dispose();
  });

  const DOWN = "I can't reach my database right now, so nothing was changed";

  it("tells commands, forms and buttons that the database is down, logs one stack, then summarises the repeats", async () => {
    await app.command("raise", { userId: ADMIN });
    const form = lastOpenedView(app);
    pg.stop();

    const command = await app.command("history SECMP0053");
    expect(command.status).toBe(200);
    expect(readableText(command.json())).toContain(DOWN);

    const submitted = await submit(app, form, { title: "Written while the database is down", raised_on: "30 Sep", summary: "x", new_party: "Shell Energy", new_party_category: { option: "LARGE_SUPPLIER" } });
    expect(submitted.status).toBe(200);
    expect(submitted.json().response_action).toBe("update");
    expect(readableText(submitted.json().view)).toContain(DOWN);

    app.slack.reset();
    const button = await app.action({ actionId: "status.history", value: "SECMP0053" });
    expect(button.status).toBe(200);
    expect(readableText(app.slack.callsTo("response_url")[0]!.body as never)).toContain(DOWN);

    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => app.command(i % 2 ? "list" : "history SECMP0053")));
    for (const response of burst) expect(readableText(response.json())).toContain(DOWN);

    const failed = app.logs.filter((line) => line.outcome === "failed");
    expect(failed).toHaveLength(43);
    expect(failed.filter((line) => line.err?.stack)).toHaveLength(1);
    expect(failed.every((line) => line.failure === "database-unreachable")).toBe(true);
    app.slackApp.operations.failures.flush();
    expect(app.logs.at(-1)).toMatchObject({ level: "error", count: 43, msg: expect.stringMatching(/^database unreachable: 43 requests failed in \d+ s$/) });

    pg.start();
    let answer = "";
    for (let attempt = 0; attempt < 50 && !answer.includes("SECMP0053"); attempt++) {
      answer = readableText((await app.command("history SECMP0053")).json());
      if (!answer.includes("SECMP0053")) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(answer).toContain("SECMP0053");
    expect(await app.db.prisma.modification.count({ where: { title: "Written while the database is down" } })).toBe(0);
  });
});
