import { describe, expect, it } from "vitest";
import { blockKitViolations, limits, viewSubmissionAckViolations } from "../../src/slack/blocks/contract.ts";

const plain = (text: string) => ({ type: "plain_text", text });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const section = (text: string, extra: Record<string, unknown> = {}) => ({ type: "section", text: mrkdwn(text), ...extra });
const message = (blocks: unknown[]) => ({ text: "fallback", blocks });
const modal = (blocks: unknown[], extra: Record<string, unknown> = {}) => ({ type: "modal", title: plain("Vote"), submit: plain("Record vote"), blocks, ...extra });
const rules = (payload: unknown, surface: "message" | "modal" | "home" = "message") => blockKitViolations(payload, surface).map((v) => `${v.rule} @ ${v.path}`);

describe("the Block Kit contract", () => {
  it("accepts a well-formed message, modal and Home tab", () => {
    const select = {
      type: "static_select",
      action_id: "pick",
      placeholder: plain("Choose…"),
      options: [{ text: plain("One"), value: "1" }, { text: plain("Two"), value: "2" }],
      initial_option: { text: plain("Two"), value: "2" },
    };
    expect(rules(message([{ type: "header", text: plain("Digest") }, section("*Hi*"), { type: "divider" }, { type: "actions", elements: [select] }]))).toEqual([]);
    expect(rules(modal([{ type: "input", block_id: "vote", label: plain("Vote"), element: select }]), "modal")).toEqual([]);
    expect(rules({ type: "home", blocks: [section("Home"), { type: "input", block_id: "q", label: plain("Q"), element: { type: "plain_text_input", action_id: "q" } }] }, "home")).toEqual([]);
  });

  it("catches an option text of 76 characters, naming where it is", () => {
    const options = [{ text: plain("x".repeat(limits.optionText + 1)), value: "close" }];
    const view = modal([section("Close?"), { type: "input", block_id: "close", label: plain("Close the vote"), element: { type: "checkboxes", action_id: "close", options } }]);
    expect(rules(view, "modal")).toEqual(["option.text.length @ blocks[1].element.options[0].text.text"]);
    expect(rules(modal([{ type: "input", block_id: "c", label: plain("C"), element: { type: "checkboxes", action_id: "c", options: [{ text: plain("x".repeat(75)), value: "c" }] } }]), "modal")).toEqual([]);
  });

  it("catches 51 blocks in a message, and allows 100 in a modal but not 101", () => {
    const blocks = (n: number) => Array.from({ length: n }, (_, i) => section(`line ${i}`));
    expect(rules(message(blocks(50)))).toEqual([]);
    expect(rules(message(blocks(51)))).toEqual(["message.blocks.count @ blocks"]);
    expect(rules(modal(blocks(100)), "modal")).toEqual([]);
    expect(rules(modal(blocks(101)), "modal")).toEqual(["view.blocks.count @ blocks"]);
  });

  it("catches a duplicate block_id, and a duplicate action_id within one block", () => {
    expect(rules(message([section("a", { block_id: "card" }), section("b", { block_id: "card" })]))).toEqual(["block.block_id.unique @ blocks[1].block_id"]);
    const button = { type: "button", action_id: "go", text: plain("Go") };
    expect(rules(message([{ type: "actions", elements: [button, button] }]))).toEqual(["element.action_id.unique @ blocks[0].elements[1].action_id"]);
  });

  it("catches mrkdwn in a button and a button text over 75", () => {
    expect(rules(message([{ type: "actions", elements: [{ type: "button", action_id: "go", text: mrkdwn("*Go*") }] }]))).toEqual([
      "button.text.plain_text @ blocks[0].elements[0].text.type",
    ]);
    expect(rules(message([section("s", { accessory: { type: "button", action_id: "go", text: plain("g".repeat(76)) } })]))).toEqual([
      "button.text.length @ blocks[0].accessory.text.text",
    ]);
  });

  it("catches a section of 3,001 characters, an empty one, and over 10 fields", () => {
    expect(rules(message([section("s".repeat(3000))]))).toEqual([]);
    expect(rules(message([section("s".repeat(3001))]))).toEqual(["section.text.length @ blocks[0].text.text"]);
    expect(rules(message([section("")]))).toEqual(["section.text.length @ blocks[0].text.text"]);
    expect(rules(message([{ type: "section", fields: Array.from({ length: 11 }, () => mrkdwn("f")) }]))).toEqual(["section.fields.count @ blocks[0].fields"]);
  });

  it("catches an errors key that is no input block of the submitted view", () => {
    const inputs = ["meeting", "vote"];
    expect(viewSubmissionAckViolations({ response_action: "errors", errors: { vote: "Choose one." } }, inputs)).toEqual([]);
    expect(viewSubmissionAckViolations({ response_action: "errors", errors: { votes: "Choose one." } }, inputs).map((v) => `${v.rule} @ ${v.path}`)).toEqual([
      "ack.errors.key @ errors.votes",
    ]);
  });

  it("checks the modal itself: title of 24, submit required with inputs, private_metadata of 3,000", () => {
    const input = { type: "input", block_id: "n", label: plain("Note"), element: { type: "plain_text_input", action_id: "n", max_length: 3001 } };
    expect(rules({ type: "modal", title: plain("t".repeat(25)), blocks: [input], private_metadata: "m".repeat(3001) }, "modal")).toEqual([
      "plain_text_input.max_length @ blocks[0].element.max_length",
      "view.private_metadata.length @ private_metadata",
      "modal.title.length @ title.text",
      "modal.submit.required @ submit",
    ]);
  });

  it("catches an initial option that is not one of the options, and menus over their counts", () => {
    const options = (n: number) => Array.from({ length: n }, (_, i) => ({ text: plain(`o${i}`), value: `v${i}` }));
    const select = { type: "static_select", action_id: "s", options: options(2), initial_option: { text: plain("other"), value: "v0" } };
    expect(rules(message([{ type: "actions", elements: [select] }]))).toEqual(["element.initial_option @ blocks[0].elements[0].initial_option"]);
    expect(rules(message([{ type: "actions", elements: [{ type: "static_select", action_id: "s", options: options(101) }] }]))).toEqual(["select.options.count @ blocks[0].elements[0].options"]);
    expect(rules(message([{ type: "actions", elements: [{ type: "overflow", action_id: "o", options: options(6) }] }]))).toEqual(["overflow.options.count @ blocks[0].elements[0].options"]);
    expect(rules(message([{ type: "actions", elements: [{ type: "radio_buttons", action_id: "r", options: options(11) }] }]))).toEqual(["radio_buttons.options.count @ blocks[0].elements[0].options"]);
  });

  it("catches an option value over 150, a header over 150, context over 10 elements, actions over 25", () => {
    const option = { text: plain("o"), value: "v".repeat(151) };
    expect(rules(message([{ type: "actions", elements: [{ type: "static_select", action_id: "s", options: [option] }] }]))).toEqual(["option.value.length @ blocks[0].elements[0].options[0].value"]);
    expect(rules(message([{ type: "header", text: plain("h".repeat(151)) }]))).toEqual(["header.text.length @ blocks[0].text.text"]);
    expect(rules(message([{ type: "context", elements: Array.from({ length: 11 }, () => mrkdwn("c")) }]))).toEqual(["context.elements.count @ blocks[0].elements"]);
    const buttons = Array.from({ length: 26 }, (_, i) => ({ type: "button", action_id: `b${i}`, text: plain("b") }));
    expect(rules(message([{ type: "actions", elements: buttons }]))).toEqual(["actions.elements.count @ blocks[0].elements"]);
  });

  it("keeps input blocks out of messages and needs a fallback text beside blocks", () => {
    expect(rules({ blocks: [section("x")] })).toEqual(["message.text.fallback @ text"]);
    expect(rules(message([{ type: "input", label: plain("L"), element: { type: "plain_text_input", action_id: "a" } }]))).toEqual([
      "input.surface @ blocks[0]",
      "input.surface @ blocks[0].element",
    ]);
  });

  it("keeps one message's text under 12,000 characters in all", () => {
    const blocks = Array.from({ length: 5 }, () => section("t".repeat(2500)));
    expect(rules(message(blocks))).toEqual(["message.blocks.total_text @ blocks"]);
    expect(rules(message(blocks.slice(0, 4)))).toEqual([]);
  });
});

describe("the fake Slack Web API", () => {
  it("refuses what Slack would refuse, and the breach names the rule and the path", async () => {
    const { startFakeSlack } = await import("../support/fakeSlack.ts");
    const { takeBreaches } = await import("../support/blockKitContract.ts");
    const slack = await startFakeSlack();
    try {
      const post = (body: unknown) =>
        fetch(`${slack.apiUrl}chat.postMessage`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json());
      expect(await post({ channel: "C1", text: "ok", blocks: [section("fine")] })).toMatchObject({ ok: true });
      expect(takeBreaches()).toEqual([]);
      const options = [{ text: plain("o".repeat(76)), value: "v" }];
      expect(await post({ channel: "C1", text: "bad", blocks: [section("x"), { type: "actions", elements: [{ type: "static_select", action_id: "s", options }] }] })).toMatchObject({
        ok: false,
        error: "invalid_blocks",
      });
      const [breach, ...more] = takeBreaches();
      expect(more).toEqual([]);
      expect(breach).toContain("chat.postMessage");
      expect(breach).toContain("option.text.length at blocks[1].elements[0].options[0].text.text");
    } finally {
      await slack.close();
    }
  });
});
