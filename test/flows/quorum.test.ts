import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarDate } from "../../src/domain/calendarDate.ts";
import { buildChangeStatusReport } from "../../src/report/build.ts";
import { readableText, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";
import { ADMIN, lastOpenedView, startFlowApp, submit } from "./support.ts";

// The Change Board's quorum through the real vote form, on both paths the Change Board votes on:
// without three of the five voting groups present nothing is recommended or decided, the meeting
// is recorded as not quorate and the modification stays with the Change Board.

const members = { ULS: "Large Supplier", USS: "Small Supplier", UEN: "Electricity Network", UGN: "Gas Network", UOS: "Other SEC Party" } as const;
type Member = keyof typeof members;

type Case = {
  name: string;
  /** Votes cast in order; the last one closes the vote. */
  votes: [Member, "APPROVE" | "REJECT" | "ABSTAIN" | "NOT_PRESENT"][];
  said: string;
  closing: { AUTHORITY_DETERMINED: string; SELF_GOVERNANCE: string };
  status: { AUTHORITY_DETERMINED: string; SELF_GOVERNANCE: string };
};

const notQuorate = (present: string) =>
  `Vote closed as not quorate (${present} of 5 voting groups present, quorum 3): nothing is recommended or decided, and`;

const cases: Case[] = [
  {
    name: "0 present",
    votes: [["ULS", "NOT_PRESENT"]],
    said: "Not quorate: none of 5 voting groups present, quorum 3",
    closing: { AUTHORITY_DETERMINED: notQuorate("none"), SELF_GOVERNANCE: notQuorate("none") },
    status: { AUTHORITY_DETERMINED: "AWAITING_CHANGE_BOARD", SELF_GOVERNANCE: "AWAITING_CHANGE_BOARD" },
  },
  {
    name: "1 present",
    votes: [["ULS", "APPROVE"]],
    said: "Not quorate: 1 of 5 voting groups present, quorum 3 (1 approve, 0 reject, 0 abstain)",
    closing: { AUTHORITY_DETERMINED: notQuorate("1"), SELF_GOVERNANCE: notQuorate("1") },
    status: { AUTHORITY_DETERMINED: "AWAITING_CHANGE_BOARD", SELF_GOVERNANCE: "AWAITING_CHANGE_BOARD" },
  },
  {
    name: "2 present",
    votes: [["ULS", "APPROVE"], ["USS", "APPROVE"], ["UEN", "NOT_PRESENT"]],
    said: "Not quorate: 2 of 5 voting groups present, quorum 3 (2 approve, 0 reject, 0 abstain)",
    closing: { AUTHORITY_DETERMINED: notQuorate("2"), SELF_GOVERNANCE: notQuorate("2") },
    status: { AUTHORITY_DETERMINED: "AWAITING_CHANGE_BOARD", SELF_GOVERNANCE: "AWAITING_CHANGE_BOARD" },
  },
  {
    name: "3 present, a majority to approve",
    votes: [["ULS", "APPROVE"], ["USS", "APPROVE"], ["UEN", "REJECT"]],
    said: "Quorate: 3 of 5 voting groups present, quorum 3 (2 approve, 1 reject, 0 abstain)",
    closing: { AUTHORITY_DETERMINED: "is now with the Authority for decision", SELF_GOVERNANCE: "is now approved for release" },
    status: { AUTHORITY_DETERMINED: "AWAITING_AUTHORITY", SELF_GOVERNANCE: "APPROVED" },
  },
  {
    name: "3 present, a tie",
    votes: [["ULS", "APPROVE"], ["USS", "REJECT"], ["UEN", "ABSTAIN"]],
    said: "Quorate: 3 of 5 voting groups present, quorum 3 (1 approve, 1 reject, 1 abstain)",
    // Authority Determined: the Authority decides, told the Change Board reached no majority.
    closing: { AUTHORITY_DETERMINED: "is now with the Authority for decision", SELF_GOVERNANCE: "Vote closed with no majority: there is no decision" },
    status: { AUTHORITY_DETERMINED: "AWAITING_AUTHORITY", SELF_GOVERNANCE: "AWAITING_CHANGE_BOARD" },
  },
  {
    name: "3 present, abstentions making the quorum",
    votes: [["ULS", "REJECT"], ["USS", "ABSTAIN"], ["UEN", "ABSTAIN"]],
    said: "Quorate: 3 of 5 voting groups present, quorum 3 (0 approve, 1 reject, 2 abstain)",
    closing: { AUTHORITY_DETERMINED: "is now with the Authority for decision", SELF_GOVERNANCE: "is now rejected" },
    status: { AUTHORITY_DETERMINED: "AWAITING_AUTHORITY", SELF_GOVERNANCE: "REJECTED" },
  },
];

describe.each(databaseKinds)("the Change Board quorum through the vote form (%s database)", (database) => {
  let app: TestApp;
  let next = 300;
  beforeAll(async () => {
    app = await startFlowApp(database);
    for (const [user, group] of Object.entries(members)) await app.command(`admin role <@${user}> change-board "${group}"`, { userId: ADMIN });
  });
  afterAll(() => app?.close());

  /** A modification awaiting the Change Board on the path. */
  async function awaitingVote(path: "AUTHORITY_DETERMINED" | "SELF_GOVERNANCE") {
    const number = next++;
    const reference = `MP${number}`;
    await app.db.prisma.modification.create({ data: { number, series: "MP", reference, title: `A ${path} modification`, status: "AWAITING_CHANGE_BOARD", path } });
    return reference;
  }

  async function vote(reference: string, user: Member, value: string, close: boolean) {
    await app.command(`vote ${reference}`, { userId: user });
    const view = lastOpenedView(app);
    const answer = (await submit(app, view, { vote: { option: value }, close: close ? { checked: ["close"] } : { checked: [] } }, { userId: user })).json();
    return { form: readableText({ blocks: view.blocks }), answer: readableText({ blocks: answer.view.blocks }) };
  }

  it("says \"No votes yet\" before anyone has voted", async () => {
    const reference = await awaitingVote("AUTHORITY_DETERMINED");
    await app.command(`vote ${reference}`, { userId: "ULS" });
    const form = readableText({ blocks: lastOpenedView(app).blocks });
    expect(form).toContain("So far: No votes yet.");
    expect(form).not.toContain("No majority");
    for (const block of lastOpenedView(app).blocks) {
      for (const option of block.element?.options ?? []) expect(option.text.text.length).toBeLessThanOrEqual(75);
    }
  });

  for (const path of ["AUTHORITY_DETERMINED", "SELF_GOVERNANCE"] as const) {
    it.each(cases)(`${path}: $name`, async (c) => {
      const reference = await awaitingVote(path);
      let last = { form: "", answer: "" };
      for (const [i, [user, value]] of c.votes.entries()) last = await vote(reference, user, value, i === c.votes.length - 1);
      expect(last.answer).toContain(`So far: ${c.said}`);
      expect(last.answer).toContain(c.closing[path]);
      const row = await app.db.prisma.modification.findUniqueOrThrow({ where: { reference }, include: { changeBoardVotes: true } });
      expect(row.status).toBe(c.status[path]);
      if (c.said.startsWith("Not quorate")) {
        expect(row.changeBoardVotes.map((v) => v.outcome)).toEqual(["NOT_QUORATE"]);
        const card = readableText((await app.command(`status ${reference}`)).json());
        const effect = path === "SELF_GOVERNANCE" ? "self-governance decision" : "recommendation to the Authority";
        expect(card).toContain(`Change Board 1 Oct 2019: ${c.said.split(" (")[0]!.toLowerCase()}; no ${effect}`);
      }
    });
  }

  it("reports a meeting that was not quorate as having no outcome, and as no decision", async () => {
    const report = await buildChangeStatusReport(app.db.prisma, calendarDate(2019, 10, 1));
    const notQuorateVotes = report.opine.changeBoardVotes.filter((v) => v.outcome === "had no outcome: the meeting was not quorate");
    expect(notQuorateVotes).toHaveLength(6);
    expect(report.summary.decisions.map((d) => d.outcome).sort()).toEqual([
      "approved by the Change Board (self-governance)",
      "not decided: the Change Board reached no majority",
      "rejected by the Change Board (self-governance)",
    ]);
  });

  it("gives Change Board roles only to the five voting groups", async () => {
    for (const group of ["DCC", "Panel/committee", "panel"]) {
      const answer = readableText((await app.command(`admin role <@UDCCM> change-board "${group}"`, { userId: ADMIN })).json());
      expect(answer).toContain("isn't a Change Board voting group, so it can't have a Change Board role.");
      expect(answer).toContain(`The Change Board votes in five groups: "Large Supplier", "Small Supplier", "Electricity Network", "Gas Network", "Other SEC Party".`);
    }
    expect(await app.db.prisma.userRole.count({ where: { userId: "UDCCM" } })).toBe(0);
  });
});
