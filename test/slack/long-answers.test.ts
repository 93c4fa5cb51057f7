import { describe, expect, it } from "vitest";
import type { DigestContent } from "../../src/jobs/digestContent.ts";
import { blockKitViolations } from "../../src/slack/blocks/contract.ts";
import { digestMessages } from "../../src/slack/blocks/digest.ts";
import { clipToSection, MAX_RESPONSES, pagedAnswer } from "../../src/slack/blocks/limits.ts";
import { messageText } from "../../src/slack/render/blockKitText.ts";

// Long answers are split by size as well as by block count, every message is one Slack takes,
// and nothing is lost or cut without saying so.

const title = (i: number) => `A modification whose title is long enough to matter number ${i} of a busy register with many words`;

function busyDigest(): DigestContent {
  const line = (kind: string, i: number) => ({ text: `*SECMP${String(i).padStart(4, "0")}* ${title(i)} — ${kind} with a sentence or two of detail about what happened and when (${i})`, reference: `SECMP${String(i).padStart(4, "0")}`, title: title(i) });
  return {
    title: "📋 Modifications digest · 7 Oct 2019",
    context: "As at Mon 7 Oct 2019",
    summary: "150 changes, 40 due, 60 late DCC assessments",
    sections: [
      { heading: "What changed", empty: "Nothing changed.", lines: Array.from({ length: 150 }, (_, i) => line("moved on", i)) },
      { heading: "Due soon", empty: "Nothing due.", lines: Array.from({ length: 40 }, (_, i) => line("due", 200 + i)) },
      { heading: "Late DCC assessments", empty: "None late.", lines: Array.from({ length: 60 }, (_, i) => line("late", 300 + i)) },
    ],
  };
}

describe("long answers", () => {
  it("splits a busy week's digest into messages Slack takes, by text size as well as blocks, losing no line", () => {
    const content = busyDigest();
    const messages = digestMessages(content);
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) expect(blockKitViolations(message, "message")).toEqual([]);
    const all = messages.map((m) => messageText(m)).join("\n");
    for (const section of content.sections) for (const line of section.lines) expect(all).toContain(`(${line.text.match(/\((\d+)\)$/)![1]})`);
  });

  it("continues a long listing in further messages, and says how many more when even five are not enough", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `*SECMP${i}* ${title(i)} — Refine · in refinement`);
    const pages = pagedAnswer({ heading: "*All modifications* (400)", text: "All modifications (400)", lines, tooMany: "narrow it with a stage." });
    expect(pages.length).toBe(MAX_RESPONSES);
    for (const page of pages) expect(blockKitViolations(page, "message")).toEqual([]);
    const texts = pages.map((p) => messageText(p));
    expect(texts[0]).toContain("Continued in the next message (2 of 5)");
    expect(texts[4]).toMatch(/\d+ more not shown: narrow it with a stage\./);
    const shown = texts.join("\n").match(/\*?SECMP\d+/g)!.length;
    const hidden = Number(texts[4].match(/(\d+) more not shown/)![1]);
    expect(shown + hidden).toBe(400);
  });

  it("fits a short listing in one message with nothing added", () => {
    const pages = pagedAnswer({ heading: "*Open* (2)", text: "Open (2)", lines: ["one", "two"], tooMany: "x" });
    expect(pages).toHaveLength(1);
    expect(messageText(pages[0])).toBe("Open (2)\none\ntwo");
  });

  it("cuts an over-long line at a word, with an ellipsis saying so", () => {
    const clipped = clipToSection(`${"word ".repeat(700)}end`, 3000);
    expect(clipped.length).toBeLessThanOrEqual(3000);
    expect(clipped.endsWith("word…")).toBe(true);
  });
});
