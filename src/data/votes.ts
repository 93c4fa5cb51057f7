import type { AppContext } from "../appContext.ts";
import { compareDates, formatReportDate } from "../domain/calendarDate.ts";
import { describeStatus, type ModificationPath } from "../domain/lifecycle.ts";
import type { MoveName } from "../domain/moves.ts";
import { categoryLabels, type PartyCategory } from "../domain/parties.ts";
import {
  defaultVotingRule,
  describeQuorum,
  describeTally,
  describeVoteMeaning,
  tallyVotes,
  voteEffectOf,
  voteValueLabels,
  type VoteEffect,
  type VoteOutcome,
  type VoteValue,
  type VotingRule,
} from "../domain/voting.ts";
import { applyMove, lockModification, type MoveResult } from "./transitions.ts";
import { audit, Refusal, StaleEdit, writeOnce, type Once } from "./writes.ts";

// Change Board votes: each member casts their own category's vote for a meeting; the outcome
// is recomputed under the voting rule after every vote; closing a quorate vote moves the
// modification on. Closing one that is not quorate records the meeting as not quorate and moves
// nothing: the meeting happened and its minutes say so, and the modification waits for the next.

export interface VoteSnapshot {
  heldOn: Date;
  votes: Partial<Record<PartyCategory, VoteValue>>;
}

/** The votes already cast for the modification at the meeting on `heldOn`. */
export async function votesAt(ctx: AppContext, modificationId: number, heldOn: Date): Promise<VoteSnapshot> {
  const vote = await ctx.prisma.changeBoardVote.findFirst({
    where: { modificationId, meeting: { heldOn } },
    include: { categoryVotes: true },
  });
  return { heldOn, votes: Object.fromEntries((vote?.categoryVotes ?? []).map((c) => [c.category, c.value])) };
}

/** Why the Change Board can't vote on it now, or null. */
export function voteObstacle(m: { reference: string; status: string; path: ModificationPath | null; onHold: boolean }): string | null {
  if (voteEffectOf(m.path) === null) return `${m.reference} is on the Fast-Track Self-Governance path: the Panel decides it and the Change Board does not vote.`;
  if (m.onHold) return `${m.reference} is on hold; resume it before the Change Board votes.`;
  if (m.status !== "AWAITING_CHANGE_BOARD") {
    return `The Change Board votes once the Modification Report Consultation has closed; ${m.reference} is at “${describeStatus(m.status as never)}”.`;
  }
  return null;
}

/** What a Change Board member can vote on now, for the message that says this one can't be. */
export async function awaitingChangeBoard(ctx: AppContext): Promise<string> {
  const waiting = await ctx.prisma.modification.findMany({
    where: { status: "AWAITING_CHANGE_BOARD", onHold: false, OR: [{ path: null }, { path: { not: "FAST_TRACK" } }] },
    orderBy: { number: "asc" },
    select: { reference: true },
  });
  if (!waiting.length) return "Nothing is awaiting a Change Board vote now.";
  const shown = waiting.slice(0, 10).map((m) => m.reference);
  return `Awaiting a Change Board vote now: ${shown.join(", ")}${waiting.length > shown.length ? ` and ${waiting.length - shown.length} more` : ""}.`;
}

export interface CastVoteResult {
  reference: string;
  category: PartyCategory;
  value: VoteValue;
  outcome: VoteOutcome;
  effect: VoteEffect;
  meaning: string;
  /** "Not quorate: 1 of 5 voting groups present, quorum 3". */
  quorum: string;
  /** The votes so far in a sentence (describeTally). */
  summary: string;
  quorate: boolean;
  heldOn: string;
  /** Whether the vote was closed (quorate or not). */
  closed: boolean;
  moved: MoveResult | null;
}

