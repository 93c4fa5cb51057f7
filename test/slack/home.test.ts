import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/appContext.ts";
import { openDatabase, type Database } from "../../src/data/database.ts";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { deliverWatchMessages, type WatchMessageSettings } from "../../src/jobs/watchMessages.ts";
import { watch } from "../../src/data/watches.ts";
import { watchMessage } from "../../src/slack/blocks/watchMessage.ts";
import { defaultWorkingHours } from "../../src/domain/workingHours.ts";
import { smallRegister } from "../support/registers.ts";
import { eventCallbackBody, interactionBody, postSigned } from "../support/slackRequests.ts";
import { readableText, startTestApp, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";

// The App Home tab and watching, driven as Slack drives them: a signed app_home_opened event
// callback, block actions and menu searches from the Home view, /mod watch, and the scheduler's
// pass that sends watchers their direct messages; the fake Web API records views.publish and
// chat.postMessage.

const ADMIN = "UADMIN";
const DCC_USER = "UDCCPERSON";
const CB_USER = "UCBMEMBER";
const VIEWER = "UVIEWER";
const WATCHER = "UWATCHER";

// Tue 1 Oct 2019, 12:00 in London (BST): a working day, within working hours.
const NOON = new Date("2019-10-01T11:00:00Z");
// Tue 8 Oct 2019 noon: after the steps the working-hours test records on 4 and 7 Oct.
const LATER = new Date("2019-10-08T11:00:00Z");
const settings: WatchMessageSettings = { batchMs: 3 * 60_000, hours: defaultWorkingHours };

const viewOf = (view: unknown): any => (typeof view === "string" ? JSON.parse(view) : view);

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: any[]; accessory?: any };

/** Slack's Block Kit limits a Home view must keep (checked here whatever the fake enforces). */
function expectWithinHomeLimits(view: { type: string; blocks: Block[] }): void {
  expect(view.type).toBe("home");
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  const blockIds = view.blocks.map((b) => b.block_id).filter(Boolean);
  expect(new Set(blockIds).size).toBe(blockIds.length);
  for (const block of view.blocks) {
    if (block.type === "section") expect(block.text!.text.length).toBeLessThanOrEqual(3000);
    const elements = [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])];
    const actionIds = elements.map((e) => e.action_id).filter(Boolean);
    expect(new Set(actionIds).size).toBe(actionIds.length);
    for (const e of elements) if (e.type === "button") expect(e.text.text.length).toBeLessThanOrEqual(75);
  }
}

