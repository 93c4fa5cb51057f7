import type { KnownBlock } from "@slack/types";
import { blockTextLength, limits } from "./contract.ts";

// Slack's Block Kit limits (sources in contract.ts): 50 blocks a message, 3,000 characters in a
// section's text, about 12,000 characters of text in one message's blocks.
export const MAX_BLOCKS = limits.messageBlocks;
export const MAX_SECTION_TEXT = limits.sectionText;
export const MAX_MESSAGE_TEXT = limits.messageBlocksTotalText;

/** Text cut to fit one section, at a word where there is one nearby, with an ellipsis where it was cut. */
export function clipToSection(text: string, maxText = MAX_SECTION_TEXT): string {
  if ([...text].length <= maxText) return text;
  const cut = [...text].slice(0, maxText - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${space > maxText - 80 ? cut.slice(0, space) : cut}…`;
}

// What a message keeps free for its heading, a "continued" line and a menu or footer.
const RESERVED_BLOCKS = 3;
const RESERVED_TEXT = 1000;

/**
 * Blocks dealt into messages that each fit Slack's limits by count and by total text, in order;
 * a long answer continues in the next message rather than being refused or cut.
 */
export function packIntoMessages(blocks: readonly KnownBlock[], reserved = { blocks: RESERVED_BLOCKS, text: RESERVED_TEXT }): KnownBlock[][] {
  const maxBlocks = MAX_BLOCKS - reserved.blocks;
  const maxText = MAX_MESSAGE_TEXT - reserved.text;
  const pages: KnownBlock[][] = [];
  let page: KnownBlock[] = [];
  let text = 0;
  for (const block of blocks) {
    const size = blockTextLength(block);
    if (page.length > 0 && (page.length >= maxBlocks || text + size > maxText)) {
      pages.push(page);
      page = [];
      text = 0;
    }
    page.push(block);
    text += size;
  }
  if (page.length) pages.push(page);
  return pages;
}

/** Slack takes at most five posts to one response_url (slash commands, "Sending delayed responses"). */
export const MAX_RESPONSES = 5;

export interface PagedAnswer {
  text: string;
  blocks: KnownBlock[];
}

/**
 * A long listing as a first message and up to four more (what one response_url takes), each within
 * Slack's limits. Whatever still does not fit is counted and the last message says how to narrow it.
 */
export function pagedAnswer(args: { heading: string; text: string; lines: readonly string[]; footer?: string; tooMany: string }): PagedAnswer[] {
  const pages = packIntoMessages(linesToSections(args.lines));
  const shown = pages.slice(0, MAX_RESPONSES);
  const hiddenLines = pages.slice(MAX_RESPONSES).reduce((n, page) => n + page.reduce((m, b) => m + sectionLineCount(b), 0), 0);
  const total = shown.length;
  return shown.map((page, index) => {
    const blocks: KnownBlock[] = [];
    if (index === 0) blocks.push(section(args.heading));
    else blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `_Continued (${index + 1} of ${total})_` }] });
    blocks.push(...page);
    const notes: string[] = [];
    if (index < total - 1) notes.push(`_Continued in the next message (${index + 2} of ${total})._`);
    else if (hiddenLines > 0) notes.push(`_${hiddenLines} more not shown: ${args.tooMany}_`);
    if (index === total - 1 && args.footer) notes.push(args.footer);
    if (notes.length) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: notes.join("\n") }] });
    return { text: index === 0 ? args.text : `${args.text} (continued, ${index + 1} of ${total})`, blocks };
  });
}

function sectionLineCount(block: KnownBlock): number {
  return block.type === "section" && block.text ? block.text.text.split("\n").length : 0;
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
