import { describe, expect, it } from "vitest";
import { calendarDate } from "../../src/domain/calendarDate.ts";
import {
  assessmentLabel,
  checkAssessmentEntry,
  defaultTargetDurationWd,
  entryDifferences,
  readContact,
  targetDateToStore,
  type AssessmentDraft,
  type AssessmentEntry,
} from "../../src/domain/assessmentEntry.ts";
import { modificationPaths, parsePath, raisingPartyProblem, type ModificationPath, type ModificationStatus } from "../../src/domain/lifecycle.ts";
import { checkMove, describeAllowed, moveNamed, movesAllowed, stepsOnPath, stepWords } from "../../src/domain/moves.ts";
import { parseCategory, type PartyCategory } from "../../src/domain/parties.ts";
import {
  defaultVotingRule,
  describeTally,
  describeVoteMeaning,
  isVotingGroup,
  makeVotingRule,
  tallyVotes,
  voteEffectOf,
  type VoteValue,
} from "../../src/domain/voting.ts";

// The pure rules behind the write flows: the vote outcome, the steps each path allows, the DCC entry checks.

const A = "APPROVE",
  R = "REJECT",
  X = "ABSTAIN",
  N = "NOT_PRESENT";
const groups = ["LARGE_SUPPLIER", "SMALL_SUPPLIER", "ELECTRICITY_NETWORK", "GAS_NETWORK", "OTHER_SEC_PARTY"] as const;
const cast = (...values: VoteValue[]): Partial<Record<PartyCategory, VoteValue>> => Object.fromEntries(values.map((v, i) => [groups[i], v]));

