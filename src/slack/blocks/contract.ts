// What Slack accepts, as code. Every number below is from Slack's Block Kit reference (the page is
// named beside it; docs.slack.dev mirrors api.slack.com/reference/block-kit/...). The tests' fake
// Web API and every acknowledgement reader run payloads through `blockKitViolations`, so a payload
// real Slack would refuse (`invalid_blocks`) fails the test that produced it; the splitting code
// (digest, long answers) uses the same limits at run time. Cross-checked against the validators in
// python-slack-sdk (`slack_sdk/models/blocks`, `slack_sdk/models/views`).

/** Where a payload is shown: each surface has its own block count and allows different blocks. */
export type Surface = "message" | "modal" | "home";

export interface Violation {
  /** A short, stable name of the rule, e.g. "option.text.length". */
  rule: string;
  /** Where in the payload, e.g. `blocks[4].element.options[0].text`. */
  path: string;
  /** What was found, for the person reading the failure. */
  detail: string;
}

export const limits = {
  // chat.postMessage: "blocks … up to 50 blocks"; https://docs.slack.dev/reference/methods/chat.postMessage
  messageBlocks: 50,
  // Modal and Home tab view objects: "Max of 100 blocks"; https://docs.slack.dev/reference/views/modal-views, https://docs.slack.dev/reference/views/home-tab-views
  viewBlocks: 100,
  // chat.postMessage truncates `text` over 40,000 characters; https://docs.slack.dev/reference/methods/chat.postMessage ("Truncating content")
  messageText: 40_000,
  // Slack refuses a message whose blocks carry too much text in all (`msg_blocks_too_long`,
  // slackapi/bolt-js#1376 and python-slack-sdk#1108 report it from ~12–13k); we keep under 12,000.
  messageBlocksTotalText: 12_000,
  // Section block: text "minimum 1 … maximum 3000 characters"; fields "Maximum number of items is
  // 10 … maximum length for the text in each item is 2000"; https://docs.slack.dev/reference/block-kit/blocks/section-block
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  // Header block: plain_text, "Maximum length … 150 characters"; https://docs.slack.dev/reference/block-kit/blocks/header-block
  headerText: 150,
  // Every block: block_id "Maximum length … 255 characters … unique for each message and each
  // iteration of a message"; https://docs.slack.dev/reference/block-kit/blocks (e.g. section-block, "block_id")
  blockId: 255,
  // Actions block: "An array of interactive element objects … maximum of 25 elements";
  // https://docs.slack.dev/reference/block-kit/blocks/actions-block
  actionsElements: 25,
  // Context block: "Maximum number of items is 10"; https://docs.slack.dev/reference/block-kit/blocks/context-block
  contextElements: 10,
  // Input block: label and hint plain_text "Maximum length … 2000 characters"; https://docs.slack.dev/reference/block-kit/blocks/input-block
  inputLabel: 2000,
  inputHint: 2000,
  // Image block: alt_text 2000, image_url 3000, title 2000; https://docs.slack.dev/reference/block-kit/blocks/image-block
  imageAltText: 2000,
  imageUrl: 3000,
  imageTitle: 2000,
  // Every interactive element: action_id "Maximum length … 255 characters"; unique among the
  // elements of its block; https://docs.slack.dev/reference/block-kit/block-elements (e.g. button-element, "action_id")
  actionId: 255,
  // Button: text plain_text "Maximum length … 75 characters", value 2000, url 3000;
  // https://docs.slack.dev/reference/block-kit/block-elements/button-element
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  // Placeholders: "Maximum length … 150 characters"; https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element
  placeholder: 150,
  // Static select: "Maximum number of options is 100"; option_groups "Maximum number of option
  // groups is 100"; https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element
  selectOptions: 100,
  selectOptionGroups: 100,
  // Overflow menu: "Maximum number of options is 5, minimum is 1"; https://docs.slack.dev/reference/block-kit/block-elements/overflow-menu-element
  overflowOptions: 5,
  // Checkboxes and radio buttons: "A maximum of 10 options are allowed";
  // https://docs.slack.dev/reference/block-kit/block-elements/checkboxes-element, .../radio-button-group-element
  checkboxOptions: 10,
  // Plain-text input: max_length / min_length "maximum of 3000"; https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element
  textInputLength: 3000,
  // Option object: text "Maximum length … 75 characters", value 150, description 75, url 3000;
  // https://docs.slack.dev/reference/block-kit/composition-objects/option-object
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  optionUrl: 3000,
  // Option group: label plain_text 75, "Maximum number of options is 100";
  // https://docs.slack.dev/reference/block-kit/composition-objects/option-group-object
  optionGroupLabel: 75,
  optionGroupOptions: 100,
  // Confirmation dialog: title 100, text 300, confirm 30, deny 30;
  // https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  // Modal view: title, submit, close plain_text "max length of 24"; submit "required when an input
  // block is within the blocks array"; private_metadata 3000; callback_id 255; https://docs.slack.dev/reference/views/modal-views
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
} as const;

