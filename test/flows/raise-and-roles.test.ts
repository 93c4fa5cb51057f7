import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readableText, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";
import { ADMIN, lastOpenedView, newViewId, startFlowApp, startSecondInstance, submit } from "./support.ts";

describe.each(databaseKinds)("roles and raising a Draft Proposal (%s database)", (database) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startFlowApp(database);
  });
  afterAll(() => app?.close());

  const say = async (text: string, userId = ADMIN) => readableText((await app.command(text, { userId })).json());

  it("lets only administrators manage roles, and lists them", async () => {
    expect(await say("admin role <@UDCC1|dee> dcc", "UNOBODY")).toContain("Managing roles needs the administrator role");
    expect(await app.db.prisma.userRole.count()).toBe(0);
    expect(await say("admin role <@UDCC1|dee> dcc")).toContain("@UDCC1 now has the DCC role.");
    expect(await say(`admin role <@UCB1> change-board "Large Supplier"`)).toContain("Change Board role, voting for Large Supplier");
    const roles = await say("admin roles");
    expect(roles).toContain("@UDCC1 · DCC");
    expect(roles).toContain("@UCB1 · Change Board (Large Supplier)");
    expect(roles).toContain("Administrators from MODBOT_ADMINS: @UADMIN");
    expect(await say("admin revoke <@UDCC1> dcc")).toContain("no longer has the DCC role");
    expect(await say("admin revoke <@UDCC1> dcc")).toContain("didn't have the DCC role; nothing changed");
  });

  it("explains bad admin input instead of guessing", async () => {
    expect(await say("admin role @dee dcc")).toContain("pick them from the @ autocomplete");
    expect(await say("admin role <@UX1> wizard")).toContain(`"wizard" isn't a role`);
    expect(await say("admin role <@UX1> change-board Megacorp")).toContain(`"Megacorp" isn't a Change Board voting group.`);
    expect(await say("admin role <@UX1> dcc Large Supplier")).toContain("Only the Change Board role has a category");
    expect(await app.db.prisma.userRole.count({ where: { userId: "UX1" } })).toBe(0);
  });

  it("refuses to open the raise form without the administrator role", async () => {
    const before = app.slack.callsTo("views.open").length;
    expect(await say("raise", "UNOBODY")).toContain("Raising a Draft Proposal needs the administrator role. An administrator can add you with /mod admin role @you admin.");
    expect(app.slack.callsTo("views.open").length).toBe(before);
  });

  it("raises DP085 with a new party, tells the channel, and shows it at once", async () => {
    await app.command("raise Smart Meter Wi-Fi Hubs", { userId: ADMIN, channelId: "CPROPS" });
    const view = lastOpenedView(app);
    expect(view.callback_id).toBe("raise");
    expect(JSON.stringify(view.blocks)).toContain("Energy Savings Trust");
    const response = await submit(app, view, {
      new_party: "Shell Energy",
      new_party_category: { option: "LARGE_SUPPLIER" },
      raised_on: "30 Sep",
      summary: "Hubs need Wi-Fi.",
      path: { option: "SELF_GOVERNANCE" },
    });
    expect(response.status).toBe(200);
    expect(response.json().response_action).toBe("update");
    expect(JSON.stringify(response.json().view)).toContain("DP085");
    const posted = app.slack.callsTo("chat.postMessage").at(-1)!;
    expect(posted.body.channel).toBe("CPROPS");
    expect(JSON.stringify(posted.body.blocks)).toContain("status.view");
    expect(readableText(posted.body as never)).toContain(
      "📝 DP085 · Smart Meter Wi-Fi Hubs\nDraft Proposal raised by Shell Energy on 30 Sep 2019 · Self-Governance · logged by @UADMIN",
    );
    const status = await say("status DP085");
    expect(status).toContain("DP085 · Smart Meter Wi-Fi Hubs");
    expect(status).toContain("Path  Path 3: Self-Governance\nRaised  by Shell Energy on 30 Sep 2019");
    const clicked = await app.action({ actionId: "status.view", value: "DP085" });
    expect(clicked.status).toBe(200);
    expect(readableText(app.slack.callsTo("response_url").at(-1)!.body as never)).toContain("DP085 · Smart Meter Wi-Fi Hubs");
    const history = await say("history DP085");
    expect(history).toContain("@UADMIN · raised");
  });

  it("tells the person a raise was saved when its channel can't be told", async () => {
    await app.command("raise Channel gone", { userId: ADMIN, channelId: "CGONE" });
    app.slack.failNext("chat.postMessage", { error: "channel_not_found" });
    const response = await submit(app, lastOpenedView(app), { party: { option: "1" }, raised_on: "30 Sep", summary: "x", path: { option: "SELF_GOVERNANCE" } });
    const raised = /DP\d+/.exec(JSON.stringify(response.json().view))![0];
    const [toChannel, toPerson] = app.slack.callsTo("chat.postMessage").slice(-2);
    expect(toChannel!.body.channel).toBe("CGONE");
    expect(toPerson!.body.channel).toBe(ADMIN);
    const told = readableText(toPerson!.body as never);
    expect(told).toContain("⚠️ Saved, but I couldn't tell #CGONE: the channel no longer exists, or it is private and I am not in it.");
    expect(told).toContain(`${raised} · Channel gone`);
    expect(await say("status " + raised)).toContain(`${raised} · Channel gone`);
  });

  it("lets only the SEC Panel raise a Fast-Track Self-Governance modification, which the Panel then decides", async () => {
    await app.command("raise", { userId: ADMIN });
    const view = lastOpenedView(app);
    const paths = view.blocks.find((b) => b.block_id === "path").element.options.map((o: { text: { text: string } }) => o.text.text);
    expect(paths).toEqual(["Path 1: Authority-led", "Path 2: Authority Determined", "Path 3: Self-Governance", "Fast-Track Self-Governance", "Urgent"]);
    const shell = String((await app.db.prisma.party.findFirstOrThrow({ where: { name: "Shell Energy" } })).id);
    const refused = (await submit(app, view, { title: "Typo in Section G", party: { option: shell }, summary: "A typo.", path: { option: "FAST_TRACK" } })).json();
    expect(refused.errors.path).toContain("Only the SEC Panel raises Fast-Track Self-Governance modifications, not Shell Energy.");
    const raised = (
      await submit(app, view, { title: "Typo in Section G", new_party: "SEC Panel", new_party_category: { option: "PANEL_OR_COMMITTEE" }, summary: "A typo.", path: { option: "FAST_TRACK" } })
    ).json();
    const reference = /DP\d+/.exec(JSON.stringify(raised.view))![0];
    const card = await say(`status ${reference}`);
    expect(card).toContain("Path  Fast-Track Self-Governance\nRaised  by SEC Panel on 1 Oct 2019");
    expect(card).toContain("The Panel decides (Fast-Track Self-Governance: no Working Group or Change Board)");
    const wg = await say(`move ${reference} ready`);
    expect(wg).toContain("isn't a step here: on the Fast-Track Self-Governance path the Panel decides");
    expect(wg).toContain("Allowed now: Panel approves (Fast-Track Self-Governance) (`panel-approved`)");
    const approved = await say(`move ${reference} approved`);
    expect(approved).toContain(`(was ${reference}; ${reference} still finds it): Panel approves (Fast-Track Self-Governance), on 1 Oct 2019. Now approved for release.`);
    expect(await say(`vote ${reference}`, "UCB1")).toContain("on the Fast-Track Self-Governance path: the Panel decides it and the Change Board does not vote.");
  });

  it("takes an Urgent proposal straight to the Panel", async () => {
    await app.command("raise", { userId: ADMIN });
    const party = String((await app.db.prisma.party.findFirstOrThrow({ where: { name: "Northern Powergrid" } })).id);
    const raised = (await submit(app, lastOpenedView(app), { title: "Urgent fix", party: { option: party }, summary: "Now.", path: { option: "URGENT" } })).json();
    const reference = /DP\d+/.exec(JSON.stringify(raised.view))![0];
    expect(await say(`status ${reference}`)).toContain("The Panel considers it to the urgent timetable agreed with the Authority");
    expect(await say(`move ${reference} convert`)).toContain("Panel converts to a Modification Proposal, on 1 Oct 2019. Now with the Working Group.");
  });

  it("puts each problem on its field and saves nothing", async () => {
    await app.command("raise", { userId: ADMIN });
    const count = await app.db.prisma.modification.count();
    const bad = await submit(app, lastOpenedView(app), { title: "Fix", raised_on: "next blursday", summary: "x" });
    expect(bad.json().response_action).toBe("errors");
    expect(bad.json().errors.raised_on).toContain(`"next blursday" isn't a date I understand`);
    const noParty = await submit(app, lastOpenedView(app), { title: "Fix things", raised_on: "1 Oct 2019", summary: "x" });
    expect(noParty.json().errors.party).toContain("Who raised it?");
    const future = await submit(app, lastOpenedView(app), { title: "Fix things", raised_on: "3 Oct 2019", summary: "x", party: { option: "1" } });
    expect(future.json().errors.raised_on).toContain("can't be raised in the future");
    expect(await app.db.prisma.modification.count()).toBe(count);
  });

  it("creates one proposal when Slack retries or a submit is double-clicked, and two for two forms at once", async () => {
    await app.command("raise", { userId: ADMIN });
    const view = lastOpenedView(app);
    const party = String((await app.db.prisma.party.findFirstOrThrow({ where: { name: "Northern Powergrid" } })).id);
    const fields = { title: "Retry me", party: { option: party }, summary: "Retries." };
    const viewId = newViewId();
    const [first, second] = await Promise.all([submit(app, view, fields, { viewId }), submit(app, view, fields, { viewId })]);
    const retry = await submit(app, view, fields, { viewId, retryNum: 1 });
    for (const r of [first, second, retry]) expect(r.status).toBe(200);
    expect(await app.db.prisma.modification.count({ where: { title: "Retry me" } })).toBe(1);
    const posts = app.slack.callsTo("chat.postMessage").filter((c) => String(c.body.text).includes("Retry me"));
    expect(posts).toHaveLength(1);
    await Promise.all([
      submit(app, view, { ...fields, title: "Twin A" }),
      submit(app, view, { ...fields, title: "Twin B" }),
    ]);
    const twins = await app.db.prisma.modification.findMany({ where: { title: { startsWith: "Twin" } }, orderBy: { number: "asc" } });
    expect(twins).toHaveLength(2);
    expect(twins[1]!.number).toBe(twins[0]!.number + 1);
  });

  it.runIf(database === "server")("creates one proposal when two replicas receive the same submission", async () => {
    const second = await startSecondInstance(app);
    try {
      await app.command("raise", { userId: ADMIN });
      const view = lastOpenedView(app);
      const fields = { title: "Two replicas", party: { option: "1" }, summary: "Same request twice." };
      const viewId = newViewId();
      const answers = await Promise.all([submit(app, view, fields, { viewId }), submit(second, view, fields, { viewId })]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(await app.db.prisma.modification.count({ where: { title: "Two replicas" } })).toBe(1);
    } finally {
      await second.close();
    }
  });
});
