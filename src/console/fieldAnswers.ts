import { formatReportDate, londonTimeOn, toIsoDate } from "../domain/calendarDate.ts";
import { parsePlainDate } from "../domain/plainDates.ts";
import { mrkdwnToText } from "../slack/render/blockKitText.ts";

// What a person typed at a modal field's prompt → the value Slack would put in the view's
// state for that element, checked the way Slack's own client checks it before submitting.

type Json = Record<string, any>;

export type FieldAnswer = { ok: true; value: Json; shown?: string } | { ok: false; message: string };

export interface AnswerContext {
  today: Date;
  /** Console user names → Slack-like ids, for user pickers. */
  userIdFor(name: string): string;
  channelId: string;
}

export interface Option {
  text: Json;
  value: string;
  description?: Json;
}

/** The options of a select, radio or checkbox group, flattened out of option groups. */
export function optionsOf(element: Json): Option[] {
  if (Array.isArray(element.options)) return element.options;
  if (Array.isArray(element.option_groups)) return element.option_groups.flatMap((group: Json) => group.options ?? []);
  return [];
}

export function optionLabel(option: Option): string {
  return typeof option.text?.text === "string" ? mrkdwnToText(option.text.text) : String(option.value);
}

const SINGLE_PICK = new Set(["static_select", "radio_buttons", "external_select"]);
const MULTI_PICK = new Set(["multi_static_select", "checkboxes", "multi_external_select"]);

/** The element's value before anyone types: its initial value, as a state value, or null. */
export function initialValue(element: Json): { value: Json; shown: string } | null {
  const type = element.type;
  if (SINGLE_PICK.has(type) && element.initial_option) {
    return { value: { type, selected_option: element.initial_option }, shown: optionLabel(element.initial_option) };
  }
  if (MULTI_PICK.has(type) && Array.isArray(element.initial_options) && element.initial_options.length) {
    return { value: { type, selected_options: element.initial_options }, shown: element.initial_options.map(optionLabel).join(", ") };
  }
  if (type === "datepicker" && element.initial_date) {
    return { value: { type, selected_date: element.initial_date }, shown: formatReportDate(new Date(`${element.initial_date}T00:00:00Z`)) };
  }
  if (type === "timepicker" && element.initial_time) return { value: { type, selected_time: element.initial_time }, shown: element.initial_time };
  if (type === "users_select" && element.initial_user) return { value: { type, selected_user: element.initial_user }, shown: `@${element.initial_user}` };
  if (type === "conversations_select" && element.initial_conversation) {
    return { value: { type, selected_conversation: element.initial_conversation }, shown: `#${element.initial_conversation}` };
  }
  if (type === "channels_select" && element.initial_channel) {
    return { value: { type, selected_channel: element.initial_channel }, shown: `#${element.initial_channel}` };
  }
  if (typeof element.initial_value === "string" && element.initial_value !== "") {
    return { value: { type, value: element.initial_value }, shown: element.initial_value };
  }
  return null;
}

/** The state of a field left empty (what Slack sends for an optional field nobody filled in). */
export function emptyValue(element: Json): Json {
  const type = element.type;
  if (SINGLE_PICK.has(type)) return { type, selected_option: null };
  if (MULTI_PICK.has(type)) return { type, selected_options: [] };
  if (type === "datepicker") return { type, selected_date: null };
  if (type === "timepicker") return { type, selected_time: null };
  if (type === "datetimepicker") return { type, selected_date_time: null };
  if (type === "users_select") return { type, selected_user: null };
  if (type === "multi_users_select") return { type, selected_users: [] };
  if (type === "conversations_select") return { type, selected_conversation: null };
  if (type === "channels_select") return { type, selected_channel: null };
  return { type, value: null };
}

