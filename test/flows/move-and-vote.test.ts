import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moves, stepWords } from "../../src/domain/moves.ts";
import { readableText, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";
import { postSigned, slashCommandBody } from "../support/slackRequests.ts";
import { ADMIN, lastOpenedView, newViewId, startFlowApp, startSecondInstance, submit } from "./support.ts";

const members = { ULS: "Large Supplier", USS: "Small Supplier", UEN: "Electricity Network", UGN: "Gas Network" } as const;

describe.each(databaseKinds)("lifecycle steps and Change Board votes (%s database)", (database) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startFlowApp(database);
    for (const [user, category] of Object.entries(members)) await app.command(`admin role <@${user}> change-board "${category}"`, { userId: ADMIN });
  });
  afterAll(() => app?.close());

  const say = async (text: string, userId = ADMIN) => readableText((await app.command(text, { userId })).json());

  it("records CSC readiness and the Panel's conversion; the DP number keeps resolving", async () => {
    const ready = (await app.command("move DP084 ready", { userId: ADMIN })).json();
    expect(ready.response_type).toBe("in_channel");
    expect(readableText(ready)).toContain("CSC says ready for the Panel, on 1 Oct 2019. Now ready for the Panel to convert");
    expect(await say("move DP084 convert")).toContain("MP084 (was DP084; DP084 still finds it): Panel converts to a Modification Proposal");
    expect(await say("status DP084")).toContain("MP084 · Other User Panel Seating Amendment");
    const history = await say("history mp84");
    expect(history).toContain("Panel converts to a Modification Proposal (on 1 Oct 2019) — reference DP084 → MP084; status ready for the Panel to convert (CSC decision) → with the Working Group");
    expect(history).toContain("Energy Savings Trust · Raised");
  });

  it("calls every step by one name in the README, /mod help move, the move form and the refusals", async () => {
    const readmeRow = readFileSync("README.md", "utf8").split("\n").find((l) => l.startsWith("| `/mod move REF [STEP] [DATE]`"))!;
    const readmeWords = [...readmeRow.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
    const help = await say("help move");
    for (const word of stepWords()) {
      expect(readmeWords, word).toContain(word);
      expect(help, word).toContain(`\`${word}\``);
    }
    // Every word the README gives is a step (or an alias of one) the bot knows.
    for (const word of readmeWords.filter((w) => !["approved", "rejected"].includes(w))) {
      expect(moves.some((m) => m.word === word || m.aliases.includes(word)), word).toBe(true);
    }
    await app.command("move MP079", { userId: ADMIN });
    const options = lastOpenedView(app).blocks.find((b) => b.block_id === "move").element.options.map((o: { text: { text: string } }) => o.text.text);
    expect(options).toContain("Modification Report presented to the Panel · report");
    expect(options).toContain("Working Group meeting held · wg");
    for (const option of options) expect(option.length).toBeLessThanOrEqual(75);
    expect(await say("move MP079 send-back")).toContain("“Sent back to the Working Group” can't happen while it is with the Working Group");
  });

  it("refuses a step that can't happen now, with the reason and what can", async () => {
    const text = await say("move MP079 implemented");
    expect(text).toContain("Nothing was recorded. MP079: “Implemented” can't happen while it is with the Working Group.");
    expect(text).toContain("Allowed now: Modification Report presented to the Panel (`report`)");
    expect(text).toContain("Working Group meeting held (`wg`)");
    expect(await say("move MP079 fly")).toContain(`"fly" isn't a step I know`);
    expect(await say("move MP079 wg", "UNOBODY")).toContain("Recording lifecycle steps needs the administrator role");
    expect(await say("move MP079 wg 2 Oct 2019")).toBe("Nothing was recorded. 2 Oct 2019 is in the future; record a step once it has happened.");
    expect(await say("move DP084 withdrawn 1 Sep 2019")).toContain("last recorded step was on 1 Oct 2019; this one can't be earlier");
  });

  it("records a retried /mod move once", async () => {
    const body = slashCommandBody({ text: "move MP080 wg", userId: ADMIN, responseUrl: app.slack.responseUrl, triggerId: `trigger.retry.${database}` });
    const first = readableText((await postSigned(app.url, body)).json());
    const retried = readableText((await postSigned(app.url, body, { retryNum: 1 })).json());
    expect(first).toContain("Working Group meeting held, on 1 Oct 2019");
    expect(retried).toBe(first);
    expect(await app.db.prisma.stageTransition.count({ where: { modification: { reference: "MP080" }, event: "Working Group meeting held" } })).toBe(1);
  });

  it("puts a modification on hold and only lets it resume", async () => {
    expect(await say("move MP079 hold")).toContain("Put on hold");
    expect(await say("status MP079")).toContain("on hold");
    expect(await say("move MP079 wg")).toContain("it is on hold; resume it first");
    expect(await say("move MP079 resume")).toContain("Resumed from hold");
    expect(await say("move MP079 wg")).toContain("Working Group meeting held, on 1 Oct 2019");
    expect(await app.db.prisma.workingGroupItem.count({ where: { modification: { reference: "MP079" } } })).toBe(1);
  });

  it("opens the report consultation from the form with its closing date, and refuses a stale form", async () => {
    await app.action({ actionId: "status.move", value: "SECMP0053", userId: ADMIN });
    const first = lastOpenedView(app);
    await app.command("move secmp53", { userId: ADMIN });
    const second = lastOpenedView(app);
    expect(JSON.stringify(first.blocks)).toContain("Modification Report Consultation opened");
    const done = (await submit(app, first, { move: { option: "report-consultation-opened" }, date: "1 Oct 2019" })).json();
    expect(JSON.stringify(done.view)).toContain("It closes on 21 Oct 2019 (15 working days)");
    expect(await say("status SECMP0053")).toContain("Modification Report Consultation open, closes 21 Oct 2019");
    const stale = (await submit(app, second, { move: { option: "sent-back" } })).json();
    expect(stale.response_action).toBe("errors");
    expect(stale.errors.move).toContain("SECMP0053 is now Modification Report Consultation open");
    expect((await app.db.prisma.modification.findFirstOrThrow({ where: { reference: "SECMP0053" } })).status).toBe("REPORT_CONSULTATION");
  });

  it("lets only Change Board members vote, and only when it is awaiting the Change Board", async () => {
    expect(await say("vote SECMP0053")).toBe(
      `Recording Change Board votes needs the Change Board role. An administrator can add you with /mod admin role @you change-board "Large Supplier".`,
    );
    expect(await say("vote SECMP0053", "ULS")).toContain(
      "The Change Board votes once the Modification Report Consultation has closed; SECMP0053 is at “Modification Report Consultation open”. Nothing is awaiting a Change Board vote now.",
    );
    // DCC is no voting group: it can't be given a Change Board role, so it can't vote.
    expect(await say(`admin role <@UDCCM> change-board DCC`)).toContain("DCC isn't a Change Board voting group");
    expect(await say("vote SECMP0053", "UDCCM")).toContain("Recording Change Board votes needs the Change Board role");
  });

  it("records each category's vote, recomputes the outcome, and closing the vote sends the recommendation", async () => {
    await say("move SECMP0053 consultation-closed");
    expect(await say("vote MP076", "ULS")).toContain("MP076 is at “with the Authority for decision”. Awaiting a Change Board vote now: SECMP0053.");
    const cast = async (user: string, vote: string, extra: Record<string, unknown> = {}) => {
      await app.command("vote SECMP0053", { userId: user });
      return (await submit(app, lastOpenedView(app), { vote: { option: vote }, ...extra } as never, { userId: user })).json();
    };
    expect(JSON.stringify((await cast("ULS", "APPROVE")).view)).toContain("Recorded Large Supplier: *Approve*");
    await cast("USS", "APPROVE");
    const third = await cast("UEN", "REJECT");
    expect(readableText({ blocks: third.view.blocks })).toContain(
      "So far: Quorate: 3 of 5 voting groups present, quorum 3 (2 approve, 1 reject, 0 abstain). A recommendation to the Authority to approve.",
    );
    await app.command("vote SECMP0053", { userId: "UGN" });
    const modal = JSON.stringify(lastOpenedView(app).blocks);
    expect(modal).toContain("Large Supplier: Approve");
    expect(modal).toContain("Electricity Network: Reject");
    const closed = (await submit(app, lastOpenedView(app), { vote: { option: "ABSTAIN" }, close: { checked: ["close"] } }, { userId: "UGN" })).json();
    expect(JSON.stringify(closed.view)).toContain("Vote closed: SECMP0053 is now with the Authority for decision");
    expect(await say("status SECMP0053")).toContain("Change Board 1 Oct 2019: approval (recommendation to the Authority)");
    const votes = await app.db.prisma.categoryVote.findMany({ where: { vote: { modification: { reference: "SECMP0053" } } } });
    expect(votes.map((v) => `${v.category}:${v.value}:${v.castBy}`).sort()).toEqual([
      "ELECTRICITY_NETWORK:REJECT:UEN",
      "GAS_NETWORK:ABSTAIN:UGN",
      "LARGE_SUPPLIER:APPROVE:ULS",
      "SMALL_SUPPLIER:APPROVE:USS",
    ]);
    expect(await say("move SECMP0053 approved")).toContain("Authority approves, on 1 Oct 2019. Now approved for release");
    expect(await say("status SECMP0053")).toContain("Authority approved on 1 Oct 2019");
  });

  it("under self-governance, closing the vote decides it", async () => {
    await app.db.prisma.modification.update({ where: { reference: "MP079" }, data: { path: "SELF_GOVERNANCE" } });
    for (const step of ["report", "report-consultation", "consultation-closed"]) await say(`move MP079 ${step}`);
    const cast = async (user: string, vote: string, close = false) => {
      await app.command("vote MP079", { userId: user });
      return (await submit(app, lastOpenedView(app), { vote: { option: vote }, ...(close ? { close: { checked: ["close"] } } : {}) }, { userId: user })).json();
    };
    await cast("ULS", "REJECT");
    await cast("USS", "REJECT");
    const closed = JSON.stringify((await cast("UEN", "APPROVE", true)).view);
    expect(closed).toContain("So far: Quorate: 3 of 5 voting groups present, quorum 3 (1 approve, 2 reject, 0 abstain). A self-governance decision to reject.");
    expect(closed).toContain("Vote closed: MP079 is now rejected");
    const row = await app.db.prisma.modification.findUniqueOrThrow({ where: { reference: "MP079" } });
    expect(row.status).toBe("REJECTED");
    expect(row.concludedOn?.toISOString().slice(0, 10)).toBe("2019-10-01");
    expect(await say("status MP079")).toContain("Change Board 1 Oct 2019: rejection (self-governance decision)");
  });

  it("refuses another category's form, a stale vote and counts a retried vote once", async () => {
    await say("move MP076 back");
    await say("move MP076 report");
    await say("move MP076 report-consultation");
    await say("move MP076 consultation-closed");
    await app.command("vote MP076", { userId: "ULS" });
    const lsForm = lastOpenedView(app);
    const other = (await submit(app, lsForm, { vote: { option: "REJECT" } }, { userId: "USS" })).json();
    expect(JSON.stringify(other.view)).toContain("You vote for Small Supplier, not Large Supplier.");
    await app.command("vote MP076", { userId: "ULS" });
    const again = lastOpenedView(app);
    const viewId = newViewId();
    await submit(app, lsForm, { vote: { option: "REJECT" } }, { userId: "ULS", viewId });
    await submit(app, lsForm, { vote: { option: "REJECT" } }, { userId: "ULS", viewId, retryNum: 1 });
    const audits = await app.db.prisma.auditEntry.count({ where: { entity: "change_board_vote", actor: "ULS", modification: { reference: "MP076" }, after: { path: ["vote"], equals: "REJECT" } } });
    expect(audits).toBe(1);
    const stale = (await submit(app, again, { vote: { option: "ABSTAIN" } }, { userId: "ULS" })).json();
    expect(stale.errors.vote).toContain("Large Supplier's vote is now Reject");
  });

  it.runIf(database === "server")("lets only one of two replicas record the same step from two forms at once", async () => {
    const second = await startSecondInstance(app);
    try {
      await app.command("move MP080", { userId: ADMIN });
      const view = lastOpenedView(app);
      const [a, b] = await Promise.all([
        submit(app, view, { move: { option: "report-presented" } }),
        submit(second, view, { move: { option: "report-presented" } }),
      ]);
      const answers = [a.json(), b.json()];
      expect(answers.filter((x) => x.response_action === "update")).toHaveLength(1);
      expect(answers.filter((x) => x.response_action === "errors")).toHaveLength(1);
      expect(await app.db.prisma.stageTransition.count({ where: { modification: { reference: "MP080" }, toStatus: "REPORT_PRESENTED" } })).toBe(1);
    } finally {
      await second.close();
    }
  });
});
