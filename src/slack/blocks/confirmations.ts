import type { KnownBlock } from "@slack/types";
import { Blocks, Elements, Message } from "slack-block-builder";
import { formatReportDate } from "../../domain/calendarDate.ts";
import { pathLabels, type ModificationPath } from "../../domain/lifecycle.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";

// Short messages the channel sees after a write, each with a way to the status card.

export const viewStatusAction = "status.view";

export interface Announcement {
  text: string;
  blocks: KnownBlock[];
}

/**
 * A write told to the channel: what changed (mrkdwn the caller has escaped) and who recorded it.
 * Commands answer in the channel with it; forms and buttons post it (src/slack/announce.ts).
 */
export function announcement(summary: string, userId: string): Announcement {
  const blocks = Message()
    .blocks(Blocks.Section({ text: summary }), Blocks.Context().elements(`Recorded by <@${userId}>`))
    .getBlocks() as KnownBlock[];
  return { text: `${summary} (recorded by <@${userId}>)`, blocks };
}

export function viewStatusButton(reference: string) {
  return Elements.Button({ text: "View status", actionId: viewStatusAction, value: reference });
}

/** The party raised it; the Slack user only logged it, so both are named. */
export function raisedMessage(args: {
  reference: string;
  title: string;
  userId: string;
  path: ModificationPath;
  partyName?: string;
  raisedOn?: string;
}): { text: string; blocks: KnownBlock[] } {
  const text = `📝 ${args.reference} raised: ${escapeMrkdwn(args.title)}`;
  const raised = [
    args.partyName ? `by ${escapeMrkdwn(args.partyName)}` : "",
    args.raisedOn ? `on ${formatReportDate(new Date(`${args.raisedOn}T00:00:00Z`))}` : "",
  ].filter(Boolean);
  const blocks = Message()
    .blocks(
      Blocks.Section({
        text: `📝 *${args.reference}* · ${escapeMrkdwn(args.title)}\nDraft Proposal raised${raised.length ? ` ${raised.join(" ")}` : ""} · ${pathLabels[args.path]} · logged by <@${args.userId}>`,
      }),
      Blocks.Actions({ blockId: `raised:${args.reference}` }).elements(viewStatusButton(args.reference)),
    )
    .getBlocks() as KnownBlock[];
  return { text, blocks };
}