// Input blocks collect values only where a submission carries them: a modal's view_submission or
// the Home tab's state. In a message nothing ever submits them. (Input block, "Available in
// surfaces"; https://docs.slack.dev/reference/block-kit/blocks/input-block.)
const INPUT_SURFACES: ReadonlySet<Surface> = new Set(["modal", "home"]);

const BUTTON_STYLES = new Set(["primary", "danger"]);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const len = (text: string) => [...text].length;

// The text a person reads in the message, which is what Slack's total is about.
const COUNTED = new Set(["section.text", "section.field", "context.text", "header.text"]);

class Checker {
  readonly found: Violation[] = [];
  textTotal = 0;

  add(rule: string, path: string, detail: string): void {
    this.found.push({ rule, path, detail });
  }

  string(value: unknown, path: string, rule: string, max: number, options: { required?: boolean; min?: number } = {}): void {
    if (value === undefined || value === null) {
      if (options.required) this.add(`${rule}.required`, path, "missing");
      return;
    }
    if (typeof value !== "string") return this.add(`${rule}.type`, path, `expected a string, got ${typeof value}`);
    const length = len(value);
    if (length > max) this.add(`${rule}.length`, path, `${length} characters, at most ${max}`);
    if (length < (options.min ?? (options.required ? 1 : 0))) this.add(`${rule}.length`, path, `empty, at least ${options.min ?? 1}`);
  }

  /** A text object; `plain` when only plain_text is allowed there. */
  text(value: unknown, path: string, rule: string, max: number, options: { plain?: boolean; required?: boolean; min?: number } = {}): void {
    if (value === undefined || value === null) {
      if (options.required ?? true) this.add(`${rule}.required`, path, "missing");
      return;
    }
    if (!isObject(value)) return this.add(`${rule}.type`, path, "expected a text object");
    if (value.type !== "plain_text" && value.type !== "mrkdwn") return this.add(`${rule}.type`, `${path}.type`, `"${String(value.type)}" is not plain_text or mrkdwn`);
    if (options.plain && value.type !== "plain_text") this.add(`${rule}.plain_text`, `${path}.type`, "must be plain_text, not mrkdwn");
    if (typeof value.text !== "string") return this.add(`${rule}.type`, `${path}.text`, "expected a string");
    if (COUNTED.has(rule)) this.textTotal += len(value.text);
    this.string(value.text, `${path}.text`, rule, max, { required: true, min: options.min ?? 1 });
  }
}

/**
 * Every way `payload` breaks Slack's documented Block Kit limits on `surface`: a message (anything
 * chat.postMessage, chat.postEphemeral, chat.update, response_url or a command acknowledgement
 * takes) or a view (modal, Home tab). Empty when Slack would accept it.
 */
export function blockKitViolations(payload: unknown, surface: Surface): Violation[] {
  const c = new Checker();
  if (!isObject(payload)) {
    c.add("payload.type", "", "expected an object");
    return c.found;
  }
  if (surface === "message") checkMessage(c, payload);
  else checkView(c, payload, surface);
  return c.found;
}

function checkMessage(c: Checker, message: Json): void {
  const { blocks, text } = message;
  if (text !== undefined && text !== null) c.string(text, "text", "message.text", limits.messageText);
  if (blocks === undefined || blocks === null) {
    if (typeof text !== "string" || text.trim() === "") {
      if (!("delete_original" in message) && !("attachments" in message)) c.add("message.text.required", "text", "a message needs text or blocks");
    }
    return;
  }
  if (!Array.isArray(blocks)) return c.add("message.blocks.type", "blocks", "expected an array");
  // Slack uses `text` for notifications, previews and screen readers when blocks are sent
  // (chat.postMessage, "text": "required … as a fallback"); https://docs.slack.dev/reference/methods/chat.postMessage
  if (blocks.length > 0 && (typeof text !== "string" || text.trim() === "")) c.add("message.text.fallback", "text", "blocks sent without a fallback text");
  if (blocks.length > limits.messageBlocks) c.add("message.blocks.count", "blocks", `${blocks.length} blocks, at most ${limits.messageBlocks}`);
  checkBlocks(c, blocks, "message");
  if (c.textTotal > limits.messageBlocksTotalText) c.add("message.blocks.total_text", "blocks", `${c.textTotal} characters of text in all, at most ${limits.messageBlocksTotalText}`);
}

