import type { KnownBlock } from "@slack/types";
import type { DigestContent, DigestLine } from "../../jobs/digestContent.ts";
import { blockTextLength } from "./contract.ts";
import { clipToSection, MAX_BLOCKS, MAX_MESSAGE_TEXT, MAX_SECTION_TEXT } from "./limits.ts";

// The digest as Slack messages. The first goes to the channel; when it would not fit Slack's
// limits (50 blocks, 3,000 characters a section, 12,000 characters of text a message, 100 options
// a menu) the rest continue in its
// thread, so a long digest is split, never refused.

export const digestActions = { openStatus: "digest.open_status" } as const;

export interface DigestMessage {
  text: string;
  blocks: KnownBlock[];
}

// Room for the heading or "continued" line and the status-card menu.
const CONTENT_BLOCKS = MAX_BLOCKS - 3;
// Room for the heading and context (the context line is at most a few hundred characters).
const CONTENT_TEXT = MAX_MESSAGE_TEXT - 1000;
const MAX_OPTIONS = 100;
// A section this long is still readable on a phone; it also bounds one section's menu entries.
const MAX_LINES_PER_SECTION = 20;
const OPTION_TEXT = 75;

interface Unit {
  block: KnownBlock;
  references: string[];
}

function mrkdwn(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}

function packLines(lines: readonly DigestLine[]): Unit[] {
  const units: Unit[] = [];
  let text = "";
  let count = 0;
  let references: string[] = [];
  const flush = () => {
    if (text) units.push({ block: mrkdwn(text), references });
    text = "";
    count = 0;
    references = [];
  };
  for (const item of lines) {
    const itemText = clipToSection(item.text);
    if (text && (text.length + 1 + itemText.length > MAX_SECTION_TEXT || count >= MAX_LINES_PER_SECTION)) flush();
    text = text ? `${text}\n${itemText}` : itemText;
    count++;
    if (item.reference) references.push(item.reference);
  }
  flush();
  return units;
}

function statusMenu(references: readonly string[], titles: ReadonlyMap<string, string>): KnownBlock {
  return {
    type: "actions",
    elements: [
      {
        type: "static_select",
        action_id: digestActions.openStatus,
        placeholder: { type: "plain_text", text: "Open a status card…" },
        options: references.map((reference) => {
          const label = `${reference} · ${titles.get(reference) ?? ""}`;
          return {
            text: { type: "plain_text", text: label.length > OPTION_TEXT ? `${label.slice(0, OPTION_TEXT - 1)}…` : label },
            value: reference,
          };
        }),
      },
    ],
  };
}

export function digestMessages(content: DigestContent): DigestMessage[] {
  const titles = new Map<string, string>();
  const units: Unit[] = [];
  content.sections.forEach((section, index) => {
    if (index > 0) units.push({ block: { type: "divider" }, references: [] });
    const count = section.lines.length ? ` (${section.lines.length})` : "";
    units.push({ block: mrkdwn(`*${section.heading}*${count}`), references: [] });
    if (section.lines.length === 0) units.push({ block: mrkdwn(`_${section.empty}_`), references: [] });
    for (const item of section.lines) if (item.reference && item.title) titles.set(item.reference, item.title);
    units.push(...packLines(section.lines));
  });

  const pages: Unit[][] = [[]];
  let references = new Set<string>();
  let text = 0;
  for (const unit of units) {
    const page = pages[pages.length - 1];
    const merged = new Set([...references, ...unit.references]);
    const size = blockTextLength(unit.block);
    if (page.length > 0 && (page.length >= CONTENT_BLOCKS || merged.size > MAX_OPTIONS || text + size > CONTENT_TEXT)) {
      pages.push([unit]);
      references = new Set(unit.references);
      text = size;
    } else {
      page.push(unit);
      references = merged;
      text += size;
    }
  }

  return pages.map((page, index) => {
    const pageReferences = [...new Set(page.flatMap((unit) => unit.references))];
    const opening: KnownBlock[] =
      index === 0
        ? [
            { type: "header", text: { type: "plain_text", text: content.title.slice(0, 150) } },
            { type: "context", elements: [{ type: "mrkdwn", text: content.context }] },
          ]
        : [{ type: "context", elements: [{ type: "mrkdwn", text: `_Digest continued (${index + 1} of ${pages.length})_` }] }];
    const blocks = [...opening, ...page.map((unit) => unit.block)];
    if (pageReferences.length) blocks.push(statusMenu(pageReferences, titles));
    const text = index === 0 ? content.summary + (pages.length > 1 ? " Continued in the thread." : "") : `Digest continued (${index + 1} of ${pages.length})`;
    return { text, blocks };
  });
}
