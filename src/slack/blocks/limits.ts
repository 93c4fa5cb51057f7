import type { KnownBlock } from "@slack/types";
import { limits } from "./contract.ts";

// Slack's Block Kit limits (sources in contract.ts): 50 blocks a message, 3,000 characters in a
// section's text, about 12,000 characters of text in one message's blocks.
export const MAX_BLOCKS = limits.messageBlocks;
export const MAX_SECTION_TEXT = limits.sectionText;
export const MAX_MESSAGE_TEXT = limits.messageBlocksTotalText;

/** Text cut to fit one section, with an ellipsis where it was cut. */
export function clipToSection(text: string, maxText = MAX_SECTION_TEXT): string {
  return text.length > maxText ? `${text.slice(0, maxText - 1)}…` : text;
}

/** Packs lines into as few mrkdwn sections as the text limit allows, never splitting a line. */
export function linesToSections(lines: readonly string[], maxText = MAX_SECTION_TEXT): KnownBlock[] {
  const sections: KnownBlock[] = [];
  let current = "";
  for (const raw of lines) {
    const line = clipToSection(raw, maxText);
    if (current && current.length + 1 + line.length > maxText) {
      sections.push(section(current));
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) sections.push(section(current));
  return sections;
}

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}