function checkView(c: Checker, view: Json, surface: "modal" | "home"): void {
  if (view.type !== surface) c.add("view.type", "type", `expected "${surface}", got "${String(view.type)}"`);
  const blocks = view.blocks;
  if (!Array.isArray(blocks)) c.add("view.blocks.required", "blocks", "a view needs an array of blocks");
  else {
    if (blocks.length > limits.viewBlocks) c.add("view.blocks.count", "blocks", `${blocks.length} blocks, at most ${limits.viewBlocks}`);
    checkBlocks(c, blocks, surface);
  }
  c.string(view.private_metadata, "private_metadata", "view.private_metadata", limits.privateMetadata);
  c.string(view.callback_id, "callback_id", "view.callback_id", limits.callbackId);
  c.string(view.external_id, "external_id", "view.external_id", limits.externalId);
  if (surface === "modal") {
    c.text(view.title, "title", "modal.title", limits.modalTitle, { plain: true });
    c.text(view.submit, "submit", "modal.submit", limits.modalButton, { plain: true, required: false });
    c.text(view.close, "close", "modal.close", limits.modalButton, { plain: true, required: false });
    const hasInput = Array.isArray(blocks) && blocks.some((b) => isObject(b) && b.type === "input");
    if (hasInput && !view.submit) c.add("modal.submit.required", "submit", "a modal with input blocks needs a submit button");
  }
}

function checkBlocks(c: Checker, blocks: unknown[], surface: Surface): void {
  const blockIds = new Map<string, number>();
  blocks.forEach((block, i) => {
    const path = `blocks[${i}]`;
    if (!isObject(block)) return c.add("block.type", path, "expected a block object");
    if (block.block_id !== undefined) {
      c.string(block.block_id, `${path}.block_id`, "block.block_id", limits.blockId, { required: true });
      if (typeof block.block_id === "string") {
        const first = blockIds.get(block.block_id);
        if (first !== undefined) c.add("block.block_id.unique", `${path}.block_id`, `"${block.block_id}" is also the block_id of blocks[${first}]`);
        else blockIds.set(block.block_id, i);
      }
    }
    checkBlock(c, block, path, surface);
  });
}

