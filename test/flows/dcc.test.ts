import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readableText, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";
import { ADMIN, lastOpenedView, startFlowApp, submit } from "./support.ts";

const DCC = "UDCC1";

describe.each(databaseKinds)("logging DCC assessment dates (%s database)", (database) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startFlowApp(database);
    await app.command(`admin role <@${DCC}> dcc`, { userId: ADMIN });
  });
  afterAll(() => app?.close());

  const status = async (ref: string) => readableText((await app.command(`status ${ref}`)).json());

  it("refuses someone without the DCC role, and the card's button says the same", async () => {
    expect(readableText((await app.command("dcc SECMP0024", { userId: "UNOBODY" })).json())).toContain(
      "Logging DCC assessment dates needs the DCC role. An administrator can add you with /mod admin role @you dcc.",
    );
    await app.action({ actionId: "status.log_dcc", value: "SECMP0024", userId: "UNOBODY" });
    expect(readableText(app.slack.callsTo("response_url").at(-1)!.body as never)).toContain("needs the DCC role");
  });

  it("opens the open PA with its current values and records a delivery", async () => {
    await app.command("dcc secmp24", { userId: DCC });
    const view = lastOpenedView(app);
    expect(view.title.text).toBe("SECMP0024 · PA");
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain("29 May 2019");
    expect(shown).toContain("Target 18 Jun 2019");
    const saved = await submit(app, view, { delivered_on: "yesterday", status: { option: "DELIVERED" } }, { userId: DCC });
    expect(saved.json().response_action).toBe("update");
    expect(await status("SECMP0024")).toContain("PA delivered 30 Sep 2019");
    const history = readableText((await app.command("history SECMP0024")).json());
    expect(history).toContain("@UDCC1 · PA updated — status In progress → Delivered;");
    expect(history).toContain("delivered — → 30 Sep 2019");
  });

  it("refuses a stale edit with the current values, and overwrites nothing", async () => {
    await app.command("dcc SECMP0024", { userId: DCC });
    const first = lastOpenedView(app);
    await app.command("dcc SECMP0024", { userId: DCC });
    const second = lastOpenedView(app);
    expect((await submit(app, first, { note: "first" }, { userId: DCC })).json().response_action).toBe("update");
    const stale = (await submit(app, second, { note: "second" }, { userId: DCC })).json();
    expect(stale.response_action).toBe("errors");
    expect(stale.errors.accepted_on).toContain("This changed while you were editing");
    expect(stale.errors.accepted_on).toContain(`note "first"`);
    const row = await app.db.prisma.assessment.findFirstOrThrow({ where: { modification: { reference: "SECMP0024" }, type: "PA" } });
    expect(row.note).toBe("first");
  });

  it("refuses impossible orderings and future dates on their fields", async () => {
    await app.command("dcc MP080 IA", { userId: DCC });
    const view = lastOpenedView(app);
    const answer = (
      await submit(app, view, { request_received_on: "20 Sep 2019", accepted_on: "19 Sep 2019", delivered_on: "18 Sep 2019", status: { option: "DELIVERED" } }, { userId: DCC })
    ).json();
    expect(answer.response_action).toBe("errors");
    expect(answer.errors.accepted_on).toBe("The request can't be accepted before it was received.");
    expect(answer.errors.delivered_on).toBe("The assessment can't be delivered before the request was accepted.");
    const future = (await submit(app, view, { accepted_on: "next Friday", status: { option: "IN_PROGRESS" } }, { userId: DCC })).json();
    expect(future.errors.accepted_on).toContain("is in the future");
    const words = (await submit(app, view, { accepted_on: "next blursday" }, { userId: DCC })).json();
    expect(words.errors.accepted_on).toContain(`"next blursday" isn't a date I understand`);
    expect(await app.db.prisma.assessment.count({ where: { modification: { reference: "MP080" } } })).toBe(0);
  });

  it("logs a new IA with the default 40 WD and keeps a revised target with who and when", async () => {
    await app.command("dcc MP080 IA", { userId: DCC });
    const view = lastOpenedView(app);
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"40"');
    await submit(app, view, { request_received_on: "2 Sep 2019", accepted_on: "3 Sep 2019", status: { option: "IN_PROGRESS" } }, { userId: DCC });
    expect(await status("MP080")).toContain("IA in progress · accepted 3 Sep 2019 · target 40 WD (due 28 Oct 2019)");
    await app.command("dcc MP080 IA", { userId: DCC });
    await submit(app, lastOpenedView(app), { target_duration_wd: "45", note: "DCC asked for more time" }, { userId: DCC });
    const revisions = await app.db.prisma.targetRevision.findMany({ where: { assessment: { modification: { reference: "MP080" } } } });
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ previousDurationWd: 40, newDurationWd: 45, revisedBy: DCC, reason: "DCC asked for more time" });
    expect(revisions[0]!.previousTargetDate!.toISOString().slice(0, 10)).toBe("2019-10-28");
    expect(revisions[0]!.newTargetDate!.toISOString().slice(0, 10)).toBe("2019-11-04");
  });

  it("shows the computed target before saving when Enter is pressed in the duration", async () => {
    await app.command("dcc MP079", { userId: DCC });
    const view = lastOpenedView(app);
    const before = app.slack.callsTo("views.update").length;
    const payload = {
      type: "block_actions",
      team: { id: "T0001", domain: "test" },
      user: { id: DCC, username: "dcc", team_id: "T0001" },
      api_app_id: "A0001",
      token: "legacy-token-unused",
      trigger_id: "trigger.recompute",
      view: { id: "VRECOMPUTE", hash: "h1", type: "modal", callback_id: "dcc", private_metadata: view.private_metadata, blocks: view.blocks, state: { values: {
        accepted_on: { accepted_on: { type: "plain_text_input", value: "30 Sep 2019" } },
        target_duration_wd: { target_duration_wd: { type: "plain_text_input", value: "15" } },
      } } },
      actions: [{ type: "plain_text_input", action_id: "target_duration_wd", block_id: "target_duration_wd", value: "15", action_ts: "1" }],
    };
    const { interactionBody, postSigned } = await import("../support/slackRequests.ts");
    expect((await postSigned(app.url, interactionBody(payload))).status).toBe(200);
    const update = app.slack.callsTo("views.update").slice(before)[0]!;
    expect(update.body.view_id).toBe("VRECOMPUTE");
    expect(JSON.stringify(update.body.view)).toContain("*Target 18 Oct 2019*: working day 15 counting 30 Sep 2019 as day 1");
  });
});
