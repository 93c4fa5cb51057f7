import type { KnownBlock } from "@slack/types";
import { Blocks, Elements, Message } from "slack-block-builder";
import { pathLabels, type ModificationPath } from "../../domain/lifecycle.ts";
import { escapeMrkdwn } from "./statusCard.ts";

// Short messages the channel sees after a write, each with a way to the status card.

export const viewStatusAction = "status.view";

export function viewStatusButton(reference: string) {
  return Elements.Button({ text: "View status", actionId: viewStatusAction, value: reference });
}

export function raisedMessage(args: { reference: string; title: string; userId: string; path: ModificationPath }): { text: string; blocks: KnownBlock[] } {
  const text = `📝 ${args.reference} raised: ${args.title}`;
  const blocks = Message()
    .blocks(
      Blocks.Section({ text: `📝 *${args.reference}* · ${escapeMrkdwn(args.title)}\nDraft Proposal raised by <@${args.userId}> · ${pathLabels[args.path]}` }),
      Blocks.Actions({ blockId: `raised:${args.reference}` }).elements(viewStatusButton(args.reference)),
    )
    .getBlocks() as KnownBlock[];
  return { text, blocks };
}
