import { Blocks, Modal } from "slack-block-builder";
import type { View } from "@slack/types";
import { z } from "zod";
import { formatReportDate } from "../../domain/calendarDate.ts";
import {
  assessmentStatusLabels,
  defaultTargetDurationWd,
  targetDateFor,
  type AssessmentEntry,
  type AssessmentStatus,
  type AssessmentType,
  type EntryField,
} from "../../domain/assessmentEntry.ts";
import { parsePlainDate } from "../../domain/plainDates.ts";
import { encodeMetadata, plainDateField, selectInput, textInput } from "./forms.ts";

// The "Log DCC dates" modal for one PA or IA, and its submission schema. The target date is
// computed from the accepted date and the duration and shown back before saving: pressing
// Enter in either field recomputes it (the dcc.recompute action).

export const DCC_CALLBACK = "dcc";
export const MAX_NOTE_LENGTH = 500;

export const dccFields = {
  requestReceivedOn: "request_received_on",
  acceptedOn: "accepted_on",
  targetDurationWd: "target_duration_wd",
  deliveredOn: "delivered_on",
  status: "status",
  note: "note",
} as const satisfies Record<EntryField | "note", string>;

export interface DccMetadata {
  modificationId: number;
  reference: string;
  type: AssessmentType;
  /** The assessment's version when the modal opened; null when there was none. */
  version: number | null;
}

export interface DccValues {
  requestReceivedOn: string | null;
  acceptedOn: string | null;
  targetDurationWd: string | null;
  deliveredOn: string | null;
  status: AssessmentStatus;
  note: string | null;
}

export function dccValuesFrom(stored: {
  requestReceivedOn: Date | null;
  acceptedOn: Date | null;
  targetDurationWd: number | null;
  deliveredOn: Date | null;
  status: AssessmentStatus;
  note: string | null;
} | null, type: AssessmentType): DccValues {
  const date = (d: Date | null | undefined) => (d ? formatReportDate(d) : null);
  return {
    requestReceivedOn: date(stored?.requestReceivedOn),
    acceptedOn: date(stored?.acceptedOn),
    targetDurationWd: String(stored?.targetDurationWd ?? defaultTargetDurationWd(type)),
    deliveredOn: date(stored?.deliveredOn),
    status: stored?.status ?? "REQUESTED",
    note: stored?.note ?? null,
  };
}

/** "Target 18 Oct 2019: working day 15 counting 30 Sep 2019 as day 1", or what is missing. */
export function targetPreview(values: Pick<DccValues, "acceptedOn" | "targetDurationWd">, today: Date): string {
  const accepted = values.acceptedOn ? parsePlainDate(values.acceptedOn, { today }) : null;
  const duration = Number(values.targetDurationWd);
  if (!accepted) return "Target date: set once the request is accepted (the accepted day counts as working day 1).";
  if (!accepted.ok) return `Target date: ${accepted.message}`;
  if (!Number.isInteger(duration) || duration < 1) return "Target date: give the target duration in working days.";
  const target = targetDateFor(accepted.date, duration)!;
  return `*Target ${formatReportDate(target)}*: working day ${duration} counting ${formatReportDate(accepted.date)} as day 1. Press Enter in the accepted date or duration to recompute.`;
}

export function dccModal(meta: DccMetadata, values: DccValues, today: Date, heading: string[]): View {
  const statuses = Object.keys(assessmentStatusLabels) as AssessmentStatus[];
  return Modal({ title: `${meta.reference} · ${meta.type}`.slice(0, 24), submit: "Save", close: "Cancel", callbackId: DCC_CALLBACK })
    .privateMetaData(encodeMetadata({ ...meta }))
    .blocks(
      Blocks.Section({ text: heading.join("\n") || `No ${meta.type} logged yet for ${meta.reference}.` }),
      textInput({ id: dccFields.requestReceivedOn, label: "Working Group request received", initial: values.requestReceivedOn, optional: true, placeholder: "e.g. 27 Sep 2019" }),
      textInput({ id: dccFields.acceptedOn, label: "Request accepted by the DCC", initial: values.acceptedOn, optional: true, placeholder: "e.g. 30 Sep 2019", dispatchOnEnter: true }),
      textInput({ id: dccFields.targetDurationWd, label: "Target duration (working days)", initial: values.targetDurationWd, maxLength: 3, dispatchOnEnter: true }),
      Blocks.Context({ blockId: "target_preview" }).elements(targetPreview(values, today)),
      textInput({ id: dccFields.deliveredOn, label: "Delivered on", initial: values.deliveredOn, optional: true, placeholder: "e.g. 18 Oct 2019" }),
      selectInput({ id: dccFields.status, label: "Status", choices: statuses.map((s) => ({ text: assessmentStatusLabels[s], value: s })), initial: values.status }),
      textInput({ id: dccFields.note, label: "Note", initial: values.note, optional: true, multiline: true, maxLength: MAX_NOTE_LENGTH, hint: "Shown on the status card; the reason, when you change the target." }),
    )
    .buildToObject() as View;
}

const optionalDate = (today: Date) => plainDateField(today).optional().transform((d) => d ?? null);

export function dccFormSchema(type: AssessmentType, today: Date): z.ZodType<AssessmentEntry> {
  return z
    .object({
      [dccFields.requestReceivedOn]: optionalDate(today),
      [dccFields.acceptedOn]: optionalDate(today),
      [dccFields.targetDurationWd]: z
        .string({ error: "How many working days is the target?" })
        .trim()
        .regex(/^\d+$/, "A whole number of working days, e.g. 15.")
        .transform(Number)
        .refine((n) => n >= 1 && n <= 500, "From 1 to 500 working days."),
      [dccFields.deliveredOn]: optionalDate(today),
      [dccFields.status]: z.enum(Object.keys(assessmentStatusLabels) as [AssessmentStatus, ...AssessmentStatus[]], { error: "Choose a status." }),
      [dccFields.note]: z.string().trim().max(MAX_NOTE_LENGTH).optional(),
    })
    .transform((v) => ({
      type,
      requestReceivedOn: v[dccFields.requestReceivedOn],
      acceptedOn: v[dccFields.acceptedOn],
      targetDurationWd: v[dccFields.targetDurationWd],
      deliveredOn: v[dccFields.deliveredOn],
      status: v[dccFields.status],
      note: v[dccFields.note] || null,
    })) as unknown as z.ZodType<AssessmentEntry>;
}
