import { Bits, Blocks, Elements } from "slack-block-builder";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { clipToSection } from "./limits.ts";
import { parsePlainDate } from "../../domain/plainDates.ts";

// Building modal inputs and reading them back. Every input's action id is its block id (or the
// block id plus a suffix, see `actionId`), so a submission's state reads as { field: value } and
// field errors go back under the same id.

// Slack's limits: plain_text_input up to 3,000 characters, 100 options in a static select,
// private_metadata up to 3,000 characters, a modal title up to 24.
export const MAX_INPUT_LENGTH = 3000;
export const MAX_OPTIONS = 100;
export const MAX_TITLE = 24;

export interface Choice {
  text: string;
  value: string;
}

/**
 * Slack keeps what was typed in an input across a views.update (or response_action "update")
 * when its block id and action id are unchanged. A form redrawn from newer data gives its
 * inputs a new action id (`suffix`, e.g. the record's version) so the new values show instead.
 */
export function actionIdFor(id: string, suffix?: string | number | null): string {
  return suffix === undefined || suffix === null || suffix === "" ? id : `${id}.${suffix}`;
}

export function textInput(args: {
  id: string;
  /** See actionIdFor. */
  actionSuffix?: string | number | null;
  label: string;
  initial?: string | null;
  placeholder?: string;
  hint?: string;
  optional?: boolean;
  multiline?: boolean;
  maxLength?: number;
  dispatchOnEnter?: boolean;
}) {
  const element = Elements.TextInput({ actionId: actionIdFor(args.id, args.actionSuffix), maxLength: args.maxLength ?? MAX_INPUT_LENGTH, multiline: args.multiline ?? false });
  if (args.initial) element.initialValue(args.initial);
  if (args.placeholder) element.placeholder(args.placeholder);
  if (args.dispatchOnEnter) element.dispatchActionOnEnterPressed(true);
  const block = Blocks.Input({ blockId: args.id, label: args.label }).element(element);
  if (args.hint) block.hint(args.hint);
  if (args.dispatchOnEnter) block.dispatchAction(true);
  return args.optional ? block.optional(true) : block;
}

export function selectInput(args: {
  id: string;
  actionSuffix?: string | number | null;
  label: string;
  choices: readonly Choice[];
  initial?: string | null;
  placeholder?: string;
  hint?: string;
  optional?: boolean;
}) {
  const options = args.choices.slice(0, MAX_OPTIONS).map((c) => Bits.Option({ text: c.text.slice(0, 75), value: c.value }));
  const element = Elements.StaticSelect({ actionId: actionIdFor(args.id, args.actionSuffix), placeholder: args.placeholder ?? "Choose…" }).options(options);
  const initial = args.choices.find((c) => c.value === args.initial);
  if (initial) element.initialOption(Bits.Option({ text: initial.text.slice(0, 75), value: initial.value }));
  const block = Blocks.Input({ blockId: args.id, label: args.label }).element(element);
  if (args.hint) block.hint(args.hint);
  return args.optional ? block.optional(true) : block;
}

/** Slack's own people picker; the state carries the user's id (U…). */
export function userSelectInput(args: { id: string; actionSuffix?: string | number | null; label: string; initial?: string | null; placeholder?: string; hint?: string; optional?: boolean }) {
  const element = Elements.UserSelect({ actionId: actionIdFor(args.id, args.actionSuffix), placeholder: args.placeholder ?? "Choose a person" });
  if (args.initial) element.initialUser(args.initial);
  const block = Blocks.Input({ blockId: args.id, label: args.label }).element(element);
  if (args.hint) block.hint(args.hint);
  return args.optional ? block.optional(true) : block;
}

export function checkboxInput(args: { id: string; label: string; choice: Choice; checked?: boolean }) {
  const option = Bits.Option({ text: args.choice.text, value: args.choice.value });
  const element = Elements.Checkboxes({ actionId: args.id }).options(option);
  if (args.checked) element.initialOptions(option);
  return Blocks.Input({ blockId: args.id, label: args.label }).element(element).optional(true);
}

type StateValue = {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_date?: string | null;
  selected_user?: string | null;
};

/** { field: typed or chosen text } from a view's state; empty inputs are absent. */
export function readViewState(values: Record<string, Record<string, StateValue>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(values ?? {})) {
    for (const state of Object.values(actions)) {
      const value =
        state.value ??
        state.selected_option?.value ??
        state.selected_date ??
        state.selected_user ??
        (state.selected_options ? state.selected_options.map((o) => o.value).join(",") : undefined);
      if (value !== undefined && value !== null && value.trim() !== "") out[blockId] = value;
    }
  }
  return out;
}

export function encodeMetadata(data: Record<string, unknown>): string {
  const text = JSON.stringify(data);
  if (text.length > 3000) throw new RangeError("private_metadata is over Slack's 3,000 characters");
  return text;
}

export function decodeMetadata<T>(text: string | undefined): Partial<T> {
  try {
    return text ? (JSON.parse(text) as Partial<T>) : {};
  } catch {
    return {};
  }
}

/** A modal that only says something, shown after a submission (response_action "update"). */
export function doneModal(title: string, lines: string[]): ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: [...title].slice(0, MAX_TITLE).join("") },
    close: { type: "plain_text", text: "Close" },
    blocks: [{ type: "section", text: { type: "mrkdwn", text: clipToSection(lines.join("\n")) } }],
  };
}

/** A zod field for a date typed in plain English, read on `today`. */
export function plainDateField(today: Date) {
  return z.string().trim().transform((text, ctx) => {
    const parsed = parsePlainDate(text, { today });
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return parsed.date;
  });
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/** Parses a submission; each problem goes on the field (block id) it is about, first one wins. */
export function parseForm<T>(schema: z.ZodType<T>, values: Record<string, string>): FormResult<T> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "");
    if (field && !errors[field]) errors[field] = issue.message.slice(0, 2000);
  }
  return { ok: false, errors };
}
