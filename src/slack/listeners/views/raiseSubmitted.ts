import { escapeMrkdwn } from "../../blocks/mrkdwn.ts";
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { raiseProposal } from "../../../data/proposals.ts";
import { checkRole } from "../../../data/roles.ts";
import { RAISING } from "../../../../commands/raise.ts";
import { decodeMetadata, doneModal, parseForm, readViewState } from "../../blocks/forms.ts";
import { announce } from "../../announce.ts";
import { raisedMessage } from "../../blocks/confirmations.ts";
import { raiseFields, raiseFormSchema, type RaiseMetadata } from "../../blocks/raiseModal.ts";
import { fieldErrors, refusedAck, refusedForRole, submissionKey } from "./submission.ts";

const TITLE = "Raise a Draft Proposal";

export function raiseSubmitted(ctx: AppContext) {
  return async ({ ack, body, view, client, logger }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const form = parseForm(raiseFormSchema(ctx.today()), readViewState(view.state?.values as never));
    if (!form.ok) return void (await ack(fieldErrors(form.errors)));
    const allowed = await checkRole(ctx, body.user.id, "ADMIN", RAISING);
    if (!allowed.ok) return void (await ack(refusedForRole(allowed.message, TITLE)));
    let saved;
    try {
      saved = await raiseProposal(ctx, form.data, { userId: body.user.id, key: submissionKey(view) });
    } catch (error) {
      return void (await ack(refusedAck(error, raiseFields.title, TITLE)));
    }
    const raised = saved.result;
    await ack({ response_action: "update", view: doneModal(TITLE, [raised ? `*${raised.reference}* raised: ${escapeMrkdwn(raised.title)}` : "Already raised."]) });
    if (saved.duplicate || !raised) return;
    const { channelId } = decodeMetadata<RaiseMetadata>(view.private_metadata);
    // After the ack: the channel hears about it; if it can't, the person is told it was saved anyway.
    await announce(client, channelId, raisedMessage({ ...raised, userId: body.user.id, path: form.data.path }), logger, body.user.id);
  };
}