/** Reads a non-empty answer for `element`; `options` overrides the element's own (external selects). */
export function answerField(element: Json, typed: string, context: AnswerContext, options: Option[] = optionsOf(element)): FieldAnswer {
  const type = element.type;
  const text = typed.trim();
  if (SINGLE_PICK.has(type)) {
    const picked = pick(options, text);
    return picked.ok ? { ok: true, value: { type, selected_option: picked.option }, shown: optionLabel(picked.option) } : picked;
  }
  if (MULTI_PICK.has(type)) {
    const chosen: Option[] = [];
    for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
      const picked = pick(options, part);
      if (!picked.ok) return picked;
      if (!chosen.includes(picked.option)) chosen.push(picked.option);
    }
    const max = Number(element.max_selected_items) || Infinity;
    if (chosen.length > max) return { ok: false, message: `Pick at most ${max}.` };
    return { ok: true, value: { type, selected_options: chosen }, shown: chosen.map(optionLabel).join(", ") };
  }
  switch (type) {
    case "datepicker": {
      const date = parsePlainDate(text, { today: context.today });
      if (!date.ok) return date;
      return { ok: true, value: { type, selected_date: toIsoDate(date.date) }, shown: formatReportDate(date.date) };
    }
    case "timepicker": {
      const time = parseTime(text);
      return time ? { ok: true, value: { type, selected_time: time } } : { ok: false, message: `"${text}" isn't a time. Try 09:30 or 14:00.` };
    }
    case "datetimepicker": {
      const match = /^(.*?)\s+(?:at\s+)?(\d{1,2}[:.]\d{2})$/i.exec(text);
      const date = match ? parsePlainDate(match[1], { today: context.today }) : null;
      const time = match ? parseTime(match[2]) : null;
      if (!date?.ok || !time) return { ok: false, message: `Type a date and a time, e.g. "30 Sep 2019 14:00".` };
      const [hours, minutes] = time.split(":").map(Number);
      const instant = londonTimeOn(date.date, hours, minutes);
      return { ok: true, value: { type, selected_date_time: Math.floor(instant.getTime() / 1000) }, shown: `${formatReportDate(date.date)} ${time}` };
    }
    case "users_select":
      return { ok: true, value: { type, selected_user: userId(text, context) } };
    case "multi_users_select":
      return { ok: true, value: { type, selected_users: text.split(",").map((p) => userId(p.trim(), context)).filter(Boolean) } };
    case "conversations_select":
      return { ok: true, value: { type, selected_conversation: channelId(text, context) } };
    case "channels_select":
      return { ok: true, value: { type, selected_channel: channelId(text, context) } };
    case "number_input": {
      if (!/^-?\d+(\.\d+)?$/.test(text)) return { ok: false, message: `"${text}" isn't a number.` };
      if (!element.is_decimal_allowed && text.includes(".")) return { ok: false, message: "Type a whole number." };
      const n = Number(text);
      if (element.min_value !== undefined && n < Number(element.min_value)) return { ok: false, message: `The smallest allowed is ${element.min_value}.` };
      if (element.max_value !== undefined && n > Number(element.max_value)) return { ok: false, message: `The largest allowed is ${element.max_value}.` };
      return { ok: true, value: { type, value: text } };
    }
    case "email_text_input":
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)
        ? { ok: true, value: { type, value: text } }
        : { ok: false, message: `"${text}" isn't an email address.` };
    case "url_text_input":
      return URL.canParse(text) ? { ok: true, value: { type, value: text } } : { ok: false, message: `"${text}" isn't a web address (https://…).` };
    case "plain_text_input": {
      // One line at a prompt: a typed \n stands for a line break in a multi-line field.
      const value = element.multiline ? typed.replaceAll("\\n", "\n") : typed;
      if (element.min_length && value.length < element.min_length) {
        return { ok: false, message: `Please enter at least ${element.min_length} characters (you typed ${value.length}).` };
      }
      if (element.max_length && value.length > element.max_length) {
        return { ok: false, message: `Please keep it to ${element.max_length} characters (you typed ${value.length}).` };
      }
      return { ok: true, value: { type, value } };
    }
    case "rich_text_input":
      return {
        ok: true,
        value: {
          type,
          rich_text_value: { type: "rich_text", elements: [{ type: "rich_text_section", elements: [{ type: "text", text: typed }] }] },
        },
      };
    default:
      return { ok: false, message: `The console can't fill in a ${type ?? "unknown"} element.` };
  }
}

/** An option by its number in the list, its exact label or value, or the one label that starts with or contains it. */
export function pick(options: Option[], typed: string): { ok: true; option: Option } | { ok: false; message: string } {
  const text = typed.trim().toLowerCase();
  const byNumber = /^\d+$/.test(text) ? options[Number(text) - 1] : undefined;
  if (byNumber) return { ok: true, option: byNumber };
  const exact = options.find((o) => optionLabel(o).toLowerCase() === text || o.value.toLowerCase() === text);
  if (exact) return { ok: true, option: exact };
  for (const test of [(l: string) => l.startsWith(text), (l: string) => l.includes(text)]) {
    const matches = options.filter((o) => test(optionLabel(o).toLowerCase()));
    if (matches.length === 1) return { ok: true, option: matches[0] };
    if (matches.length > 1) {
      return { ok: false, message: `"${typed.trim()}" could be ${matches.map(optionLabel).join(" or ")}. Type its number.` };
    }
  }
  return {
    ok: false,
    message: options.length ? `"${typed.trim()}" isn't one of the choices. Type a number from 1 to ${options.length}.` : "There is nothing to choose from.",
  };
}

function parseTime(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return null;
  return `${match[1].padStart(2, "0")}:${match[2]}`;
}

function userId(typed: string, context: AnswerContext): string {
  const name = typed.replace(/^@/, "").trim();
  return /^[UW][A-Z0-9]{5,}$/.test(name) ? name : context.userIdFor(name);
}

function channelId(typed: string, context: AnswerContext): string {
  const name = typed.replace(/^#/, "").trim();
  return /^[CGD][A-Z0-9]{5,}$/.test(name) ? name : context.channelId;
}
