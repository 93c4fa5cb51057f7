import { describe, expect, it } from "vitest";
import { calendarDate } from "../../src/domain/calendarDate.ts";
import {
  assessmentEntryProblems,
  assessmentLabel,
  defaultTargetDurationWd,
  entryDifferences,
  readContact,
  targetDateFor,
  type AssessmentEntry,
} from "../../src/domain/assessmentEntry.ts";
import { checkMove, describeAllowed, moveNamed, movesAllowed } from "../../src/domain/moves.ts";
import { parseCategory } from "../../src/domain/parties.ts";
import { defaultVotingRule, describeVoteMeaning, makeVotingRule, tallyVotes, voteEffectOf } from "../../src/domain/voting.ts";

// The pure rules behind the write flows: the vote outcome, the allowed steps, the DCC entry checks.

describe("the Change Board voting rule", () => {
  it("approves when more categories approve than reject, abstentions aside", () => {
    expect(tallyVotes({ LARGE_SUPPLIER: "APPROVE", SMALL_SUPPLIER: "APPROVE", ELECTRICITY_NETWORK: "REJECT", GAS_NETWORK: "ABSTAIN" })).toMatchObject({
      outcome: "APPROVE",
      approve: 2,
      reject: 1,
      abstain: 1,
      present: 4,
    });
  });
  it("rejects on more rejections, and a tie is no majority", () => {
    expect(tallyVotes({ LARGE_SUPPLIER: "REJECT", SMALL_SUPPLIER: "REJECT", GAS_NETWORK: "APPROVE" }).outcome).toBe("REJECT");
    expect(tallyVotes({ LARGE_SUPPLIER: "REJECT", SMALL_SUPPLIER: "APPROVE", GAS_NETWORK: "ABSTAIN" }).outcome).toBe("NO_MAJORITY");
  });
  it("needs a quorum of categories present; not present and unrecorded votes don't count", () => {
    const two = tallyVotes({ LARGE_SUPPLIER: "APPROVE", SMALL_SUPPLIER: "APPROVE", GAS_NETWORK: "NOT_PRESENT" });
    expect(two).toMatchObject({ outcome: "NO_MAJORITY", quorate: false, present: 2 });
  });
  it("ignores categories that don't vote under the rule", () => {
    expect(tallyVotes({ DCC: "REJECT", PANEL_OR_COMMITTEE: "REJECT", LARGE_SUPPLIER: "APPROVE", SMALL_SUPPLIER: "APPROVE", GAS_NETWORK: "APPROVE" }).outcome).toBe("APPROVE");
  });
  it("can be configured: a unanimous rule refuses approval with an abstention", () => {
    const unanimous = makeVotingRule({ ...defaultVotingRule, approval: "unanimous" });
    const votes = { LARGE_SUPPLIER: "APPROVE", SMALL_SUPPLIER: "APPROVE", GAS_NETWORK: "ABSTAIN" } as const;
    expect(tallyVotes(votes, defaultVotingRule).outcome).toBe("APPROVE");
    expect(tallyVotes(votes, unanimous).outcome).toBe("NO_MAJORITY");
    expect(unanimous.name).not.toBe(defaultVotingRule.name);
    expect(unanimous.description).toContain("every category present approves");
  });
  it("says what the outcome means on each path", () => {
    expect(voteEffectOf("SELF_GOVERNANCE")).toBe("DECISION");
    expect(voteEffectOf("AUTHORITY_DETERMINED")).toBe("RECOMMENDATION");
    expect(voteEffectOf(null)).toBe("RECOMMENDATION");
    expect(voteEffectOf("FAST_TRACK")).toBeNull();
    expect(describeVoteMeaning("APPROVE", "RECOMMENDATION")).toBe("A recommendation to the Authority to approve");
    expect(describeVoteMeaning("REJECT", "DECISION")).toBe("A self-governance decision to reject");
  });
  it("reads category names as people type them", () => {
    expect(parseCategory(`"Large Supplier"`)).toBe("LARGE_SUPPLIER");
    expect(parseCategory("other sec party")).toBe("OTHER_SEC_PARTY");
    expect(parseCategory("gas_network")).toBe("GAS_NETWORK");
    expect(parseCategory("Megacorp")).toBeNull();
  });
});

