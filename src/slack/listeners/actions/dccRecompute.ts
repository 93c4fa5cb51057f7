import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { STATUS_FROM_DATES } from "../../../domain/assessmentDates.ts";
import { dccFields, dccModal, type DccMetadata, type DccValues } from "../../blocks/dccModal.ts";
import { decodeMetadata, readViewState } from "../../blocks/forms.ts";

// Enter in the accepted date, the duration or DCC's revised date: the modal is redrawn with the target date those
// give, so the DCC sees it before saving. The hash makes Slack drop a redraw of an older state.
export function dccRecompute(ctx: AppContext) {
  return async ({ ack, body, client, logger }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const meta = decodeMetadata<DccMetadata>(view.private_metadata);
    if (!meta.modificationId || !meta.type || !meta.reference) return;
    const state = readViewState(view.state?.values as never);
    const values: DccValues = {
      requestReceivedOn: state[dccFields.requestReceivedOn] ?? null,
      acceptedOn: state[dccFields.acceptedOn] ?? null,
      targetDurationWd: state[dccFields.targetDurationWd] ?? null,
      revisedTargetDate: state[dccFields.revisedTargetDate] ?? null,
      deliveredOn: state[dccFields.deliveredOn] ?? null,
      status: (state[dccFields.status] as DccValues["status"]) ?? STATUS_FROM_DATES,
      note: state[dccFields.note] ?? null,
      contactUser: state[dccFields.contactUser] ?? null,
      contactGroup: state[dccFields.contactGroup] ?? null,
    };
    const heading = (view.blocks[0] as { text?: { text?: string } } | undefined)?.text?.text?.split("\n") ?? [];
    const offerNewRequest = view.blocks.some((block) => (block as { block_id?: string }).block_id === "dcc_new_request");
    const updated = dccModal({ sequence: 1, version: null, ...meta } as DccMetadata, values, ctx.today(), heading, { offerNewRequest });
    await client.views.update({ view_id: view.id, hash: view.hash, view: updated }).catch((error: unknown) => logger.warn("dcc.recompute: views.update failed", error));
  };
}
