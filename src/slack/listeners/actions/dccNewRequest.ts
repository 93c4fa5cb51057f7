import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { dccModalFor } from "../../../../commands/dcc.ts";
import { doneModal, decodeMetadata } from "../../blocks/forms.ts";
import type { DccMetadata } from "../../blocks/dccModal.ts";

// "Log a new PA request" in the DCC modal of a delivered or cancelled PA: the same modal,
// redrawn blank for the next request (PA 2), or the reason it can't be.
export function dccNewRequest(ctx: AppContext) {
  return async ({ ack, body, client, logger }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const meta = decodeMetadata<DccMetadata>(view.private_metadata);
    if (!meta.reference || !meta.type) return;
    const outcome = await dccModalFor(ctx, body.user.id, meta.reference, meta.type, true);
    const updated = "view" in outcome ? outcome.view : doneModal("Log DCC dates", [`Nothing was saved. ${outcome.text}`]);
    await client.views.update({ view_id: view.id, hash: view.hash, view: updated }).catch((error: unknown) => logger.warn("dcc.new_request: views.update failed", error));
  };
}