describe("lifecycle steps", () => {
  const refine = { status: "IN_REFINEMENT" as const, onHold: false, openConsultations: [] };
  it("offers the steps possible from where a modification is", () => {
    const names = movesAllowed(refine).map((m) => m.name);
    expect(names).toContain("report-presented");
    expect(names).toContain("working-group-meeting");
    expect(names).toContain("refinement-consultation-issued");
    expect(names).not.toContain("refinement-consultation-closed");
    expect(names).not.toContain("resumed");
  });
  it("refuses with the reason and the alternatives", () => {
    const check = checkMove(refine, "implemented");
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.reason).toBe("“Implemented” can't happen while it is with the Working Group");
      expect(describeAllowed(check.allowed)).toContain("Modification Report presented to the Panel (`report`)");
    }
  });
  it("on hold, only resuming or withdrawing", () => {
    const held = { ...refine, onHold: true };
    expect(movesAllowed(held).map((m) => m.name).sort()).toEqual(["resumed", "withdrawn"]);
    expect(checkMove(refine, "resumed")).toMatchObject({ ok: false, reason: "it isn't on hold" });
  });
  it("tracks an open Refinement Consultation", () => {
    const open = { ...refine, openConsultations: ["REFINEMENT" as const] };
    expect(checkMove(open, "refinement-consultation-issued")).toMatchObject({ ok: false, reason: "a Refinement Consultation is already open" });
    expect(checkMove(open, "refinement-consultation-closed").ok).toBe(true);
  });
  it("knows steps by their short names", () => {
    expect(moveNamed("ready")?.name).toBe("csc-ready");
    expect(moveNamed("HOLD")?.name).toBe("on-hold");
    expect(moveNamed("fly")).toBeUndefined();
  });
});

describe("a DCC assessment entry", () => {
  const today = calendarDate(2019, 10, 1);
  const entry = (over: Partial<AssessmentEntry>): AssessmentEntry => ({
    type: "PA",
    requestReceivedOn: null,
    acceptedOn: calendarDate(2019, 9, 2),
    targetDurationWd: 15,
    deliveredOn: null,
    status: "IN_PROGRESS",
    note: null,
    contact: null,
    ...over,
  });
  const context = { today, raisedOn: calendarDate(2019, 8, 1), reference: "MP080" };

  it("counts the accepted day as working day 1", () => {
    expect(targetDateFor(calendarDate(2019, 9, 30), 15)).toEqual(calendarDate(2019, 10, 18));
    expect(defaultTargetDurationWd("PA")).toBe(15);
    expect(defaultTargetDurationWd("IA")).toBe(40);
  });
  it("accepts a consistent entry", () => {
    expect(assessmentEntryProblems(entry({}), context)).toEqual([]);
  });
  it("refuses a request before the proposal was raised", () => {
    expect(assessmentEntryProblems(entry({ requestReceivedOn: calendarDate(2019, 7, 1) }), context)).toEqual([
      { field: "requestReceivedOn", message: "MP080 was raised on 1 Aug 2019; the assessment can't start before that." },
    ]);
  });
  it("refuses a delivery date without the Delivered status, and the other way round", () => {
    expect(assessmentEntryProblems(entry({ deliveredOn: calendarDate(2019, 9, 20) }), context)[0]!.field).toBe("status");
    expect(assessmentEntryProblems(entry({ status: "DELIVERED" }), context)[0]!.field).toBe("deliveredOn");
  });
  it("refuses future dates", () => {
    expect(assessmentEntryProblems(entry({ acceptedOn: calendarDate(2019, 10, 2) }), context)[0]!.message).toContain("is in the future");
  });
});

describe("an assessment's contact and a clash between two editors", () => {
  it("takes a person, or a user group by its id or a pasted mention, never both", () => {
    expect(readContact("UDCC1", null)).toEqual({ ok: true, contact: "UDCC1" });
    expect(readContact(null, " s0123abcd ")).toEqual({ ok: true, contact: "S0123ABCD" });
    expect(readContact(null, "<!subteam^S0123ABCD|@dcc-assessments>")).toEqual({ ok: true, contact: "S0123ABCD" });
    expect(readContact(null, "")).toEqual({ ok: true, contact: null });
    expect(readContact("UDCC1", "S0123ABCD")).toMatchObject({ ok: false, field: "group", message: expect.stringContaining("not both") });
    const handle = readContact(null, "@dcc-assessments");
    expect(handle).toMatchObject({ ok: false, field: "group" });
    expect(!handle.ok && handle.message).toBe(
      `"@dcc-assessments" isn't a user group id. @dcc-assessments is the group's handle; Slack needs the id, like S0123ABCD: open the group in Slack, then ⋯ → Copy group ID.`,
    );
  });
  it("names the second request of a type", () => {
    expect(assessmentLabel("PA", 1)).toBe("PA");
    expect(assessmentLabel("PA", 2)).toBe("PA 2");
  });
  it("lists what someone typed that differs from what is saved, in words", () => {
    const saved = { requestReceivedOn: null, acceptedOn: calendarDate(2019, 9, 2), targetDurationWd: 15, deliveredOn: null, status: "IN_PROGRESS" as const, note: "first", contact: null };
    const yours: AssessmentEntry = { ...saved, type: "PA", targetDurationWd: 20, note: "second" };
    expect(entryDifferences(yours, saved)).toEqual([
      { field: "target duration", yours: "20 WD", saved: "15 WD" },
      { field: "note", yours: '"second"', saved: '"first"' },
    ]);
    expect(entryDifferences({ ...saved, type: "PA" }, saved)).toEqual([]);
  });
});
