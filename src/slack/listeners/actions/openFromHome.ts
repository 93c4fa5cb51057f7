import type { AllMiddlewareArgs, BlockAction, BlockElementAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { View } from "@slack/types";
import type { AppContext } from "../../../appContext.ts";
import type { ModalOrReply } from "../../../../commands/support/modals.ts";
import { doneModal } from "../../blocks/forms.ts";
import { requestOf } from "../../supervision.ts";
import { openViewWithinTrigger } from "../../triggerWindow.ts";

export type HomeActionArgs = SlackActionMiddlewareArgs<BlockAction<BlockElementAction>> & AllMiddlewareArgs;

/** The value a button carries, or what a menu selected. */
export function actionValue(action: BlockElementAction): string {
  if ("value" in action && typeof action.value === "string") return action.value;
  if ("selected_option" in action && action.selected_option) return (action.selected_option as { value: string }).value;
  return "";
}

/**
 * A Home (or direct-message) button that opens a modal: the Home tab has no channel to answer
 * in, so a refusal ("needs the DCC role") is shown in a small modal instead of an ephemeral.
 */
export function openFromHome(ctx: AppContext, build: (ctx: AppContext, userId: string, value: string) => Promise<ModalOrReply | { view: View }>, title: string) {
  return async ({ ack, body, action, client, context }: HomeActionArgs) => {
    await ack();
    const outcome = await build(ctx, body.user.id, actionValue(action));
    const view = "view" in outcome ? outcome.view : (doneModal(title, [outcome.text]) as View);
    await openViewWithinTrigger(client, body.trigger_id, view, requestOf(context));
  };
}
