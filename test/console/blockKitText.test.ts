import { describe, expect, it } from "vitest";
import { messageText, mrkdwnToText, renderBlocks, renderMessage } from "../../src/slack/render/blockKitText.ts";

describe("mrkdwn as a person reads it", () => {
  it("drops emphasis markers but keeps code as typed", () => {
    expect(mrkdwnToText("*Stage*  Opine · _on hold_ · ~old~")).toBe("Stage  Opine · on hold · old");
    expect(mrkdwnToText("Usage: `/mod status *REF*`")).toBe("Usage: `/mod status *REF*`");
    expect(mrkdwnToText("snake_case_name and 2*3*4")).toBe("snake_case_name and 2*3*4");
  });

  it("writes links, mentions and entities out", () => {
    expect(mrkdwnToText("<https://smartenergycodecompany.co.uk|SEC site> and <https://x.test>")).toBe(
      "SEC site (https://smartenergycodecompany.co.uk) and https://x.test",
    );
    expect(mrkdwnToText("<@U123> in <#C9|modbot> <!here> <!subteam^S1|@dcc-assessments>")).toBe(
      "@U123 in #modbot @here @dcc-assessments",
    );
    expect(mrkdwnToText("Q&amp;A &lt;draft&gt;")).toBe("Q&A <draft>");
  });

  it("turns common emoji codes into emoji and leaves unknown ones visible", () => {
    expect(mrkdwnToText(":warning: late :made_up_emoji:")).toBe("⚠️ late :made_up_emoji:");
  });

  it("can emphasise with ANSI escapes for a terminal", () => {
    expect(mrkdwnToText("*Stage*", { ansi: true })).toBe("\x1b[1mStage\x1b[22m");
  });
});

describe("Block Kit as text", () => {
  const card = [
    { type: "header", text: { type: "plain_text", text: "SECMP0053" } },
    { type: "section", text: { type: "mrkdwn", text: "*Stage*  Opine" } },
    { type: "divider" },
    { type: "section", fields: [{ type: "mrkdwn", text: "*PA*" }, { type: "mrkdwn", text: "2 May 2019" }] },
    { type: "context", elements: [{ type: "mrkdwn", text: "As at 1 Oct 2019" }, { type: "image", image_url: "x", alt_text: "logo" }] },
    {
      type: "actions",
      block_id: "status:SECMP0053",
      elements: [
        { type: "button", action_id: "status.history", text: { type: "plain_text", text: "History" }, value: "SECMP0053" },
        { type: "button", action_id: "status.delete", style: "danger", text: { type: "plain_text", text: "Delete" } },
      ],
    },
  ];

  it("renders sections, fields, context and dividers, numbering buttons as choices", () => {
    const rendered = renderBlocks(card, { width: 10 });
    expect(rendered.text).toBe(
      [
        "SECMP0053",
        "Stage  Opine",
        "──────────",
        `PA${" ".repeat(36)}2 May 2019`,
        "As at 1 Oct 2019 · [logo]",
        "[1] History   [2] Delete (!)",
      ].join("\n"),
    );
    expect(rendered.choices.map((c) => [c.number, c.label, c.blockId, c.element.action_id])).toEqual([
      [1, "History", "status:SECMP0053", "status.history"],
      [2, "Delete", "status:SECMP0053", "status.delete"],
    ]);
  });

  it("keeps counting choices from where the caller says", () => {
    expect(renderBlocks(card, { firstChoice: 4 }).choices.map((c) => c.number)).toEqual([4, 5]);
  });

  it("shows a section's accessory and selects as choices", () => {
    const rendered = renderBlocks([
      {
        type: "section",
        block_id: "b1",
        text: { type: "mrkdwn", text: "Pick a category" },
        accessory: {
          type: "static_select",
          action_id: "pick",
          placeholder: { type: "plain_text", text: "Category" },
          options: [{ text: { type: "plain_text", text: "Large Supplier" }, value: "LARGE_SUPPLIER" }],
        },
      },
      { type: "section", text: { type: "plain_text", text: "More" }, accessory: { type: "overflow", action_id: "o", options: [{}, {}] } },
    ]);
    expect(rendered.text).toBe("Pick a category\n  [1] Category ▾\nMore\n  [2] ⋯ 2 more actions");
    expect(rendered.choices.map((c) => c.element.type)).toEqual(["static_select", "overflow"]);
  });

  it("renders rich text lists, quotes and preformatted text", () => {
    const text = messageText({
      blocks: [
        {
          type: "rich_text",
          elements: [
            { type: "rich_text_section", elements: [{ type: "text", text: "Votes " }, { type: "text", text: "due", style: { bold: true } }] },
            { type: "rich_text_list", style: "ordered", elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "Large Supplier" }] }] },
            { type: "rich_text_quote", elements: [{ type: "text", text: "quoted" }] },
            { type: "rich_text_section", elements: [{ type: "link", url: "https://x.test", text: "site" }, { type: "user", user_id: "U1" }] },
          ],
        },
      ],
    });
    expect(text).toBe("Votes due\n1. Large Supplier\n> quoted\nsite (https://x.test)@U1");
  });

  it("shows unknown blocks and elements as visible placeholders instead of failing", () => {
    const text = messageText({
      blocks: [
        { type: "hologram", text: "x" },
        { type: "actions", elements: [{ type: "teleporter" }] },
        { type: "context", elements: [{ type: "sparkle" }] },
        null,
        { type: "section", text: { type: "mrkdwn", text: 42 }, fields: "nope" },
      ],
    });
    expect(text).toContain("[unsupported block: hologram]");
    expect(text).toContain("[unsupported element: teleporter]");
    expect(text).toContain("[unsupported element: sparkle]");
    expect(text).toContain("[unreadable block]");
  });

  it("falls back to the message's text when it has no blocks", () => {
    expect(renderMessage({ text: "*Done.* Saved <https://x.test|the report>" }).text).toBe("Done. Saved the report (https://x.test)");
    expect(renderMessage({}).text).toBe("");
  });

  it("describes input blocks with their label, optional flag and hint", () => {
    expect(
      messageText({
        blocks: [
          {
            type: "input",
            optional: true,
            label: { type: "plain_text", text: "Raised on" },
            hint: { type: "plain_text", text: "Leave empty for today" },
            element: { type: "datepicker", action_id: "d" },
          },
        ],
      }),
    ).toBe("Raised on (optional): 📅 pick a date\n  Leave empty for today");
  });
});
