import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { describeMoveResult, RECORDING_STEPS } from "../../../../commands/move.ts";
import { checkRole } from "../../../data/roles.ts";
import { recordMove } from "../../../data/transitions.ts";
import { decodeMetadata, doneModal, parseForm, readViewState } from "../../blocks/forms.ts";
import { moveFields, moveFormSchema, type MoveMetadata } from "../../blocks/moveModal.ts";
import { announce, announcement } from "../../announce.ts";
import { fieldErrors, refusedAck, refusedForRole, submissionKey } from "./submission.ts";

const TITLE = "Record a step";

export function moveSubmitted(ctx: AppContext) {
  return async ({ ack, body, view, client, logger }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const meta = decodeMetadata<MoveMetadata>(view.private_metadata);
    if (!meta.modificationId || meta.version === undefined) return void (await ack(refusedForRole("This form is out of date; open it again with /mod move REF.", TITLE)));
    const form = parseForm(moveFormSchema(ctx.today()), readViewState(view.state?.values as never));
    if (!form.ok) return void (await ack(fieldErrors(form.errors)));
    const allowed = await checkRole(ctx, body.user.id, "ADMIN", RECORDING_STEPS);
    if (!allowed.ok) return void (await ack(refusedForRole(allowed.message, TITLE)));
    try {
      const saved = await recordMove(
        ctx,
        { modificationId: meta.modificationId, move: form.data.move, occurredOn: form.data.occurredOn, note: form.data.note, expectedVersion: meta.version },
        { userId: body.user.id, key: submissionKey(view) },
      );
      await ack({ response_action: "update", view: doneModal(TITLE, [saved.result ? describeMoveResult(saved.result) : "Already recorded."]) });
      if (saved.result && !saved.duplicate) await announce(client, meta.channelId, announcement(describeMoveResult(saved.result), body.user.id), logger, body.user.id);
    } catch (error) {
      await ack(refusedAck(error, moveFields.move, TITLE));
    }
  };
}