function checkBlock(c: Checker, block: Json, path: string, surface: Surface): void {
  switch (block.type) {
    case "section": {
      if (block.text === undefined && block.fields === undefined) c.add("section.text.required", path, "a section needs text or fields");
      if (block.text !== undefined) c.text(block.text, `${path}.text`, "section.text", limits.sectionText);
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) c.add("section.fields.type", `${path}.fields`, "expected an array");
        else {
          if (block.fields.length > limits.sectionFields) c.add("section.fields.count", `${path}.fields`, `${block.fields.length} fields, at most ${limits.sectionFields}`);
          block.fields.forEach((f, j) => c.text(f, `${path}.fields[${j}]`, "section.field", limits.sectionFieldText));
        }
      }
      if (block.accessory !== undefined) {
        const accessory = block.accessory;
        if (isObject(accessory) && accessory.type === "image") checkImageElement(c, accessory, `${path}.accessory`);
        else checkElement(c, accessory, `${path}.accessory`, surface);
      }
      return;
    }
    case "header":
      return c.text(block.text, `${path}.text`, "header.text", limits.headerText, { plain: true });
    case "divider":
      return;
    case "context": {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0) return c.add("context.elements.required", `${path}.elements`, "a context needs 1 to 10 elements");
      if (elements.length > limits.contextElements) c.add("context.elements.count", `${path}.elements`, `${elements.length} elements, at most ${limits.contextElements}`);
      elements.forEach((e, j) => {
        const at = `${path}.elements[${j}]`;
        if (isObject(e) && e.type === "image") checkImageElement(c, e, at);
        // A context element is a text object; Slack applies the section's 3,000 to each.
        else c.text(e, at, "context.text", limits.sectionText);
      });
      return;
    }
    case "actions": {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0) return c.add("actions.elements.required", `${path}.elements`, "an actions block needs 1 to 25 elements");
      if (elements.length > limits.actionsElements) c.add("actions.elements.count", `${path}.elements`, `${elements.length} elements, at most ${limits.actionsElements}`);
      const actionIds = new Map<string, number>();
      elements.forEach((e, j) => {
        const at = `${path}.elements[${j}]`;
        checkElement(c, e, at, surface);
        if (isObject(e) && typeof e.action_id === "string") {
          const first = actionIds.get(e.action_id);
          if (first !== undefined) c.add("element.action_id.unique", `${at}.action_id`, `"${e.action_id}" is also the action_id of elements[${first}]`);
          else actionIds.set(e.action_id, j);
        }
      });
      return;
    }
    case "input": {
      if (!INPUT_SURFACES.has(surface)) c.add("input.surface", path, `input blocks belong in modals and the Home tab, not a ${surface}`);
      c.text(block.label, `${path}.label`, "input.label", limits.inputLabel, { plain: true });
      if (block.hint !== undefined) c.text(block.hint, `${path}.hint`, "input.hint", limits.inputHint, { plain: true });
      if (block.element === undefined) c.add("input.element.required", `${path}.element`, "an input block needs an element");
      else checkElement(c, block.element, `${path}.element`, surface);
      return;
    }
    case "image":
      checkImageElement(c, block, path);
      if (block.title !== undefined) c.text(block.title, `${path}.title`, "image.title", limits.imageTitle, { plain: true });
      return;
    case "markdown":
      // Markdown block: "text … maximum 12,000 characters" (cumulative across a payload's
      // markdown blocks); https://docs.slack.dev/reference/block-kit/blocks/markdown-block
      return c.string(block.text, `${path}.text`, "markdown.text", limits.messageBlocksTotalText, { required: true });
    case "rich_text":
    case "context_actions":
    case "file":
    case "video":
      return;
    default:
      c.add("block.type", `${path}.type`, `"${String(block.type)}" is not a Block Kit block`);
  }
}

function checkImageElement(c: Checker, image: Json, path: string): void {
  c.string(image.alt_text, `${path}.alt_text`, "image.alt_text", limits.imageAltText, { required: true });
  if (image.slack_file === undefined) c.string(image.image_url, `${path}.image_url`, "image.image_url", limits.imageUrl, { required: true });
}

const SELECTS = new Set(["static_select", "multi_static_select"]);
const OTHER_SELECTS = new Set([
  "external_select", "multi_external_select", "users_select", "multi_users_select",
  "conversations_select", "multi_conversations_select", "channels_select", "multi_channels_select",
]);
const TEXT_INPUTS = new Set(["plain_text_input", "email_text_input", "url_text_input", "number_input", "rich_text_input"]);
const PICKERS = new Set(["datepicker", "timepicker", "datetimepicker"]);

function checkElement(c: Checker, element: unknown, path: string, surface: Surface): void {
  if (!isObject(element)) return c.add("element.type", path, "expected an element object");
  if (element.action_id !== undefined) c.string(element.action_id, `${path}.action_id`, "element.action_id", limits.actionId, { required: true });
  if (element.confirm !== undefined) checkConfirm(c, element.confirm, `${path}.confirm`);
  const type = String(element.type);
  if (type === "button") {
    c.text(element.text, `${path}.text`, "button.text", limits.buttonText, { plain: true });
    c.string(element.value, `${path}.value`, "button.value", limits.buttonValue);
    c.string(element.url, `${path}.url`, "button.url", limits.buttonUrl);
    if (element.style !== undefined && !BUTTON_STYLES.has(String(element.style))) c.add("button.style", `${path}.style`, `"${String(element.style)}" is not primary or danger`);
    return;
  }
  if (element.placeholder !== undefined) c.text(element.placeholder, `${path}.placeholder`, "element.placeholder", limits.placeholder, { plain: true });
  if (SELECTS.has(type)) return checkStaticSelect(c, element, path);
  if (type === "overflow") {
    checkOptions(c, element.options, `${path}.options`, { max: limits.overflowOptions, rule: "overflow.options", plain: true, urls: true });
    return;
  }
  if (type === "checkboxes" || type === "radio_buttons") {
    const options = checkOptions(c, element.options, `${path}.options`, { max: limits.checkboxOptions, rule: `${type}.options`, plain: false });
    if (type === "checkboxes") checkInitialOptions(c, element.initial_options, options, `${path}.initial_options`);
    else checkInitialOption(c, element.initial_option, options, `${path}.initial_option`);
    return;
  }
  if (TEXT_INPUTS.has(type)) {
    for (const key of ["max_length", "min_length"] as const) {
      const value = element[key];
      if (value !== undefined && (typeof value !== "number" || value > limits.textInputLength || value < 0)) {
        c.add(`plain_text_input.${key}`, `${path}.${key}`, `${String(value)}, at most ${limits.textInputLength}`);
      }
    }
    if (typeof element.initial_value === "string" && typeof element.max_length === "number" && len(element.initial_value) > element.max_length) {
      c.add("plain_text_input.initial_value.length", `${path}.initial_value`, `${len(element.initial_value)} characters, more than its max_length ${element.max_length}`);
    }
    if (!INPUT_SURFACES.has(surface)) c.add("input.surface", path, `${type} belongs in modals and the Home tab, not a ${surface}`);
    return;
  }
  if (type === "datepicker" && element.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(element.initial_date))) {
    c.add("datepicker.initial_date", `${path}.initial_date`, `"${String(element.initial_date)}" is not YYYY-MM-DD`);
    return;
  }
  if (PICKERS.has(type) || OTHER_SELECTS.has(type) || type === "workflow_button") return;
  c.add("element.type", `${path}.type`, `"${type}" is not a Block Kit element`);
}

