import { Blocks, Modal } from "slack-block-builder";
import type { View } from "@slack/types";
import { z } from "zod";
import { formatReportDate } from "../../domain/calendarDate.ts";
import { categoryLabels, type PartyCategory } from "../../domain/parties.ts";
import {
  describeTally,
  tallyVotes,
  voteValueLabels,
  voteValues,
  type VoteEffect,
  type VoteValue,
  type VotingRule,
} from "../../domain/voting.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import { checkboxInput, encodeMetadata, plainDateField, selectInput, textInput } from "./forms.ts";

// The "Record vote" modal: the member casts their own category's vote; the others' votes so
// far, the rule and what the outcome would mean are shown for context.

export const VOTE_CALLBACK = "vote";
export const voteFields = { meeting: "meeting", vote: "vote", note: "note", close: "close" } as const;

export interface VoteMetadata {
  /** Where the form was opened: the channel hears about the vote. */
  channelId?: string;
  modificationId: number;
  reference: string;
  category: PartyCategory;
  /** The meeting the shown votes belong to, and this category's vote there when the modal opened. */
  heldOn: string;
  previous: VoteValue | null;
}

export function voteModal(args: {
  meta: VoteMetadata;
  title: string;
  votes: Partial<Record<PartyCategory, VoteValue>>;
  effect: VoteEffect;
  rule: VotingRule;
}): View {
  const { meta, rule } = args;
  const tally = tallyVotes(args.votes, rule);
  const others = rule.categories.map((c) => `${categoryLabels[c]}: ${args.votes[c] ? voteValueLabels[args.votes[c]!] : "not recorded"}${c === meta.category ? " (yours)" : ""}`);
  return Modal({ title: `Vote on ${meta.reference}`.slice(0, 24), submit: "Record vote", close: "Cancel", callbackId: VOTE_CALLBACK })
    .privateMetaData(encodeMetadata({ ...meta }))
    .blocks(
      Blocks.Section({ text: `*${meta.reference}* · ${escapeMrkdwn(args.title)}\nYou vote for *${categoryLabels[meta.category]}*.` }),
      textInput({ id: voteFields.meeting, label: "Change Board meeting", initial: formatReportDate(new Date(`${meta.heldOn}T00:00:00Z`)), placeholder: "e.g. 18 Sep 2019" }),
      selectInput({
        id: voteFields.vote,
        label: `${categoryLabels[meta.category]}'s vote`,
        choices: voteValues.map((v) => ({ text: voteValueLabels[v], value: v })),
        initial: meta.previous,
      }),
      textInput({ id: voteFields.note, label: "Note", optional: true, multiline: true, maxLength: 500 }),
      checkboxInput({
        id: voteFields.close,
        label: "Close the vote",
        // Option text stays within Slack's 75 characters; the rule is spelt out below.
        choice: { text: `Record the outcome and, if quorate, move ${meta.reference} on`, value: "close" },
      }),
      Blocks.Context().elements(
        `So far: ${describeTally(tally, args.effect)}.`,
        `Votes at this meeting: ${others.join(" · ")}`.slice(0, 2000),
        `Closing: groups not recorded count as not present. Without a quorum nothing is recommended or decided: the meeting is recorded as not quorate and ${meta.reference} stays with the Change Board.`,
        `The rule: ${rule.description}`.slice(0, 2000),
      ),
    )
    .buildToObject() as View;
}

export interface VoteForm {
  heldOn: Date;
  value: VoteValue;
  note: string | null;
  close: boolean;
}

export function voteFormSchema(today: Date): z.ZodType<VoteForm> {
  return z
    .object({
      [voteFields.meeting]: plainDateField(today),
      [voteFields.vote]: z.enum(voteValues, { error: "Choose approve, reject, abstain or not present." }),
      [voteFields.note]: z.string().trim().max(500).optional(),
      [voteFields.close]: z.string().optional(),
    })
    .transform((v) => ({ heldOn: v[voteFields.meeting], value: v[voteFields.vote], note: v[voteFields.note] || null, close: v[voteFields.close] === "close" })) as unknown as z.ZodType<VoteForm>;
}
