import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readableText, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";
import { interactionBody, postSigned } from "../support/slackRequests.ts";
import { ADMIN, lastOpenedView, startFlowApp, submit, type OpenedView } from "./support.ts";

const DCC = "UDCC1";
const DCC2 = "UDCC2";

describe.each(databaseKinds)("logging DCC assessment dates (%s database)", (database) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startFlowApp(database);
    await app.command(`admin role <@${DCC}> dcc`, { userId: ADMIN });
    await app.command(`admin role <@${DCC2}> dcc`, { userId: ADMIN });
  });
  afterAll(() => app?.close());

  const status = async (ref: string) => readableText((await app.command(`status ${ref}`)).json());

  /** A button pressed inside an open modal, as Slack sends it. */
  async function pressInView(view: OpenedView, actionId: string, userId: string) {
    const block = view.blocks.find((b) => b.elements?.some((e: { action_id: string }) => e.action_id === actionId));
    const element = block.elements.find((e: { action_id: string }) => e.action_id === actionId);
    const payload = {
      type: "block_actions",
      team: { id: "T0001", domain: "test" },
      user: { id: userId, username: userId.toLowerCase(), team_id: "T0001" },
      api_app_id: "A0001",
      token: "legacy-token-unused",
      trigger_id: "trigger.in-view",
      view: { id: "VINVIEW", hash: "h1", type: "modal", callback_id: view.callback_id, private_metadata: view.private_metadata, blocks: view.blocks, state: { values: {} } },
      actions: [{ type: "button", action_id: actionId, block_id: block.block_id, value: element.value, action_ts: "1" }],
    };
    expect((await postSigned(app.url, interactionBody(payload))).status).toBe(200);
  }

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

  it("redraws a stale edit from what is saved now, says who changed it and what of yours differs, and overwrites nothing", async () => {
    await app.command("dcc SECMP0024", { userId: DCC });
    const first = lastOpenedView(app);
    await app.command("dcc SECMP0024", { userId: DCC2 });
    const second = lastOpenedView(app);
    expect((await submit(app, first, { note: "first" }, { userId: DCC })).json().response_action).toBe("update");
    const stale = (await submit(app, second, { note: "second", target_duration_wd: "20" }, { userId: DCC2 })).json();
    expect(stale.response_action).toBe("update");
    const redrawn = stale.view as OpenedView;
    expect(redrawn.callback_id).toBe("dcc");
    const text = readableText({ blocks: redrawn.blocks });
    expect(text).toContain("@UDCC1 saved SECMP0024's PA while you were editing it, so nothing of yours was saved. The form now shows what is saved.");
    expect(text).toContain(`• target duration: yours 20 WD, saved 15 WD`);
    expect(text).toContain(`• note: yours "second", saved "first"`);
    // The fields show what is saved, under new action ids so Slack doesn't keep what was typed.
    const note = redrawn.blocks.find((b) => b.block_id === "note");
    expect(note.element.initial_value).toBe("first");
    expect(note.element.action_id).not.toBe((first.blocks.find((b) => b.block_id === "note") as { element: { action_id: string } }).element.action_id);
    const row = await app.db.prisma.assessment.findFirstOrThrow({ where: { modification: { reference: "SECMP0024" }, type: "PA" } });
    expect(row.note).toBe("first");
    // Entered again on the redrawn form, it saves.
    expect((await submit(app, redrawn, { note: "second" }, { userId: DCC2 })).json().view.blocks[0].text.text).toContain("Saved SECMP0024's PA.");
    expect((await app.db.prisma.assessment.findFirstOrThrow({ where: { id: row.id } })).note).toBe("second");
  });

  it("says so when the form is saved unchanged, and keeps a revised target when only the note changes", async () => {
    const pa = await app.db.prisma.assessment.findFirstOrThrow({ where: { modification: { reference: "SECMP0024" }, type: "PA" } });
    // As the report's Appendix A has it: a target revised beyond what 15 WD from acceptance gives.
    await app.db.prisma.assessment.update({ where: { id: pa.id }, data: { targetDate: new Date("2019-07-30T00:00:00Z"), version: { increment: 1 } } });
    await app.command("dcc SECMP0024", { userId: DCC });
    const view = lastOpenedView(app);
    expect(readableText({ blocks: view.blocks })).toContain(
      "Target 18 Jun 2019: working day 15 counting 29 May 2019 as day 1. DCC's revised date 30 Jul 2019 is the agreed one; lateness is reported against both.",
    );
    expect(view.blocks.find((b) => b.block_id === "revised_target_on").element.initial_value).toBe("30 Jul 2019");
    expect((await submit(app, view, {}, { userId: DCC })).json().view.blocks[0].text.text).toBe("Nothing to save: SECMP0024's PA already says that.");
    await app.command("dcc SECMP0024", { userId: DCC });
    await submit(app, lastOpenedView(app), { note: "DCC agreed a revised date" }, { userId: DCC });
    const after = await app.db.prisma.assessment.findFirstOrThrow({ where: { id: pa.id } });
    expect(after.targetDate!.toISOString().slice(0, 10)).toBe("2019-07-30");
    expect(after.note).toBe("DCC agreed a revised date");
    expect(await app.db.prisma.targetRevision.count({ where: { assessmentId: pa.id } })).toBe(0);
  });

  it("sets the contact late nudges mention: a person or a user group's id, shown on the card while the assessment is open", async () => {
    await app.command("dcc MP080 PA", { userId: DCC });
    let view = lastOpenedView(app);
    const open = { accepted_on: "2 Sep 2019", status: { option: "IN_PROGRESS" } };
    const handle = (await submit(app, view, { ...open, contact_group: "@dcc-assessments" }, { userId: DCC })).json();
    expect(handle.response_action).toBe("errors");
    expect(handle.errors.contact_group).toContain("Slack needs the id, like S0123ABCD");
    const both = (await submit(app, view, { ...open, contact_group: "S0123ABCD", contact_user: { user: DCC } }, { userId: DCC })).json();
    expect(both.errors.contact_group).toBe("Give a person or a user group, not both: clear one of them.");
    const saved = (await submit(app, view, { ...open, contact_group: "<!subteam^S0123ABCD|@dcc-assessments>" }, { userId: DCC })).json();
    expect(saved.view.blocks[0].text.text).toContain("Late nudges mention <!subteam^S0123ABCD>.");
    expect(await status("MP080")).toContain("PA in progress · accepted 2 Sep 2019 · 22 of 15 WD, due 20 Sep 2019 · contact @S0123ABCD");
    await app.command("dcc MP080 PA", { userId: DCC });
    view = lastOpenedView(app);
    expect(view.blocks.find((b) => b.block_id === "contact_group").element.initial_value).toBe("S0123ABCD");
    await submit(app, view, { contact_group: undefined, contact_user: { user: DCC } }, { userId: DCC });
    expect(await status("MP080")).toContain("22 of 15 WD, due 20 Sep 2019 · contact @UDCC1");
    const history = readableText((await app.command("history MP080")).json());
    expect(history).toContain("contact @S0123ABCD → @UDCC1");
    await app.command("dcc MP080 PA", { userId: DCC });
    await submit(app, lastOpenedView(app), { delivered_on: "30 Sep 2019", status: { option: "DELIVERED" } }, { userId: DCC });
    expect(await status("MP080")).not.toContain("contact @UDCC1");
  });

  it("logs a new request after the last one was delivered, from the command or the form's button, and not while one is open", async () => {
    await app.command("dcc SECMP0024", { userId: DCC });
    const delivered = lastOpenedView(app);
    const button = delivered.blocks.find((b) => b.block_id === "dcc_new_request");
    expect(button.elements[0].text.text).toBe("Log a new PA request");
    const before = app.slack.callsTo("views.update").length;
    await pressInView(delivered, "dcc.new_request", DCC);
    const fresh = app.slack.callsTo("views.update").slice(before)[0]!.body.view as OpenedView;
    expect(fresh.title.text).toBe("SECMP0024 · PA 2");
    expect(readableText({ blocks: fresh.blocks })).toContain("A new PA request (PA 2). The earlier one stays in the history:\nPA: PA delivered 30 Sep 2019");
    expect(fresh.blocks.find((b) => b.block_id === "delivered_on").element.initial_value).toBeUndefined();
    await app.command("dcc SECMP24 PA new", { userId: DCC });
    expect(lastOpenedView(app).title.text).toBe("SECMP0024 · PA 2");
    const saved = (await submit(app, fresh, { request_received_on: "1 Oct 2019", contact_user: { user: DCC } }, { userId: DCC })).json();
    expect(saved.view.blocks[0].text.text).toContain("Saved SECMP0024's PA 2.");
    const card = await status("SECMP0024");
    expect(card).toContain("PA delivered 30 Sep 2019");
    expect(card).toContain("PA 2 requested 1 Oct 2019 · awaiting DCC acceptance · contact @UDCC1");
    expect(readableText((await app.command("dcc SECMP0024 PA new", { userId: DCC })).json())).toContain(
      "SECMP0024's PA 2 is requested (awaiting dcc acceptance), so there is no room for a new request yet. Log its delivery or cancel it first: /mod dcc SECMP0024 PA",
    );
    // The form opened before PA 2 existed can't make a second PA 2.
    const again = (await submit(app, lastOpenedView(app), { request_received_on: "1 Oct 2019" }, { userId: DCC })).json();
    expect(again.response_action).toBe("update");
    expect(readableText({ blocks: again.view.blocks })).toContain("saved SECMP0024's PA 2 while you were editing it");
    expect(await app.db.prisma.assessment.count({ where: { modification: { reference: "SECMP0024" }, type: "PA" } })).toBe(2);
    const history = readableText((await app.command("history SECMP0024")).json());
    expect(history).toContain("@UDCC1 · PA 2 logged");
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
    expect(await app.db.prisma.assessment.count({ where: { modification: { reference: "MP080" }, type: "IA" } })).toBe(0);
  });

  it("logs a new IA with the default 40 WD and keeps a revised target with who and when", async () => {
    await app.command("dcc MP080 IA", { userId: DCC });
    const view = lastOpenedView(app);
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"40"');
    await submit(app, view, { request_received_on: "2 Sep 2019", accepted_on: "3 Sep 2019", status: { option: "IN_PROGRESS" } }, { userId: DCC });
    expect(await status("MP080")).toContain("IA in progress · accepted 3 Sep 2019 · 21 of 40 WD, due 28 Oct 2019");
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

  it("derives the status from the dates: an accepted request is in progress without choosing it", async () => {
    await app.command("dcc MP079 IA", { userId: DCC });
    const view = lastOpenedView(app);
    expect(view.blocks.find((b) => b.block_id === "status").element.initial_option.value).toBe("FROM_DATES");
    const saved = (await submit(app, view, { request_received_on: "30 Sep 2019", accepted_on: "1 Oct 2019" }, { userId: DCC })).json();
    expect(readableText({ blocks: saved.view.blocks })).toContain("Now: IA in progress · accepted 1 Oct 2019 · 1 of 40 WD, due 25 Nov 2019");
    const row = await app.db.prisma.assessment.findFirstOrThrow({ where: { modification: { reference: "MP079" }, type: "IA" } });
    expect(row.status).toBe("IN_PROGRESS");
    expect(await status("MP079")).toContain("IA in progress · accepted 1 Oct 2019 · 1 of 40 WD, due 25 Nov 2019");
    // Choosing a status the dates contradict is refused on the field to put right.
    await app.command("dcc MP079 IA", { userId: DCC });
    const contradicted = (await submit(app, lastOpenedView(app), { status: { option: "DELIVERED" } }, { userId: DCC })).json();
    expect(contradicted.errors).toEqual({ delivered_on: "Delivered on which date? Give the date, or choose another status." });
  });

  it("keeps DCC's revised date beside the original, says both on the card, and keeps each change", async () => {
    await app.command("dcc MP079 IA", { userId: DCC });
    await submit(app, lastOpenedView(app), { revised_target_on: "20 Dec 2019", note: "DCC agreed a later date" }, { userId: DCC });
    expect(await status("MP079")).toContain("IA in progress · accepted 1 Oct 2019 · 1 of 40 WD, due 25 Nov 2019 · DCC's revised date 20 Dec 2019");
    await app.command("dcc MP079 IA", { userId: DCC });
    const before = (await submit(app, lastOpenedView(app), { revised_target_on: "30 Sep 2019" }, { userId: DCC })).json();
    expect(before.errors).toEqual({ revised_target_on: "The target date can't be before the request was accepted." });
    await app.command("dcc MP079 IA", { userId: DCC });
    await submit(app, lastOpenedView(app), { revised_target_on: undefined }, { userId: DCC });
    expect(await status("MP079")).not.toContain("DCC's revised date");
    const revisions = await app.db.prisma.targetRevision.findMany({ where: { assessment: { modification: { reference: "MP079" } } }, orderBy: { id: "asc" } });
    expect(revisions.map((r) => [r.previousTargetDate?.toISOString().slice(0, 10), r.newTargetDate?.toISOString().slice(0, 10), r.reason])).toEqual([
      ["2019-11-25", "2019-12-20", "DCC agreed a later date"],
      ["2019-12-20", "2019-11-25", "DCC agreed a later date"],
    ]);
  });

  it("answers plainly for a Draft Proposal: the DCC assesses Modification Proposals", async () => {
    const answer = readableText((await app.command("dcc DP084", { userId: DCC })).json());
    expect(answer).toContain("DP084 is a Draft Proposal, and the DCC assesses Modification Proposals: there are no DCC dates to log for it yet.");
    const card = (await app.command("status DP084")).json();
    const buttons = card.blocks.flatMap((b: { elements?: { text?: { text: string } }[] }) => b.elements ?? []).map((e: { text?: { text: string } }) => e.text?.text);
    expect(buttons).toContain("History");
    expect(buttons).not.toContain("Log DCC dates");
    await app.action({ actionId: "status.log_dcc", value: "DP084", userId: DCC });
    expect(readableText(app.slack.callsTo("response_url").at(-1)!.body as never)).toContain("DP084 is a Draft Proposal");
  });
});
