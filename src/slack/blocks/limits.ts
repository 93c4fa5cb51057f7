import type { KnownBlock } from "@slack/types";

// Slack's Block Kit limits: 50 blocks a message, 3,000 characters in a section's text.
export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;

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