export async function castVote(
  ctx: AppContext,
  args: {
    modificationId: number;
    heldOn: Date;
    category: PartyCategory;
    value: VoteValue;
    note: string | null;
    /** What this category's vote was when the modal opened (undefined: none). */
    expectedPrevious: VoteValue | null | undefined;
    close: boolean;
    rule?: VotingRule;
  },
  by: { userId: string; key: string },
): Promise<Once<CastVoteResult>> {
  const rule = args.rule ?? defaultVotingRule;
  return writeOnce(ctx.prisma, by.key, async (tx) => {
    const m = await lockModification(tx, args.modificationId);
    const obstacle = voteObstacle(m);
    if (obstacle) throw new Refusal(obstacle);
    const effect = voteEffectOf(m.path)!;
    if (compareDates(args.heldOn, ctx.today()) > 0) throw new Refusal(`${formatReportDate(args.heldOn)} is in the future; record the vote once the meeting has been held.`, "meeting");
    if (m.raisedOn && compareDates(args.heldOn, m.raisedOn) < 0) {
      throw new Refusal(`${m.reference} didn't exist yet on ${formatReportDate(args.heldOn)}: it was raised on ${formatReportDate(m.raisedOn)}.`, "meeting");
    }
    if (m.lastStepOn && compareDates(args.heldOn, m.lastStepOn) < 0) {
      throw new Refusal(`${m.reference} only reached the Change Board on ${formatReportDate(m.lastStepOn)}; the meeting can't be before that.`, "meeting");
    }
    const meeting = await tx.changeBoardMeeting.upsert({ where: { heldOn: args.heldOn }, create: { heldOn: args.heldOn }, update: {} });
    const vote = await tx.changeBoardVote.upsert({
      where: { meetingId_modificationId: { meetingId: meeting.id, modificationId: m.id } },
      create: { meetingId: meeting.id, modificationId: m.id, outcome: "NO_MAJORITY", effect, rule: rule.name, recordedBy: by.userId },
      update: {},
      include: { categoryVotes: true },
    });
    const previous = vote.categoryVotes.find((c) => c.category === args.category)?.value ?? null;
    if (args.expectedPrevious !== undefined && previous !== args.expectedPrevious) {
      throw new StaleEdit(`${categoryLabels[args.category]}'s vote is now ${previous ? voteValueLabels[previous] : "not recorded"}`);
    }
    await tx.categoryVote.upsert({
      where: { voteId_category: { voteId: vote.id, category: args.category } },
      create: { voteId: vote.id, category: args.category, value: args.value, castBy: by.userId },
      update: { value: args.value, castBy: by.userId },
    });
    const all = Object.fromEntries(vote.categoryVotes.map((c) => [c.category, c.value])) as Partial<Record<PartyCategory, VoteValue>>;
    all[args.category] = args.value;
    const tally = tallyVotes(all, rule);
    await tx.changeBoardVote.update({
      where: { id: vote.id },
      data: { outcome: tally.outcome, effect, rule: rule.name, note: args.note ?? vote.note, recordedBy: by.userId, recordedAt: ctx.now() },
    });
    await audit(tx, {
      modificationId: m.id,
      entity: "change_board_vote",
      entityId: vote.id,
      action: `Change Board vote (${categoryLabels[args.category]})`,
      before: { meeting: args.heldOn, vote: previous, outcome: vote.categoryVotes.length ? vote.outcome : null },
      after: { meeting: args.heldOn, vote: args.value, outcome: tally.outcome, rule: rule.name },
      actor: by.userId,
      at: ctx.now(),
    });
    let moved: MoveResult | null = null;
    if (args.close && !tally.quorate) {
      await audit(tx, {
        modificationId: m.id,
        entity: "change_board_vote",
        entityId: vote.id,
        action: "Change Board vote closed: not quorate",
        after: { meeting: args.heldOn, outcome: tally.outcome, present: tally.present, quorum: tally.quorum, rule: rule.name },
        actor: by.userId,
        at: ctx.now(),
      });
    } else if (args.close) {
      const move: MoveName | null =
        effect === "RECOMMENDATION" ? "change-board-recommends" : tally.outcome === "APPROVE" ? "change-board-approves" : tally.outcome === "REJECT" ? "change-board-rejects" : null;
      if (move) moved = await applyMove(tx, ctx, m, { move, occurredOn: args.heldOn, note: describeVoteMeaning(tally.outcome, effect), actor: by.userId });
    }
    return {
      reference: m.reference,
      category: args.category,
      value: args.value,
      outcome: tally.outcome,
      effect,
      meaning: describeVoteMeaning(tally.outcome, effect),
      quorum: describeQuorum(tally),
      summary: describeTally(tally, effect),
      quorate: tally.quorate,
      heldOn: args.heldOn.toISOString().slice(0, 10),
      closed: args.close,
      moved,
    };
  });
}
