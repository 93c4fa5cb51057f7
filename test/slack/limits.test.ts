import { describe, expect, it } from "vitest";
import { clipToSection, linesToSections, MAX_SECTION_TEXT } from "../../src/slack/blocks/limits.ts";

describe("Block Kit limits", () => {
  it("clips text to a section's 3,000 characters with an ellipsis, and leaves shorter text alone", () => {
    expect(clipToSection("short")).toBe("short");
    const clipped = clipToSection("x".repeat(MAX_SECTION_TEXT + 10));
    expect(clipped).toHaveLength(MAX_SECTION_TEXT);
    expect(clipped.endsWith("…")).toBe(true);
  });

  it("packs lines into as few sections as fit, never splitting a line", () => {
    const line = "y".repeat(1000);
    const sections = linesToSections([line, line, line, line]) as { text: { text: string } }[];
    expect(sections.map((s) => s.text.text.split("\n").length)).toEqual([2, 2]);
    expect(sections.every((s) => s.text.text.length <= MAX_SECTION_TEXT)).toBe(true);
  });
});
