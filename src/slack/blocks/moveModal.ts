import { escapeMrkdwn } from "./mrkdwn.ts";
import { Blocks, Modal } from "slack-block-builder";
import type { View } from "@slack/types";
import { z } from "zod";
import { formatReportDate } from "../../domain/calendarDate.ts";
import { describeStatus, pathDeciders, pathTitles, type ModificationPath, type ModificationStatus } from "../../domain/lifecycle.ts";
import { moveOptionText, moves, type Move, type MoveName } from "../../domain/moves.ts";
import { encodeMetadata, plainDateField, selectInput, textInput } from "./forms.ts";

// The "Record a step" modal: the steps allowed from where the modification is now, the date it
// happened and a note. It carries the version it was opened at, so two people recording a step
// at once can't both move it.

export const MOVE_CALLBACK = "move";
export const moveFields = { move: "move", date: "date", note: "note" } as const;

export interface MoveMetadata {
  modificationId: number;
  reference: string;
  version: number;
  /** Where the form was opened: the channel hears about the step. */
  channelId?: string;
}

export function moveModal(args: {
  meta: MoveMetadata;
  title: string;
  status: ModificationStatus;
  path: ModificationPath | null;
  onHold: boolean;
  allowed: Move[];
  today: Date;
  chosen?: MoveName;
}): View {
  return Modal({ title: `Move ${args.meta.reference}`.slice(0, 24), submit: "Record", close: "Cancel", callbackId: MOVE_CALLBACK })
    .privateMetaData(encodeMetadata({ ...args.meta }))
    .blocks(
      Blocks.Section({ text: `*${args.meta.reference}* · ${escapeMrkdwn(args.title)}\nNow: ${describeStatus(args.status)}${args.onHold ? " · on hold" : ""}` }),
      selectInput({ id: moveFields.move, label: "What happened", choices: args.allowed.map((m) => ({ text: moveOptionText(m), value: m.name })), initial: args.chosen }),
      textInput({ id: moveFields.date, label: "On", initial: formatReportDate(args.today), placeholder: "e.g. 3 Oct 2019, last Thursday" }),
      textInput({ id: moveFields.note, label: "Note", optional: true, multiline: true, maxLength: 500, hint: "For on hold: the reason, shown on the status card." }),
      Blocks.Context().elements(
        `${args.path ? `${pathTitles[args.path]}: ${pathDeciders[args.path]}. ` : ""}The word after each step is what /mod move ${args.meta.reference} STEP takes. ` +
          "Opening the Modification Report Consultation sets its closing date 15 working days on (the opening day is day 1).",
      ),
    )
    .buildToObject() as View;
}

export interface MoveForm {
  move: MoveName;
  occurredOn: Date;
  note: string | null;
}

export function moveFormSchema(today: Date): z.ZodType<MoveForm> {
  const names = moves.map((m) => m.name) as [MoveName, ...MoveName[]];
  return z
    .object({
      [moveFields.move]: z.enum(names, { error: "Choose what happened." }),
      [moveFields.date]: plainDateField(today),
      [moveFields.note]: z.string().trim().max(500).optional(),
    })
    .transform((v) => ({ move: v[moveFields.move], occurredOn: v[moveFields.date], note: v[moveFields.note] || null })) as unknown as z.ZodType<MoveForm>;
}