describe.each(databaseKinds)("App Home and watching (%s database)", (database) => {
  let app: TestApp;
  let clock = NOON;

  const lastHome = (userId: string) => {
    const call = app.slack.callsTo("views.publish").filter((c) => c.body.user_id === userId).at(-1);
    expect(call, `a Home published for ${userId}`).toBeDefined();
    const view = typeof call!.body.view === "string" ? JSON.parse(call!.body.view) : call!.body.view;
    expectWithinHomeLimits(view);
    return view as { type: string; blocks: Block[]; private_metadata: string };
  };
  const homeText = (userId: string) => readableText({ blocks: lastHome(userId).blocks });

  const openHome = (userId: string) =>
    postSigned(app.url, eventCallbackBody({ type: "app_home_opened", user: userId, channel: "D0001", tab: "home", event_ts: "1.0" }), { contentType: "application/json" });

  const homeAction = (userId: string, actionId: string, value: string, blockId = "block") =>
    postSigned(
      app.url,
      interactionBody({
        type: "block_actions",
        team: { id: "T0001", domain: "test" },
        user: { id: userId, username: "tester", team_id: "T0001" },
        api_app_id: "A0001",
        token: "legacy-token-unused",
        trigger_id: `trigger.${Date.now()}.${Math.random()}`,
        container: { type: "view", view_id: "VHOME" },
        view: { id: "VHOME", type: "home", private_metadata: JSON.stringify({ page: 0 }), callback_id: "", hash: "h" },
        actions: [{ type: "button", action_id: actionId, block_id: blockId, value, action_ts: String(Date.now() / 1000) }],
      }),
    );

  const dmsTo = (userId: string) => app.slack.callsTo("chat.postMessage").filter((c) => c.body.channel === userId);
  const deliver = () => deliverWatchMessages(app.ctx, app.slackApp.app.client, settings);

  beforeAll(async () => {
    app = await startTestApp({
      database,
      now: () => clock,
      seed: async (db) => {
        await importRegister(db.prisma, smallRegister(), { mode: "replace", actor: "test" });
        for (const [id, role, category] of [
          [DCC_USER, "DCC", null],
          [CB_USER, "CHANGE_BOARD", "ELECTRICITY_NETWORK"],
        ] as const) {
          await db.prisma.slackUser.create({ data: { id } });
          await db.prisma.userRole.create({ data: { userId: id, role, category, grantedBy: ADMIN } });
        }
        // SECMP0024's PA (late: 89 of 15 WD) names the DCC person; MP080 awaits the Change Board.
        const mp24 = await db.prisma.modification.findUniqueOrThrow({ where: { reference: "SECMP0024" } });
        await db.prisma.assessment.updateMany({ where: { modificationId: mp24.id }, data: { contact: DCC_USER } });
        await db.prisma.modification.update({ where: { reference: "MP080" }, data: { status: "AWAITING_CHANGE_BOARD", path: "SELF_GOVERNANCE" } });
      },
    });
  });
  afterAll(() => app?.close());
  beforeEach(() => {
    clock = NOON;
  });

  it("publishes Home when a signed app_home_opened event arrives", async () => {
    const response = await openHome(VIEWER);
    expect(response.status).toBe(200);
    const text = homeText(VIEWER);
    expect(text).toContain("You have no role yet");
    expect(text).toContain("/mod admin role @you dcc");
    expect(text).toContain("Waiting on you");
    expect(text).toContain("You watch nothing yet");
    expect(text).not.toContain("Falls due in the next 5 working days");
  });

  it("shows a DCC contact their open assessments with the status card's late wording and Log DCC dates", async () => {
    await openHome(DCC_USER);
    const view = lastHome(DCC_USER);
    const text = readableText({ blocks: view.blocks });
    expect(text).toContain("Your roles: DCC.");
    expect(text).toContain("DCC assessments you are the contact for (1, 1 late)");
    expect(text).toContain("SECMP0024");
    // The same words as /mod status SECMP0024 (status.test.ts).
    expect(text).toContain("PA in progress · accepted 29 May 2019 · 89 of 15 WD, due 18 Jun 2019");
    expect(text).toContain("⚠ Late: 74 WD over the 15 WD target");
    const row = view.blocks.find((b) => b.block_id === "dcc:SECMP0024:PA:1");
    expect(row?.accessory).toMatchObject({ action_id: "home.log_dcc", value: "SECMP0024", text: { text: "Log DCC dates" } });
    expect(text).not.toContain("Awaiting Electricity Network");
    expect(text).not.toContain("Falls due");
  });

  it("shows a Change Board member what awaits their group's vote", async () => {
    await openHome(CB_USER);
    const text = homeText(CB_USER);
    expect(text).toContain("Your roles: Change Board (Electricity Network).");
    expect(text).toContain("Awaiting Electricity Network's Change Board vote (1)");
    expect(text).toContain("MP080 · Ensuring a managed move to DUIS version 3.1");
    expect(text).not.toContain("SECMP0024");
  });

  it("shows an administrator what falls due in 5 working days and what is late, as the digest does", async () => {
    await openHome(ADMIN);
    const text = homeText(ADMIN);
    expect(text).toContain("administrator");
    expect(text).toContain("Falls due in the next 5 working days");
    expect(text).toContain("Overdue: late DCC assessments (1)");
    expect(text).toMatch(/SECMP0024.*DCC PA .*74 WD over the 15 WD target/);
    expect(lastHome(ADMIN).blocks.find((b) => b.block_id === "home:quick")?.elements?.map((e: any) => e.text?.text ?? e.placeholder.text)).toEqual([
      "Raise a Draft Proposal",
      "Change Status Report",
      "Open a status card…",
      "Mute direct messages",
      "Messages at any hour",
    ]);
  });

  it("searches every reference for Open a status card…", async () => {
    const response = await postSigned(
      app.url,
      interactionBody({
        type: "block_suggestion",
        user: { id: VIEWER },
        team: { id: "T0001" },
        api_app_id: "A0001",
        token: "legacy-token-unused",
        action_id: "home.open_status",
        block_id: "home:quick",
        value: "mp80",
        container: { type: "view", view_id: "VHOME" },
        view: { id: "VHOME", type: "home" },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.json().options.map((o: any) => o.value)).toEqual(["MP080"]);
    const byTitle = await postSigned(app.url, interactionBody({ type: "block_suggestion", user: { id: VIEWER }, team: { id: "T0001" }, api_app_id: "A0001", token: "x", action_id: "home.open_status", block_id: "home:quick", value: "firmware" }));
    expect(byTitle.json().options.map((o: any) => o.value)).toEqual(["SECMP0024"]);
  });

  it("shows the viewer's own Watch or Unwatch on the card from a button and from the digest's menu, as /mod status does", async () => {
    await app.command("watch SECMP0025", { userId: WATCHER });
    const lastCardButtons = () =>
      (app.slack.callsTo("response_url").at(-1)!.body as { blocks: Block[] }).blocks.find((b) => b.type === "actions")!.elements!.map((e: any) => e.text.text);
    await app.action({ actionId: "status.view", value: "SECMP0025", userId: WATCHER });
    expect(lastCardButtons()).toContain("Unwatch");
    await app.action({ actionId: "status.view", value: "SECMP0025", userId: VIEWER });
    expect(lastCardButtons()).toContain("Watch");
    expect(lastCardButtons()).not.toContain("Unwatch");
    const chosen = (userId: string) => ({
      type: "block_actions",
      user: { id: userId },
      team: { id: "T0001" },
      api_app_id: "A0001",
      token: "x",
      response_url: app.slack.responseUrl,
      channel: { id: "C0001" },
      actions: [{ type: "static_select", action_id: "digest.open_status", block_id: "digest:menu", selected_option: { text: { type: "plain_text", text: "SECMP0025" }, value: "SECMP0025" }, action_ts: "1" }],
    });
    await postSigned(app.url, interactionBody(chosen(WATCHER)));
    expect(lastCardButtons()).toContain("Unwatch");
    await postSigned(app.url, interactionBody(chosen(VIEWER)));
    expect(lastCardButtons()).not.toContain("Unwatch");
    await app.command("unwatch SECMP0025", { userId: WATCHER });
  });

  it("watches from /mod watch and the status card, lists them, and Home shows them with Status and Unwatch", async () => {
    expect(readableText((await app.command("watch mp79", { userId: WATCHER })).json())).toContain("You're watching MP079");
    expect(readableText((await app.command("watch MP079", { userId: WATCHER })).json())).toContain("You already watch MP079");
    const card = (await app.command("status MP079", { userId: WATCHER })).json();
    expect(card.blocks.find((b: Block) => b.type === "actions").elements.map((e: any) => e.text.text)).toContain("Unwatch");
    const other = (await app.command("status MP080", { userId: WATCHER })).json();
    const watchButton = other.blocks.find((b: Block) => b.type === "actions").elements.find((e: any) => e.text.text === "Watch");
    expect(watchButton).toMatchObject({ action_id: "status.watch", value: "MP080" });
    await app.action({ actionId: "status.watch", value: "MP080", userId: WATCHER });
    expect(readableText(app.slack.callsTo("response_url").at(-1)!.body as never)).toContain("You're watching MP080");
    const watching = readableText((await app.command("watching", { userId: WATCHER })).json());
    expect(watching).toContain("You watch 2:");
    expect(watching).toMatch(/MP079.*\n.*MP080/);

    await openHome(WATCHER);
    const view = lastHome(WATCHER);
    expect(readableText({ blocks: view.blocks })).toContain("Watching (2)");
    expect(view.blocks.find((b) => b.block_id === "watch:MP079")?.elements?.map((e: any) => [e.text.text, e.action_id])).toEqual([
      ["Status", "home.status"],
      ["Unwatch", "home.unwatch"],
    ]);

    // Unwatch from Home redraws it without MP080.
    await homeAction(WATCHER, "home.unwatch", "MP080", "watch:MP080");
    expect(homeText(WATCHER)).toContain("Watching (1)");
    expect(lastHome(WATCHER).blocks.some((b) => b.block_id === "watch:MP080")).toBe(false);
    expect(readableText((await app.command("unwatch MP080", { userId: WATCHER })).json())).toContain("You weren't watching MP080");
  });

  it("opens the status card and the DCC form from Home's buttons", async () => {
    app.slack.reset();
    await homeAction(WATCHER, "home.status", "MP079", "watch:MP079");
    const [status] = app.slack.callsTo("views.open");
    const statusView = viewOf(status.body.view);
    expect(readableText({ blocks: statusView.blocks })).toContain("MP079 · Provisions for withdrawing modifications");
    await homeAction(DCC_USER, "home.log_dcc", "SECMP0024", "dcc:SECMP0024:PA:1");
    const dccForm = viewOf((app.slack.callsTo("views.open")[1].body.view));
    expect(dccForm.type).toBe("modal");
    expect(JSON.stringify(dccForm)).toContain("SECMP0024");
    // Someone without the DCC role is told why, in a modal: Home has no channel to answer in.
    await homeAction(VIEWER, "home.log_dcc", "SECMP0024");
    expect(readableText({ blocks: viewOf((app.slack.callsTo("views.open")[2].body.view)).blocks })).toContain("needs the DCC role");
  });

  it("lists watch, unwatch and watching in /mod help", async () => {
    const help = readableText((await app.command("help")).json());
    expect(help).toContain("/mod watch REF");
    expect(help).toContain("/mod unwatch REF");
    expect(help).toContain("/mod watching");
    expect(readableText((await app.command("help watch")).json())).toContain("Changes you make yourself are never messaged");
  });

  it("redraws an open Home after the person's own write", async () => {
    await openHome(WATCHER);
    const before = app.slack.callsTo("views.publish").filter((c) => c.body.user_id === WATCHER).length;
    await app.command("watch SECMP0053", { userId: WATCHER });
    expect(app.slack.callsTo("views.publish").filter((c) => c.body.user_id === WATCHER).length).toBe(before + 1);
    expect(homeText(WATCHER)).toContain("SECMP0053");
    await app.command("unwatch SECMP0053", { userId: WATCHER });
  });

  it("messages a watcher once about someone else's change, never the one who made it, in one batch", async () => {
    await deliver(); // anything earlier tests queued
    app.slack.reset();
    await app.command("watch MP079", { userId: ADMIN });
    expect((await app.command("move MP079 hold", { userId: ADMIN })).status).toBe(200);
    expect((await app.command("move MP079 resume", { userId: ADMIN })).status).toBe(200);

    // Within the batch window nothing goes yet.
    clock = new Date(NOON.getTime() + 60_000);
    expect((await deliver()).sent).toEqual([]);
    expect(dmsTo(WATCHER)).toHaveLength(0);

    clock = new Date(NOON.getTime() + 4 * 60_000);
    expect((await deliver()).sent).toEqual([WATCHER]);
    const dms = dmsTo(WATCHER);
    expect(dms).toHaveLength(1);
    const text = readableText(dms[0].body as never);
    expect(text).toContain("MP079: 2 changes since you last heard");
    expect(text).toMatch(/hold/i);
    expect(text).toMatch(/resume/i);
    expect(text).toContain("Put on hold · @UADMIN · 1 Oct 2019 12:00");
    // The admin watches it too, but made the changes.
    expect(dmsTo(ADMIN)).toHaveLength(0);

    // Home, opened again, shows the latest change (nothing stale from the read cache).
    await openHome(WATCHER);
    expect(homeText(WATCHER)).toMatch(/MP079 · Provisions for withdrawing modifications\n.*\n.*Latest {2}Resumed from hold · @UADMIN · 1 Oct 2019 12:00/);

    // Each change once.
    clock = new Date(NOON.getTime() + 10 * 60_000);
    expect((await deliver()).sent).toEqual([]);
    expect(dmsTo(WATCHER)).toHaveLength(1);
    await app.command("unwatch MP079", { userId: ADMIN });
  });

  it("holds messages outside working hours until the next working morning, unless the watcher chose any hour", async () => {
    await deliver();
    app.slack.reset();
    // Fri 4 Oct 2019 19:00 in London: after hours; Mon 7 Oct 08:05 is the next working morning.
    clock = new Date("2019-10-04T18:00:00Z");
    await app.command("move MP079 hold", { userId: ADMIN });
    clock = new Date("2019-10-04T18:10:00Z");
    const held = await deliver();
    expect(held.sent).toEqual([]);
    expect(held.held).toContain(WATCHER);
    clock = new Date("2019-10-05T10:00:00Z"); // Saturday
    expect((await deliver()).sent).toEqual([]);
    clock = new Date("2019-10-07T07:05:00Z"); // Mon 08:05 BST
    expect((await deliver()).sent).toEqual([WATCHER]);

    // Any hour, chosen from Home: sent at 19:10.
    await homeAction(WATCHER, "home.hours", "any");
    expect(homeText(WATCHER)).toContain("at any hour");
    clock = new Date("2019-10-07T18:00:00Z");
    await app.command("move MP079 resume", { userId: ADMIN });
    clock = new Date("2019-10-07T18:10:00Z");
    expect((await deliver()).sent).toEqual([WATCHER]);
    await homeAction(WATCHER, "home.hours", "working");
  });

  it("sends nothing to a watcher who muted direct messages on Home", async () => {
    await deliver();
    app.slack.reset();
    clock = LATER;
    await homeAction(WATCHER, "home.mute", "mute");
    expect(homeText(WATCHER)).toContain("muted");
    await app.command("move MP079 hold", { userId: ADMIN });
    clock = new Date(LATER.getTime() + 10 * 60_000);
    const report = await deliver();
    expect(report.sent).toEqual([]);
    expect(report.dropped).toBeGreaterThan(0);
    expect(dmsTo(WATCHER)).toHaveLength(0);
    await homeAction(WATCHER, "home.mute", "unmute");
    await app.command("move MP079 resume", { userId: ADMIN });
    clock = new Date(LATER.getTime() + 20 * 60_000);
    expect((await deliver()).sent).toEqual([WATCHER]);
  });

  it("tells a watcher once when a DCC assessment of what they watch goes over its target", async () => {
    await deliver();
    app.slack.reset();
    await app.command("watch MP076", { userId: WATCHER });
    const mp76 = await app.db.prisma.modification.findUniqueOrThrow({ where: { reference: "MP076" } });
    // Accepted Wed 11 Sep 2019: its 15th working day is Tue 1 Oct, so it is late from Wed 2 Oct.
    await app.db.prisma.assessment.create({ data: { modificationId: mp76.id, type: "PA", acceptedOn: new Date("2019-09-11"), targetDurationWd: 15, status: "IN_PROGRESS" } });
    clock = new Date(NOON.getTime() + 10 * 60_000);
    expect((await deliver()).sent).toEqual([]);
    clock = new Date("2019-10-02T08:00:00Z");
    expect((await deliver()).sent).toEqual([]); // just noticed: the batch window runs from now
    clock = new Date("2019-10-02T08:05:00Z");
    expect((await deliver()).sent).toEqual([WATCHER]);
    const text = readableText(dmsTo(WATCHER)[0].body as never);
    expect(text).toContain("DCC PA went over its 15 WD target (due 1 Oct 2019): 1 WD over the 15 WD target");
    clock = new Date("2019-10-03T08:05:00Z");
    expect((await deliver()).sent).toEqual([]);
    expect(dmsTo(WATCHER)).toHaveLength(1);
    await app.command("unwatch MP076", { userId: WATCHER });
  });

  it.runIf(database === "server")("sends one message when two replicas deliver at once", async () => {
    await deliver();
    app.slack.reset();
    let second: Database | undefined;
    try {
      second = await openDatabase({ kind: "server", url: app.databaseUrl! });
      const replica = createAppContext({ prisma: second.prisma, now: () => clock, initialAdmins: [ADMIN] });
      clock = new Date(LATER.getTime() + 30 * 60_000);
      await app.command("move MP079 hold", { userId: ADMIN });
      clock = new Date(LATER.getTime() + 40 * 60_000);
      const reports = await Promise.all([deliver(), deliverWatchMessages(replica, app.slackApp.app.client, settings), deliver()]);
      expect(reports.flatMap((r) => r.sent)).toEqual([WATCHER]);
      expect(dmsTo(WATCHER)).toHaveLength(1);
      await app.command("move MP079 resume", { userId: ADMIN });
    } finally {
      await second?.close();
    }
  });
});

describe("Home and direct messages stay within Slack's limits", () => {
  let app: TestApp;
  const USER = "UMANY";

  beforeAll(async () => {
    app = await startTestApp({
      database: "embedded",
      seed: async (db) => {
        await db.prisma.modification.createMany({
          data: Array.from({ length: 70 }, (_, i) => ({ number: 200 + i, series: "MP" as const, reference: `MP${200 + i}`, title: `Title <${i}> & more`, status: "IN_REFINEMENT" as const })),
        });
        const all = await db.prisma.modification.findMany({ select: { id: true } });
        for (const m of all) await watch(db.prisma, USER, m.id, new Date());
      },
    });
  });
  afterAll(() => app?.close());

  it("pages a Home longer than 100 blocks and escapes titles", async () => {
    await postSigned(app.url, eventCallbackBody({ type: "app_home_opened", user: USER, channel: "D1", tab: "home", event_ts: "1.0" }), { contentType: "application/json" });
    const first = viewOf((app.slack.callsTo("views.publish").at(-1)!.body.view));
    expect(first.blocks.length).toBeLessThanOrEqual(100);
    const text = readableText({ blocks: first.blocks });
    expect(text).toContain("Watching (70)");
    expect(text).toContain("Page 1 of 2");
    expect(JSON.stringify(first.blocks)).toContain("Title &lt;0&gt; &amp; more");
    const nav = first.blocks.find((b: Block) => b.block_id === "home:pages");
    expect(nav.elements.map((e: any) => e.text.text)).toEqual(["Next page →"]);

    await postSigned(
      app.url,
      interactionBody({
        type: "block_actions",
        team: { id: "T0001", domain: "test" },
        user: { id: USER, username: "many", team_id: "T0001" },
        api_app_id: "A0001",
        token: "x",
        trigger_id: "trigger.page",
        container: { type: "view", view_id: "VHOME" },
        view: { id: "VHOME", type: "home", private_metadata: first.private_metadata },
        actions: [{ type: "button", action_id: "home.page", block_id: "home:pages", value: nav.elements[0].value, action_ts: "1.0" }],
      }),
    );
    const second = viewOf((app.slack.callsTo("views.publish").at(-1)!.body.view));
    expect(second.blocks.length).toBeLessThanOrEqual(100);
    expect(readableText({ blocks: second.blocks })).toContain("Page 2 of 2");
    expect(readableText({ blocks: second.blocks })).toContain("MP269");
    const ids = second.blocks.map((b: Block) => b.block_id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("fits changes to 70 modifications into one direct message of at most 50 blocks", () => {
    const changes = Array.from({ length: 70 }, (_, i) => ({ reference: `MP${200 + i}`, title: `T <${i}>`, action: "Put on hold", actor: "UADMIN", at: new Date("2019-10-01T11:00:00Z") }));
    const message = watchMessage(changes);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(readableText(message)).toContain("And 22 more modifications: see Home.");
    expect(JSON.stringify(message.blocks)).toContain("T &lt;0&gt;");
  });
});
