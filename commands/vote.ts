import type { AppContext } from "../src/appContext.ts";
import { checkRole } from "../src/data/roles.ts";
import { awaitingChangeBoard, voteObstacle, votesAt } from "../src/data/votes.ts";
import { categoryLabels } from "../src/domain/parties.ts";
import { defaultVotingRule, voteEffectOf } from "../src/domain/voting.ts";
import { voteModal } from "../src/slack/blocks/voteModal.ts";
import { openModal, type ModalOrReply } from "./support/modals.ts";
import { referenceArg, resolveReference } from "./support/reference.ts";
import { defineSubcommand } from "./types.ts";

export const RECORDING_VOTES = "Recording Change Board votes";
const usage = "/mod vote REF";

export async function voteModalFor(ctx: AppContext, userId: string, typed: string, channelId?: string): Promise<ModalOrReply> {
  const allowed = await checkRole(ctx, userId, "CHANGE_BOARD", RECORDING_VOTES);
  if (!allowed.ok) return { text: allowed.message };
  const category = allowed.category;
  const rule = defaultVotingRule;
  if (!category || !rule.categories.includes(category)) {
    const which = category ? `${categoryLabels[category]} doesn't vote at the Change Board` : "your Change Board role has no party category";
    return { text: `You can't cast a vote: ${which}. An administrator can set it with /mod admin role @you change-board "Large Supplier".` };
  }
  const found = await resolveReference(ctx, typed);
  if (!found.ok) return found.reply;
  const m = await ctx.prisma.modification.findUniqueOrThrow({
    where: { id: found.id },
    include: {
      changeBoardVotes: { include: { meeting: true }, orderBy: { meeting: { heldOn: "desc" } }, take: 1 },
      transitions: { orderBy: { occurredOn: "desc" }, take: 1, select: { occurredOn: true } },
    },
  });
  const obstacle = voteObstacle(m);
  if (obstacle) return { text: `${obstacle} ${await awaitingChangeBoard(ctx)}` };
  // The meeting already under way for it (not one from before it came back to the Change Board), else today's.
  const meeting = m.changeBoardVotes[0]?.meeting.heldOn;
  const lastStep = m.transitions[0]?.occurredOn;
  const heldOn = meeting && (!lastStep || meeting >= lastStep) ? meeting : ctx.today();
  const { votes } = await votesAt(ctx, m.id, heldOn);
  return {
    view: voteModal({
      meta: { channelId, modificationId: m.id, reference: m.reference, category, heldOn: heldOn.toISOString().slice(0, 10), previous: votes[category] ?? null },
      title: m.title,
      votes,
      effect: voteEffectOf(m.path)!,
      rule,
    }),
  };
}

export default defineSubcommand({
  name: "vote",
  aliases: ["cb"],
  usage,
  summary: "Cast your category's Change Board vote, and close the vote when the meeting has voted (opens a form)",
  examples: ["/mod vote MP076"],
  args: referenceArg(usage),
  async run(typed, ctx, invocation) {
    return openModal(invocation, await voteModalFor(ctx, invocation.userId, typed, invocation.channelId));
  },
});