function checkStaticSelect(c: Checker, element: Json, path: string): void {
  let options: Json[] = [];
  if (element.options !== undefined && element.option_groups !== undefined) c.add("select.options.both", path, "options and option_groups are exclusive");
  if (element.option_groups !== undefined) {
    if (!Array.isArray(element.option_groups) || element.option_groups.length === 0) c.add("select.option_groups.count", `${path}.option_groups`, "expected 1 to 100 groups");
    else {
      if (element.option_groups.length > limits.selectOptionGroups) c.add("select.option_groups.count", `${path}.option_groups`, `${element.option_groups.length} groups, at most ${limits.selectOptionGroups}`);
      element.option_groups.forEach((g, j) => {
        const at = `${path}.option_groups[${j}]`;
        if (!isObject(g)) return c.add("option_group.type", at, "expected an option group");
        c.text(g.label, `${at}.label`, "option_group.label", limits.optionGroupLabel, { plain: true });
        options.push(...checkOptions(c, g.options, `${at}.options`, { max: limits.optionGroupOptions, rule: "option_group.options", plain: true }));
      });
    }
  } else {
    options = checkOptions(c, element.options, `${path}.options`, { max: limits.selectOptions, rule: "select.options", plain: true });
  }
  if (element.type === "static_select") checkInitialOption(c, element.initial_option, options, `${path}.initial_option`);
  else checkInitialOptions(c, element.initial_options, options, `${path}.initial_options`);
}

function checkOptions(c: Checker, options: unknown, path: string, how: { max: number; rule: string; plain: boolean; urls?: boolean }): Json[] {
  if (!Array.isArray(options) || options.length === 0) {
    c.add(`${how.rule}.count`, path, `expected 1 to ${how.max} options`);
    return [];
  }
  if (options.length > how.max) c.add(`${how.rule}.count`, path, `${options.length} options, at most ${how.max}`);
  const values = new Map<string, number>();
  options.forEach((o, j) => {
    const at = `${path}[${j}]`;
    if (!isObject(o)) return c.add("option.type", at, "expected an option object");
    checkOption(c, o, at, how.plain, how.urls ?? false);
    if (typeof o.value === "string") {
      const first = values.get(o.value);
      if (first !== undefined) c.add("option.value.unique", `${at}.value`, `"${o.value}" is also the value of option [${first}]`);
      else values.set(o.value, j);
    }
  });
  return options.filter(isObject);
}

function checkOption(c: Checker, option: Json, path: string, plain: boolean, urls: boolean): void {
  c.text(option.text, `${path}.text`, "option.text", limits.optionText, { plain });
  c.string(option.value, `${path}.value`, "option.value", limits.optionValue, { required: true });
  if (option.description !== undefined) c.text(option.description, `${path}.description`, "option.description", limits.optionDescription, { plain });
  if (option.url !== undefined) {
    if (!urls) c.add("option.url", `${path}.url`, "only overflow menu options may carry a url");
    c.string(option.url, `${path}.url`, "option.url", limits.optionUrl);
  }
}

