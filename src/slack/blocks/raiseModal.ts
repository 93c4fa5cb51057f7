import { Blocks, Modal } from "slack-block-builder";
import type { View } from "@slack/types";
import { z } from "zod";
import { formatReportDate } from "../../domain/calendarDate.ts";
import { modificationPaths, pathTitles, type ModificationPath } from "../../domain/lifecycle.ts";
import { categoryLabels, partyCategories, type PartyCategory } from "../../domain/parties.ts";
import { encodeMetadata, plainDateField, selectInput, textInput } from "./forms.ts";

// The "Raise a Draft Proposal" modal and the schema its submission must pass.

export const RAISE_CALLBACK = "raise";
export const MAX_TITLE_LENGTH = 200;
export const MAX_SUMMARY_LENGTH = 3000;

const fields = {
  title: "title",
  party: "party",
  newParty: "new_party",
  newPartyCategory: "new_party_category",
  raisedOn: "raised_on",
  summary: "summary",
  solution: "solution",
  impactedParties: "impacted_parties",
  affectedDocuments: "affected_documents",
  leadAnalyst: "lead_analyst",
  path: "path",
} as const;
export const raiseFields = fields;

export interface RaiseMetadata {
  channelId: string;
}

/**
 * A title typed after /mod raise that is longer than a title may be: the form opens with it cut
 * at a word (Slack refuses a prefilled value over the field's limit) and all of it in the
 * problem statement, so nothing typed is lost.
 */
function prefill(typed: string | undefined): { title?: string; summary?: string; note?: string } {
  if (!typed || typed.length <= MAX_TITLE_LENGTH) return { title: typed };
  const cut = typed.slice(0, MAX_TITLE_LENGTH - 1);
  const title = `${cut.slice(0, Math.max(cut.lastIndexOf(" "), MAX_TITLE_LENGTH / 2)).trimEnd()}…`;
  return {
    title,
    summary: typed.slice(0, MAX_SUMMARY_LENGTH),
    note: `⚠ What you typed is ${typed.length} characters and a title can be at most ${MAX_TITLE_LENGTH}: it is shortened below, and all of it is in the problem statement. Edit both before raising.`,
  };
}

export function raiseModal(args: { parties: { id: number; name: string }[]; today: Date; channelId: string; title?: string }): View {
  const typed = prefill(args.title);
  return Modal({ title: "Raise a Draft Proposal", submit: "Raise", close: "Cancel", callbackId: RAISE_CALLBACK })
    .privateMetaData(encodeMetadata({ channelId: args.channelId } satisfies RaiseMetadata))
    .blocks(
      typed.note ? Blocks.Section({ text: typed.note }) : undefined,
      textInput({ id: fields.title, label: "Title", initial: typed.title, maxLength: MAX_TITLE_LENGTH, placeholder: "e.g. Other User Panel Seating Amendment" }),
      selectInput({
        id: fields.party,
        label: "Raising party",
        choices: args.parties.map((p) => ({ text: p.name, value: String(p.id) })),
        placeholder: "Type to search parties",
        optional: true,
        hint: "Not in the list? Leave this empty and add the party below.",
      }),
      textInput({ id: fields.newParty, label: "…or a new party", optional: true, maxLength: 100, placeholder: "e.g. Shell Energy" }),
      selectInput({
        id: fields.newPartyCategory,
        label: "New party's category",
        choices: partyCategories.map((c) => ({ text: categoryLabels[c], value: c })),
        optional: true,
      }),
      textInput({ id: fields.raisedOn, label: "Date raised", initial: formatReportDate(args.today), placeholder: "e.g. 10 Sep 2019, yesterday" }),
      textInput({ id: fields.summary, label: "Problem statement", initial: typed.summary, multiline: true, maxLength: MAX_SUMMARY_LENGTH }),
      textInput({ id: fields.solution, label: "Proposed solution", multiline: true, optional: true, maxLength: MAX_SUMMARY_LENGTH }),
      textInput({ id: fields.impactedParties, label: "Who is impacted", optional: true, maxLength: 500, placeholder: "e.g. Large Suppliers, Small Suppliers, DCC" }),
      textInput({ id: fields.affectedDocuments, label: "SEC documents affected", optional: true, maxLength: 500, placeholder: "e.g. Section H, Appendix AB" }),
      textInput({ id: fields.leadAnalyst, label: "Lead analyst (SECAS)", optional: true, maxLength: 100 }),
      selectInput({
        id: fields.path,
        label: "Proposed path",
        choices: modificationPaths.map((p) => ({ text: pathTitles[p], value: p })),
        initial: "AUTHORITY_DETERMINED",
        hint: "Path 3: the Change Board decides. Fast-Track: raised and decided by the Panel only. Paths 1, 2 and Urgent: the Authority decides.",
      }),
      Blocks.Context().elements("It gets the next free DP number. The channel is told once it is raised."),
    )
    .buildToObject() as View;
}

export type RaiseForm = {
  title: string;
  party: { id: number } | { name: string; category: PartyCategory };
  raisedOn: Date;
  summary: string;
  solution?: string;
  impactedParties?: string;
  affectedDocuments?: string;
  leadAnalyst?: string;
  path: ModificationPath;
};

export function raiseFormSchema(today: Date): z.ZodType<RaiseForm> {
  return z
    .object({
      [fields.title]: z.string({ error: "Give the proposal a title." }).trim().min(3, "The title is too short.").max(MAX_TITLE_LENGTH, `Keep the title under ${MAX_TITLE_LENGTH} characters.`),
      [fields.party]: z.string().regex(/^\d+$/).optional(),
      [fields.newParty]: z.string().trim().max(100).optional(),
      [fields.newPartyCategory]: z.enum(partyCategories).optional(),
      [fields.raisedOn]: plainDateField(today).refine((d) => d <= today, "A proposal can't be raised in the future."),
      [fields.summary]: z.string({ error: "Describe the problem the proposal solves." }).trim().min(1, "Describe the problem the proposal solves.").max(MAX_SUMMARY_LENGTH),
      [fields.solution]: z.string().trim().max(MAX_SUMMARY_LENGTH).optional(),
      [fields.impactedParties]: z.string().trim().max(500).optional(),
      [fields.affectedDocuments]: z.string().trim().max(500).optional(),
      [fields.leadAnalyst]: z.string().trim().max(100).optional(),
      [fields.path]: z.enum(modificationPaths, { error: "Choose a path." }),
    })
    .superRefine((v, ctx) => {
      const newName = v[fields.newParty];
      if (v[fields.party] && newName) ctx.addIssue({ code: "custom", path: [fields.newParty], message: "Pick a party from the list or add a new one, not both." });
      else if (!v[fields.party] && !newName) ctx.addIssue({ code: "custom", path: [fields.party], message: "Who raised it? Pick a party, or add a new one below." });
      else if (newName && !v[fields.newPartyCategory]) ctx.addIssue({ code: "custom", path: [fields.newPartyCategory], message: `Which category is ${newName} in?` });
    })
    .transform((v) => ({
      title: v[fields.title],
      party: v[fields.party] ? { id: Number(v[fields.party]) } : { name: v[fields.newParty]!, category: v[fields.newPartyCategory]! },
      raisedOn: v[fields.raisedOn],
      summary: v[fields.summary],
      solution: v[fields.solution] || undefined,
      impactedParties: v[fields.impactedParties] || undefined,
      affectedDocuments: v[fields.affectedDocuments] || undefined,
      leadAnalyst: v[fields.leadAnalyst] || undefined,
      path: v[fields.path],
    })) as unknown as z.ZodType<RaiseForm>;
}
