import { escapeMrkdwn } from "../../blocks/mrkdwn.ts";
import type { ViewResponseAction } from "@slack/bolt";
import { Refusal, StaleEdit } from "../../../data/writes.ts";
import { doneModal } from "../../blocks/forms.ts";

// What every modal submission answers when a write is refused: the reason on the field it is
// about (response_action "errors"), or, when it is about no one field, a modal that says so.

/** The key that makes a submission happen once: Slack retries and double clicks share the view id. */
export function submissionKey(view: { id: string; callback_id: string }): string {
  return `view:${view.callback_id}:${view.id}`;
}

export function fieldErrors(errors: Record<string, string>): ViewResponseAction {
  return { response_action: "errors", errors };
}

/** The ack for a refused write; anything else is rethrown for the supervision to answer and log. */
export function refusedAck(error: unknown, fallbackField: string, title: string): ViewResponseAction {
  if (error instanceof StaleEdit) {
    return fieldErrors({
      [fallbackField]: `This changed while you were editing: ${error.current}. Nothing was saved; check the form against that and submit again, or cancel.`.slice(0, 2000),
    });
  }
  if (error instanceof Refusal) {
    return error.field ? fieldErrors({ [error.field]: error.message }) : { response_action: "update", view: doneModal(title, [`Nothing was saved. ${escapeMrkdwn(error.message)}`]) };
  }
  throw error;
}

export function refusedForRole(message: string, title: string): ViewResponseAction {
  return { response_action: "update", view: doneModal(title, [`Nothing was saved. ${message}`]) };
}
