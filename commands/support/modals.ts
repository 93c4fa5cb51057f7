import type { View } from "@slack/types";
import type { CommandInvocation, CommandOutcome, CommandReply } from "../types.ts";

// Subcommands that answer with a modal build the view (or a reason not to) here, so the
// status card's buttons can open the same modal the subcommand does.

/** The answer when Slack could not open a form within its 3-second trigger window. */
export const SLACK_BUSY = "Slack is busy — try again in a moment. (I couldn't open the form within the few seconds Slack allows.)";

export type ModalOrReply = { view: View } | CommandReply;

/** Opens the modal while the trigger is fresh (Slack gives 3 s); the /mod listener acks after. */
export async function openModal(invocation: CommandInvocation, outcome: ModalOrReply): Promise<CommandOutcome> {
  if (!("view" in outcome)) return outcome;
  return (await invocation.openView(outcome.view)) ? { opened: outcome.view } : { text: SLACK_BUSY };
}
