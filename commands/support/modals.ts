import type { View } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { CommandOutcome, CommandReply } from "../types.ts";

// Subcommands that answer with a modal build the view (or a reason not to) here, so the
// status card's buttons can open the same modal the subcommand does.

export type ModalOrReply = { view: View } | CommandReply;

/** Opens the modal while the trigger is fresh (Slack gives 3 s); the /mod listener acks after. */
export async function openModal(client: WebClient, triggerId: string, outcome: ModalOrReply): Promise<CommandOutcome> {
  if (!("view" in outcome)) return outcome;
  await client.views.open({ trigger_id: triggerId, view: outcome.view });
  return { opened: outcome.view };
}