describe("the Change Board voting rule", () => {
  // Five voting groups, quorum 3; abstentions count for the quorum only; a tie is no majority.
  const cases: [string, Partial<Record<PartyCategory, VoteValue>>, string, string][] = [
    ["no votes yet", {}, "NOT_QUORATE", "No votes yet"],
    ["0 present, all recorded as not present", cast(N, N, N, N, N), "NOT_QUORATE", "Not quorate: none of 5 voting groups present, quorum 3 (0 approve, 0 reject, 0 abstain)"],
    ["1 present", cast(A), "NOT_QUORATE", "Not quorate: 1 of 5 voting groups present, quorum 3 (1 approve, 0 reject, 0 abstain)"],
    ["2 present, both approving", cast(A, A, N, N, N), "NOT_QUORATE", "Not quorate: 2 of 5 voting groups present, quorum 3 (2 approve, 0 reject, 0 abstain)"],
    ["3 present, 2 approve 1 reject", cast(A, A, R), "APPROVE", "Quorate: 3 of 5 voting groups present, quorum 3 (2 approve, 1 reject, 0 abstain). "],
    ["3 present, a tie with an abstention", cast(A, R, X), "NO_MAJORITY", "Quorate: 3 of 5 voting groups present, quorum 3 (1 approve, 1 reject, 1 abstain). No majority"],
    ["3 present, all abstaining", cast(X, X, X), "NO_MAJORITY", "Quorate: 3 of 5 voting groups present, quorum 3 (0 approve, 0 reject, 3 abstain). No majority"],
    ["abstentions make the quorum", cast(A, X, X), "APPROVE", "Quorate: 3 of 5 voting groups present, quorum 3 (1 approve, 0 reject, 2 abstain). "],
    ["4 present, 2 reject", cast(R, R, A, X), "REJECT", "Quorate: 4 of 5 voting groups present, quorum 3 (1 approve, 2 reject, 1 abstain). "],
    ["4 present, a tie", cast(A, A, R, R), "NO_MAJORITY", "Quorate: 4 of 5 voting groups present, quorum 3 (2 approve, 2 reject, 0 abstain). No majority"],
  ];
  it.each(cases)("%s", (_name, votes, outcome, words) => {
    const tally = tallyVotes(votes);
    expect(tally.outcome).toBe(outcome);
    expect(tally.quorate).toBe(outcome !== "NOT_QUORATE");
    for (const effect of ["RECOMMENDATION", "DECISION"] as const) expect(describeTally(tally, effect)).toContain(words);
  });

  it("says what each outcome means on each path; without a quorum, nothing", () => {
    expect(describeVoteMeaning("APPROVE", "RECOMMENDATION")).toBe("A recommendation to the Authority to approve");
    expect(describeVoteMeaning("REJECT", "DECISION")).toBe("A self-governance decision to reject");
    expect(describeVoteMeaning("NOT_QUORATE", "RECOMMENDATION")).toBe("Not quorate: no recommendation to the Authority; it stays with the Change Board");
    expect(describeVoteMeaning("NOT_QUORATE", "DECISION")).toBe("Not quorate: no self-governance decision; it stays with the Change Board");
    expect(describeVoteMeaning("NO_MAJORITY", "DECISION")).toBe("No majority: no self-governance decision; it stays with the Change Board");
  });

  it("the path decides recommendation or decision", () => {
    const effects = Object.fromEntries([...modificationPaths, null].map((path) => [String(path), voteEffectOf(path)]));
    expect(effects).toEqual({
      AUTHORITY_LED: "RECOMMENDATION",
      AUTHORITY_DETERMINED: "RECOMMENDATION",
      SELF_GOVERNANCE: "DECISION",
      FAST_TRACK: null,
      URGENT: "RECOMMENDATION",
      null: "RECOMMENDATION",
    });
  });

  it("has five voting groups: DCC and Panel/committee votes count for nothing", () => {
    expect(groups.every((g) => isVotingGroup(g))).toBe(true);
    expect(isVotingGroup("DCC")).toBe(false);
    expect(isVotingGroup("PANEL_OR_COMMITTEE")).toBe(false);
    expect(tallyVotes({ DCC: R, PANEL_OR_COMMITTEE: R, LARGE_SUPPLIER: A, SMALL_SUPPLIER: A, GAS_NETWORK: A }).outcome).toBe("APPROVE");
    expect(tallyVotes({ DCC: A, PANEL_OR_COMMITTEE: A, LARGE_SUPPLIER: A }).outcome).toBe("NOT_QUORATE");
  });

  it("can be configured: a unanimous rule refuses approval with an abstention", () => {
    const unanimous = makeVotingRule({ ...defaultVotingRule, approval: "unanimous" });
    const votes = cast(A, A, X);
    expect(tallyVotes(votes, defaultVotingRule).outcome).toBe("APPROVE");
    expect(tallyVotes(votes, unanimous).outcome).toBe("NO_MAJORITY");
    expect(unanimous.name).not.toBe(defaultVotingRule.name);
    expect(unanimous.description).toContain("every category present approves");
    expect(defaultVotingRule.description).toContain("3 of the 5 must be present (approve, reject or abstain) or the vote is not quorate and has no outcome");
  });

  it("reads category names as people type them", () => {
    expect(parseCategory(`"Large Supplier"`)).toBe("LARGE_SUPPLIER");
    expect(parseCategory("other sec party")).toBe("OTHER_SEC_PARTY");
    expect(parseCategory("gas_network")).toBe("GAS_NETWORK");
    expect(parseCategory("Megacorp")).toBeNull();
  });
});