// initial_option(s) "must exactly match one of the options" (select menu, checkboxes, radio
// buttons: "initial_option"); https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element
function sameOption(a: Json, b: Json): boolean {
  return a.value === b.value && JSON.stringify(a.text) === JSON.stringify(b.text);
}

function checkInitialOption(c: Checker, initial: unknown, options: Json[], path: string): void {
  if (initial === undefined) return;
  if (!isObject(initial) || !options.some((o) => sameOption(o, initial))) c.add("element.initial_option", path, "is not exactly one of the options");
}

function checkInitialOptions(c: Checker, initial: unknown, options: Json[], path: string): void {
  if (initial === undefined) return;
  if (!Array.isArray(initial)) return c.add("element.initial_options", path, "expected an array");
  initial.forEach((o, j) => {
    if (!isObject(o) || !options.some((opt) => sameOption(opt, o))) c.add("element.initial_options", `${path}[${j}]`, "is not exactly one of the options");
  });
}

function checkConfirm(c: Checker, confirm: unknown, path: string): void {
  if (!isObject(confirm)) return c.add("confirm.type", path, "expected a confirmation dialog");
  c.text(confirm.title, `${path}.title`, "confirm.title", limits.confirmTitle, { plain: true });
  c.text(confirm.text, `${path}.text`, "confirm.text", limits.confirmText);
  c.text(confirm.confirm, `${path}.confirm`, "confirm.confirm", limits.confirmButton, { plain: true });
  c.text(confirm.deny, `${path}.deny`, "confirm.deny", limits.confirmButton, { plain: true });
}

/** The text of a block that counts towards a message's total (what a person reads). */
export function blockTextLength(block: unknown): number {
  if (!isObject(block)) return 0;
  const c = new Checker();
  checkBlock(c, block, "", "message");
  return c.textTotal;
}

/** The input block ids of a view: the only keys `response_action: "errors"` may name. */
export function inputBlockIds(view: unknown): string[] {
  if (!isObject(view) || !Array.isArray(view.blocks)) return [];
  return view.blocks.filter((b): b is Json => isObject(b) && b.type === "input" && typeof b.block_id === "string").map((b) => b.block_id as string);
}

const RESPONSE_ACTIONS = new Set(["errors", "update", "push", "clear"]);

/**
 * What a view_submission acknowledgement may carry (modal "Displaying errors" / "Updating a
 * view"; https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload and docs.slack.dev/surfaces/modals):
 * nothing, `errors` keyed by input block_ids of the submitted view, or a view to update or push.
 */
export function viewSubmissionAckViolations(ack: unknown, submittedInputs: readonly string[]): Violation[] {
  if (ack === undefined || ack === null || ack === "") return [];
  if (!isObject(ack)) return [{ rule: "ack.type", path: "", detail: "expected an object" }];
  if (Object.keys(ack).length === 0) return [];
  const action = ack.response_action;
  if (typeof action !== "string" || !RESPONSE_ACTIONS.has(action)) return [{ rule: "ack.response_action", path: "response_action", detail: `"${String(action)}" is not errors, update, push or clear` }];
  const found: Violation[] = [];
  if (action === "errors") {
    if (!isObject(ack.errors) || Object.keys(ack.errors).length === 0) found.push({ rule: "ack.errors.required", path: "errors", detail: "expected errors keyed by block_id" });
    else {
      const inputs = new Set(submittedInputs);
      for (const [key, message] of Object.entries(ack.errors)) {
        if (!inputs.has(key)) found.push({ rule: "ack.errors.key", path: `errors.${key}`, detail: `"${key}" is not an input block of the submitted view (${[...inputs].join(", ") || "none"})` });
        if (typeof message !== "string" || message.length === 0) found.push({ rule: "ack.errors.text", path: `errors.${key}`, detail: "expected a message" });
      }
    }
  }
  if (action === "update" || action === "push") {
    if (!isObject(ack.view)) found.push({ rule: "ack.view.required", path: "view", detail: `response_action ${action} needs a view` });
    else found.push(...blockKitViolations(ack.view, "modal").map((v) => ({ ...v, path: v.path ? `view.${v.path}` : "view" })));
  }
  return found;
}

/** One line per violation, as a failing test prints them. */
export function describeViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.rule} at ${v.path || "(payload)"}: ${v.detail}`).join("\n");
}
