import type { ModificationPath } from "./lifecycle.ts";
import { categoryLabels, type PartyCategory } from "./parties.ts";

// How a Change Board vote turns into an outcome. The rule is written down here and nowhere
// else: the vote modal, the data layer and the audit trail (change_board_vote.rule) all use
// `defaultVotingRule`, and a different rule is one `makeVotingRule` call away.


export const voteValues = ["APPROVE", "REJECT", "ABSTAIN", "NOT_PRESENT"] as const;
export type VoteValue = (typeof voteValues)[number];
export type VoteOutcome = "APPROVE" | "REJECT" | "NO_MAJORITY";
export type VoteEffect = "RECOMMENDATION" | "DECISION";

export const voteValueLabels: Record<VoteValue, string> = {
  APPROVE: "Approve",
  REJECT: "Reject",
  ABSTAIN: "Abstain",
  NOT_PRESENT: "Not present",
};

export interface VotingRuleOptions {
  /** The categories that vote; each casts one vote. */
  categories: readonly PartyCategory[];
  /** Categories that must be present (approve, reject or abstain) for any outcome but "no majority". */
  quorum: number;
  /** "majority": more approvals than rejections; "unanimous": every category present approves. */
  approval: "majority" | "unanimous";
}

export interface VotingRule extends VotingRuleOptions {
  /** Stored with every vote so the audit trail says which rule decided it. */
  name: string;
  /** The rule in a sentence, shown in the vote modal. */
  description: string;
}

export interface VoteTally {
  outcome: VoteOutcome;
  approve: number;
  reject: number;
  abstain: number;
  present: number;
  quorate: boolean;
}

export function makeVotingRule(options: VotingRuleOptions): VotingRule {
  const who = options.approval === "majority" ? "more categories approve than reject" : "every category present approves";
  return {
    ...options,
    name: `${options.approval}-of-categories/quorum-${options.quorum}`,
    description:
      `One vote per party category (${options.categories.map((c) => categoryLabels[c]).join(", ")}). ` +
      `Approved when ${who}; rejected when more reject than approve; otherwise no majority. ` +
      `Abstentions count towards the quorum of ${options.quorum} but not the majority.`,
  };
}

// The SEC Change Board's voting categories: the five party categories that hold seats.
export const defaultVotingRule = makeVotingRule({
  categories: ["LARGE_SUPPLIER", "SMALL_SUPPLIER", "ELECTRICITY_NETWORK", "GAS_NETWORK", "OTHER_SEC_PARTY"],
  quorum: 3,
  approval: "majority",
});

/** The outcome of the votes cast so far; a category with no vote counts as not present. */
export function tallyVotes(votes: Partial<Record<PartyCategory, VoteValue>>, rule: VotingRule = defaultVotingRule): VoteTally {
  const cast = rule.categories.map((category) => votes[category] ?? "NOT_PRESENT");
  const approve = cast.filter((v) => v === "APPROVE").length;
  const reject = cast.filter((v) => v === "REJECT").length;
  const abstain = cast.filter((v) => v === "ABSTAIN").length;
  const present = approve + reject + abstain;
  const quorate = present >= rule.quorum;
  let outcome: VoteOutcome = "NO_MAJORITY";
  if (quorate) {
    if (reject > approve) outcome = "REJECT";
    else if (rule.approval === "majority" ? approve > reject : approve > 0 && reject === 0 && abstain === 0) outcome = "APPROVE";
  }
  return { outcome, approve, reject, abstain, present, quorate };
}

/** What a Change Board outcome is on each path; null where the Change Board does not vote. */
export function voteEffectOf(path: ModificationPath | null): VoteEffect | null {
  if (path === "FAST_TRACK") return null;
  return path === "SELF_GOVERNANCE" ? "DECISION" : "RECOMMENDATION";
}

/** "A recommendation to the Authority to approve", "A self-governance decision to reject", … */
export function describeVoteMeaning(outcome: VoteOutcome, effect: VoteEffect): string {
  if (outcome === "NO_MAJORITY") {
    return effect === "DECISION"
      ? "No majority: no self-governance decision; it stays with the Change Board"
      : "No majority: the Authority gets no recommendation either way";
  }
  const verb = outcome === "APPROVE" ? "approve" : "reject";
  return effect === "DECISION" ? `A self-governance decision to ${verb}` : `A recommendation to the Authority to ${verb}`;
}