describe("the SEC's paths and the steps each allows", () => {
  const common = ["implemented", "withdraw", "hold", "resume"];
  const refinement = ["ready", "convert", "report", "report-consultation", "consultation-closed", "back", "wg", "refinement-issued", "refinement-closed"];
  const byPath: Record<string, string[]> = {
    AUTHORITY_LED: [...refinement, "recommend", "authority-approved", "authority-rejected", ...common],
    AUTHORITY_DETERMINED: [...refinement, "recommend", "authority-approved", "authority-rejected", ...common],
    SELF_GOVERNANCE: [...refinement, "cb-approved", "cb-rejected", ...common],
    FAST_TRACK: ["panel-approved", "panel-rejected", ...common],
    URGENT: [...refinement, "recommend", "authority-approved", "authority-rejected", ...common],
    null: [...refinement, "recommend", "cb-approved", "cb-rejected", "authority-approved", "authority-rejected", ...common],
  };
  it.each(Object.entries(byPath))("%s allows exactly its steps", (path, steps) => {
    const words = stepsOnPath(path === "null" ? null : (path as ModificationPath)).map((m) => m.word);
    expect([...words].sort()).toEqual([...steps].sort());
  });

  const state = (path: ModificationPath | null, status: ModificationStatus) => ({ status, path, onHold: false, openConsultations: [] as never[] });
  const allowedAt = (path: ModificationPath | null, status: ModificationStatus) => movesAllowed(state(path, status)).map((m) => m.word);

  it("from where a modification is, offers what its path allows", () => {
    expect(allowedAt("AUTHORITY_DETERMINED", "AWAITING_CHANGE_BOARD")).toEqual(["recommend", "back", "withdraw", "hold"]);
    expect(allowedAt("SELF_GOVERNANCE", "AWAITING_CHANGE_BOARD")).toEqual(["cb-approved", "cb-rejected", "back", "withdraw", "hold"]);
    expect(allowedAt("AUTHORITY_LED", "AWAITING_AUTHORITY")).toEqual(["authority-approved", "authority-rejected", "back", "withdraw", "hold"]);
    // Fast-Track: raised by the Panel, which decides; no Working Group, Change Board or Authority.
    expect(allowedAt("FAST_TRACK", "DRAFT_RAISED")).toEqual(["panel-approved", "panel-rejected", "withdraw", "hold"]);
    expect(allowedAt("FAST_TRACK", "IN_REFINEMENT")).toEqual(["withdraw", "hold"]);
    // Urgent: straight to the Panel, to the timetable agreed with the Authority.
    expect(allowedAt("URGENT", "DRAFT_RAISED")).toEqual(["ready", "convert", "withdraw", "hold"]);
    expect(allowedAt("AUTHORITY_DETERMINED", "DRAFT_RAISED")).toEqual(["ready", "withdraw", "hold"]);
  });

  it("refuses a step its path doesn't have, saying why", () => {
    const check = checkMove(state("AUTHORITY_DETERMINED", "AWAITING_CHANGE_BOARD"), "change-board-approves");
    expect(check).toMatchObject({
      ok: false,
      reason: "“Change Board approves (self-governance)” isn't a step here: on the Authority Determined path the Change Board recommends and the Authority decides",
    });
    expect(checkMove(state("FAST_TRACK", "DRAFT_RAISED"), "csc-ready")).toMatchObject({ ok: false, reason: expect.stringContaining("the Panel decides") });
  });

  it("reads `approved` and `rejected` as the decision the path allows now", () => {
    expect(moveNamed("approved", state("AUTHORITY_DETERMINED", "AWAITING_AUTHORITY"))?.name).toBe("authority-approves");
    expect(moveNamed("approved", state("SELF_GOVERNANCE", "AWAITING_CHANGE_BOARD"))?.name).toBe("change-board-approves");
    expect(moveNamed("rejected", state("FAST_TRACK", "DRAFT_RAISED"))?.name).toBe("panel-rejects");
  });

  it("knows one word per step, and the old ones as aliases", () => {
    const words = stepWords();
    expect(new Set(words).size).toBe(words.length);
    expect(words).toEqual(expect.arrayContaining(["ready", "convert", "back", "implemented", "withdraw", "hold", "resume"]));
    expect(moveNamed("ready")?.name).toBe("csc-ready");
    expect(moveNamed("panel-convert")?.name).toBe("convert");
    expect(moveNamed("send-back")?.name).toBe("sent-back");
    expect(moveNamed("done")?.name).toBe("implemented");
    expect(moveNamed("HOLD")?.name).toBe("on-hold");
    expect(moveNamed("fly")).toBeUndefined();
  });

  it("reads paths as people write them", () => {
    expect(parsePath("Path 1")).toBe("AUTHORITY_LED");
    expect(parsePath("authority-led")).toBe("AUTHORITY_LED");
    expect(parsePath("AUTHORITY_DETERMINED")).toBe("AUTHORITY_DETERMINED");
    expect(parsePath("Path 3: Self-Governance")).toBe("SELF_GOVERNANCE");
    expect(parsePath("Fast-Track Self-Governance")).toBe("FAST_TRACK");
    expect(parsePath("fast track")).toBe("FAST_TRACK");
    expect(parsePath("urgent")).toBe("URGENT");
    expect(parsePath("path 4")).toBeNull();
  });

  it("lets only the SEC Panel raise a Fast-Track Self-Governance modification", () => {
    expect(raisingPartyProblem("FAST_TRACK", { name: "SEC Panel", category: "PANEL_OR_COMMITTEE" })).toBeNull();
    expect(raisingPartyProblem("FAST_TRACK", { name: "Security Sub-Committee", category: "PANEL_OR_COMMITTEE" })).toContain("Only the SEC Panel raises");
    expect(raisingPartyProblem("FAST_TRACK", { name: "Shell Energy", category: "LARGE_SUPPLIER" })).toContain("not Shell Energy");
    expect(raisingPartyProblem("SELF_GOVERNANCE", { name: "Shell Energy", category: "LARGE_SUPPLIER" })).toBeNull();
  });
});

