import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { RECORDING_VOTES } from "../../../../commands/vote.ts";
import { checkRole } from "../../../data/roles.ts";
import { castVote } from "../../../data/votes.ts";
import { formatReportDate } from "../../../domain/calendarDate.ts";
import { describeStatus } from "../../../domain/lifecycle.ts";
import { categoryLabels } from "../../../domain/parties.ts";
import { voteValueLabels } from "../../../domain/voting.ts";
import { decodeMetadata, doneModal, parseForm, readViewState } from "../../blocks/forms.ts";
import { voteFields, voteFormSchema, type VoteMetadata } from "../../blocks/voteModal.ts";
import { announce, announcement } from "../../announce.ts";
import { fieldErrors, refusedAck, refusedForRole, submissionKey } from "./submission.ts";

const TITLE = "Record vote";

export function voteSubmitted(ctx: AppContext) {
  return async ({ ack, body, view, client, logger }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const meta = decodeMetadata<VoteMetadata>(view.private_metadata);
    if (!meta.modificationId || !meta.category || !meta.heldOn) return void (await ack(refusedForRole("This form is out of date; open it again with /mod vote REF.", TITLE)));
    const form = parseForm(voteFormSchema(ctx.today()), readViewState(view.state?.values as never));
    if (!form.ok) return void (await ack(fieldErrors(form.errors)));
    const allowed = await checkRole(ctx, body.user.id, "CHANGE_BOARD", RECORDING_VOTES);
    if (!allowed.ok) return void (await ack(refusedForRole(allowed.message, TITLE)));
    // A member votes only for their own category, whatever the form was opened with.
    if (allowed.category !== meta.category) {
      return void (await ack(refusedForRole(`You vote for ${allowed.category ? categoryLabels[allowed.category] : "no category"}, not ${categoryLabels[meta.category]}.`, TITLE)));
    }
    const sameMeeting = form.data.heldOn.toISOString().slice(0, 10) === meta.heldOn;
    try {
      const saved = await castVote(
        ctx,
        {
          modificationId: meta.modificationId,
          heldOn: form.data.heldOn,
          category: meta.category,
          value: form.data.value,
          note: form.data.note,
          expectedPrevious: sameMeeting ? (meta.previous ?? null) : undefined,
          close: form.data.close,
        },
        { userId: body.user.id, key: submissionKey(view) },
      );
      const r = saved.result;
      const closing = !r?.closed
        ? ""
        : !r.quorate
          ? `Vote closed as not quorate (${r.quorum.replace(/^Not quorate: /, "")}): nothing is recommended or decided, and ${r.reference} stays awaiting the Change Board.`
          : r.moved
            ? `Vote closed: ${r.moved.reference} is now ${describeStatus(r.moved.to)}.`
            : `Vote closed with no majority: there is no decision, and ${r.reference} stays awaiting the Change Board.`;
      const lines = r
        ? [`Recorded ${categoryLabels[r.category]}: *${voteValueLabels[r.value]}* on ${r.reference} at the Change Board of ${formatReportDate(form.data.heldOn)}.`, `So far: ${r.summary}.`, closing]
        : ["Already recorded."];
      await ack({ response_action: "update", view: doneModal(TITLE, lines.filter(Boolean)) });
      if (r && !saved.duplicate) {
        const cast = `🗳️ ${categoryLabels[r.category]} voted *${voteValueLabels[r.value]}* on *${r.reference}* at the Change Board of ${formatReportDate(form.data.heldOn)}. So far: ${r.summary}.`;
        await announce(client, meta.channelId, announcement([cast, closing].filter(Boolean).join("\n"), body.user.id), logger, body.user.id);
      }
    } catch (error) {
      await ack(refusedAck(error, voteFields.vote, TITLE));
    }
  };
}
