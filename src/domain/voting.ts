import type { ModificationPath } from "./lifecycle.ts";
import { categoryLabels, type PartyCategory } from "./parties.ts";

// How a Change Board vote turns into an outcome. The rule is written down here and nowhere
// else: the vote modal, the data layer, `/mod admin role` and the audit trail
// (change_board_vote.rule) all use `defaultVotingRule`, and a different rule is one
// `makeVotingRule` call away. A vote without a quorum produces no outcome at all: not a
// recommendation, not a decision, not "no majority", just "not quorate".

export const voteValues = ["APPROVE", "REJECT", "ABSTAIN", "NOT_PRESENT"] as const;
export type VoteValue = (typeof voteValues)[number];
export type VoteOutcome = "APPROVE" | "REJECT" | "NO_MAJORITY" | "NOT_QUORATE";
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
  /** Voting groups that must be present (approve, reject or abstain) for the vote to have any outcome. */
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
  /** Voting groups with any vote recorded, "not present" included: 0 means no votes yet. */
  recorded: number;
  /** How many voting groups there are, and how many make a quorum. */
  groups: number;
  quorum: number;
  quorate: boolean;
}

export function makeVotingRule(options: VotingRuleOptions): VotingRule {
  const who = options.approval === "majority" ? "more categories approve than reject" : "every category present approves";
  return {
    ...options,
    name: `${options.approval}-of-categories/quorum-${options.quorum}`,
    description:
      `One vote per voting group (${options.categories.map((c) => categoryLabels[c]).join(", ")}); ` +
      `${options.quorum} of the ${options.categories.length} must be present (approve, reject or abstain) or the vote is not quorate and has no outcome. ` +
      `Approved when ${who}; rejected when more reject than approve; otherwise no majority. Abstentions count towards the quorum only.`,
  };
}

// The SEC Change Board's voting categories: the five party categories that hold seats.
export const defaultVotingRule = makeVotingRule({
  categories: ["LARGE_SUPPLIER", "SMALL_SUPPLIER", "ELECTRICITY_NETWORK", "GAS_NETWORK", "OTHER_SEC_PARTY"],
  quorum: 3,
  approval: "majority",
});

/** Whether a party category is one of the rule's voting groups (DCC and Panel/committee are not). */
export function isVotingGroup(category: PartyCategory, rule: VotingRule = defaultVotingRule): boolean {
  return rule.categories.includes(category);
}

/** The voting groups, as people write them: "Large Supplier", "Small Supplier", … */
export function votingGroupList(rule: VotingRule = defaultVotingRule): string {
  return rule.categories.map((c) => `"${categoryLabels[c]}"`).join(", ");
}

/** The outcome of the votes cast so far; a category with no vote counts as not present. */
export function tallyVotes(votes: Partial<Record<PartyCategory, VoteValue>>, rule: VotingRule = defaultVotingRule): VoteTally {
  const cast = rule.categories.map((category) => votes[category] ?? "NOT_PRESENT");
  const approve = cast.filter((v) => v === "APPROVE").length;
  const reject = cast.filter((v) => v === "REJECT").length;
  const abstain = cast.filter((v) => v === "ABSTAIN").length;
  const present = approve + reject + abstain;
  const recorded = rule.categories.filter((category) => votes[category] !== undefined).length;
  const quorate = present >= rule.quorum;
  let outcome: VoteOutcome = "NOT_QUORATE";
  if (quorate) {
    outcome = "NO_MAJORITY";
    if (reject > approve) outcome = "REJECT";
    else if (rule.approval === "majority" ? approve > reject : approve > 0 && reject === 0 && abstain === 0) outcome = "APPROVE";
  }
  return { outcome, approve, reject, abstain, present, recorded, groups: rule.categories.length, quorum: rule.quorum, quorate };
}

/** "Not quorate: 1 of 5 voting groups present, quorum 3" (or "none of 5"). */
export function describeQuorum(tally: VoteTally): string {
  const present = tally.present === 0 ? "none" : String(tally.present);
  return `${tally.quorate ? "Quorate" : "Not quorate"}: ${present} of ${tally.groups} voting groups present, quorum ${tally.quorum}`;
}

/**
 * The votes so far in a sentence: "No votes yet", "Not quorate: 1 of 5 voting groups present,
 * quorum 3 (1 approve)", "Quorate: 4 of 5 voting groups present, quorum 3 (2 approve, 1 reject,
 * 1 abstain). A recommendation to the Authority to approve".
 */
export function describeTally(tally: VoteTally, effect: VoteEffect): string {
  if (tally.recorded === 0) return "No votes yet";
  const counts = `${tally.approve} approve, ${tally.reject} reject, ${tally.abstain} abstain`;
  return tally.quorate ? `${describeQuorum(tally)} (${counts}). ${describeVoteMeaning(tally.outcome, effect)}` : `${describeQuorum(tally)} (${counts})`;
}

/**
 * What a Change Board outcome is on each path; null where the Change Board does not vote
 * (Fast-Track Self-Governance: the Panel decides). Self-Governance: the Change Board decides;
 * Authority Determined, Authority-led and Urgent: it recommends and the Authority decides. A
 * path not recorded is taken as Authority Determined, the SEC's usual path.
 */
export function voteEffectOf(path: ModificationPath | null): VoteEffect | null {
  if (path === "FAST_TRACK") return null;
  return path === "SELF_GOVERNANCE" ? "DECISION" : "RECOMMENDATION";
}

/** "A recommendation to the Authority to approve", "A self-governance decision to reject", … */
export function describeVoteMeaning(outcome: VoteOutcome, effect: VoteEffect): string {
  if (outcome === "NOT_QUORATE") {
    return effect === "DECISION"
      ? "Not quorate: no self-governance decision; it stays with the Change Board"
      : "Not quorate: no recommendation to the Authority; it stays with the Change Board";
  }
  if (outcome === "NO_MAJORITY") {
    return effect === "DECISION"
      ? "No majority: no self-governance decision; it stays with the Change Board"
      : "No majority: the Authority gets no recommendation either way";
  }
  const verb = outcome === "APPROVE" ? "approve" : "reject";
  return effect === "DECISION" ? `A self-governance decision to ${verb}` : `A recommendation to the Authority to ${verb}`;
}