describe("lifecycle steps", () => {
  const refine = { status: "IN_REFINEMENT" as const, path: null, onHold: false, openConsultations: [] };
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
});

describe("a DCC assessment entry", () => {
  const today = calendarDate(2019, 10, 1);
  const draft = (over: Partial<AssessmentDraft>): AssessmentDraft => ({
    type: "PA",
    requestReceivedOn: null,
    acceptedOn: calendarDate(2019, 9, 2),
    targetDurationWd: 15,
    revisedTargetDate: null,
    deliveredOn: null,
    status: "FROM_DATES",
    note: null,
    contact: null,
    ...over,
  });
  const context = { today, raisedOn: calendarDate(2019, 8, 1), reference: "MP080" };
  const problems = (over: Partial<AssessmentDraft>) => {
    const checked = checkAssessmentEntry(draft(over), context);
    return checked.ok ? [] : checked.problems;
  };

  it("counts the accepted day as working day 1, and stores DCC's revised date as the agreed one", () => {
    expect(targetDateToStore({ acceptedOn: calendarDate(2019, 9, 30), targetDurationWd: 15, revisedTargetDate: null })).toEqual(calendarDate(2019, 10, 18));
    expect(targetDateToStore({ acceptedOn: calendarDate(2019, 9, 30), targetDurationWd: 15, revisedTargetDate: calendarDate(2019, 11, 1) })).toEqual(calendarDate(2019, 11, 1));
    expect(defaultTargetDurationWd("PA")).toBe(15);
    expect(defaultTargetDurationWd("IA")).toBe(40);
  });
  it("accepts a consistent entry, its status following the dates", () => {
    expect(checkAssessmentEntry(draft({}), context)).toMatchObject({ ok: true, entry: { status: "IN_PROGRESS" } });
  });
  it("refuses a request before the proposal was raised", () => {
    expect(problems({ requestReceivedOn: calendarDate(2019, 7, 1) })).toEqual([
      { field: "requestReceivedOn", message: "MP080 was raised on 1 Aug 2019; the assessment can't start before that." },
    ]);
  });
  it("refuses a status the dates contradict, on the field to correct", () => {
    expect(problems({ deliveredOn: calendarDate(2019, 9, 20), status: "IN_PROGRESS" })[0]!.field).toBe("status");
    expect(problems({ status: "DELIVERED" })[0]!.field).toBe("deliveredOn");
  });
  it("refuses a revised date before acceptance, or without one", () => {
    expect(problems({ revisedTargetDate: calendarDate(2019, 8, 30) })).toEqual([{ field: "revisedTargetDate", message: "The target date can't be before the request was accepted." }]);
    expect(problems({ acceptedOn: null, revisedTargetDate: calendarDate(2019, 11, 1) })[0]!.field).toBe("revisedTargetDate");
  });
  it("refuses future dates", () => {
    expect(problems({ acceptedOn: calendarDate(2019, 10, 2) })[0]!.message).toContain("is in the future");
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
    const saved = {
      requestReceivedOn: null,
      acceptedOn: calendarDate(2019, 9, 2),
      targetDurationWd: 15,
      revisedTargetDate: null,
      deliveredOn: null,
      status: "IN_PROGRESS" as const,
      note: "first",
      contact: null,
    };
    const yours: AssessmentEntry = { ...saved, type: "PA", targetDurationWd: 20, note: "second" };
    expect(entryDifferences(yours, saved)).toEqual([
      { field: "target duration", yours: "20 WD", saved: "15 WD" },
      { field: "note", yours: '"second"', saved: '"first"' },
    ]);
    expect(entryDifferences({ ...saved, type: "PA" }, saved)).toEqual([]);
  });
});
