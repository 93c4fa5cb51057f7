import { Blocks, Elements, Modal } from "slack-block-builder";
import type { View } from "@slack/types";
import { z } from "zod";
import { formatReportDate } from "../../domain/calendarDate.ts";
import { STATUS_FROM_DATES, type AssessmentStatusChoice } from "../../domain/assessmentDates.ts";
import {
  assessmentLabel,
  defaultTargetDurationWd,
  isClosedAssessment,
  readContact,
  statusChoiceLabels,
  type AssessmentDraft,
  type AssessmentType,
  type EntryField,
} from "../../domain/assessmentEntry.ts";
import { originalTargetDateOf, revisedTargetDateOf, type ShownAssessment } from "../../domain/assessmentTiming.ts";
import { parsePlainDate } from "../../domain/plainDates.ts";
import { describeAssessment } from "./assessmentLines.ts";
import { encodeMetadata, plainDateField, selectInput, textInput, userSelectInput } from "./forms.ts";

// The "Log DCC dates" modal for one PA or IA, and its submission schema. The original target
// date is computed from the accepted date and the duration and shown back before saving
// (pressing Enter in either field, or in DCC's revised date, recomputes it: the dcc.recompute
// action); DCC's revised date, when it agreed one, is a field of its own. The status follows
// the dates unless chosen otherwise (assessmentDates.ts, shared with the CSV import). When the
// latest request is delivered or cancelled, a button starts a new request (PA 2, after a
// send-back say).

export const DCC_CALLBACK = "dcc";
export const DCC_NEW_REQUEST_ACTION = "dcc.new_request";
export const MAX_NOTE_LENGTH = 500;

export const dccFields = {
  requestReceivedOn: "request_received_on",
  acceptedOn: "accepted_on",
  targetDurationWd: "target_duration_wd",
  revisedTargetDate: "revised_target_on",
  deliveredOn: "delivered_on",
  status: "status",
  note: "note",
  contactUser: "contact_user",
  contactGroup: "contact_group",
} as const satisfies Record<EntryField | "note" | "contactUser" | "contactGroup", string>;

export interface DccMetadata {
  modificationId: number;
  reference: string;
  type: AssessmentType;
  /** Which request of its type: 1, or 2… for a new request after the first was delivered or cancelled. */
  sequence: number;
  /** The assessment's version when the modal opened; null when there was none. */
  version: number | null;
}

export interface DccValues {
  requestReceivedOn: string | null;
  acceptedOn: string | null;
  targetDurationWd: string | null;
  revisedTargetDate: string | null;
  deliveredOn: string | null;
  status: AssessmentStatusChoice;
  note: string | null;
  contactUser: string | null;
  contactGroup: string | null;
}

/** An assessment as stored, with what the form needs beyond what the status card shows. */
export interface StoredAssessment extends ShownAssessment {
  sequence: number;
  version: number;
  contact: string | null;
}

const isGroup = (contact: string | null | undefined): contact is string => !!contact && /^S/.test(contact);

export function dccValuesFrom(stored: Omit<StoredAssessment, "sequence" | "version" | "type"> | null, type: AssessmentType): DccValues {
  const date = (d: Date | null | undefined) => (d ? formatReportDate(d) : null);
  return {
    requestReceivedOn: date(stored?.requestReceivedOn),
    acceptedOn: date(stored?.acceptedOn),
    targetDurationWd: String(stored?.targetDurationWd ?? defaultTargetDurationWd(type)),
    revisedTargetDate: stored ? date(revisedTargetDateOf(stored)) : null,
    deliveredOn: date(stored?.deliveredOn),
    // Only on hold and cancelled are chosen; everything else follows the dates.
    status: stored?.status === "ON_HOLD" || stored?.status === "CANCELLED" ? stored.status : STATUS_FROM_DATES,
    note: stored?.note ?? null,
    contactUser: stored?.contact && !isGroup(stored.contact) ? stored.contact : null,
    contactGroup: isGroup(stored?.contact) ? stored.contact : null,
  };
}

/**
 * The form for the latest request of a type (`stored`, or none yet), or for a new request after
 * it; `notice` goes first (why the form was redrawn).
 */
export function dccFormView(
  target: { modificationId: number; reference: string; type: AssessmentType },
  stored: StoredAssessment | null,
  today: Date,
  options: { newRequest?: boolean; notice?: string[] } = {},
): View {
  const { type } = target;
  const heading = [...(options.notice ?? [])];
  if (options.newRequest && stored) {
    const sequence = stored.sequence + 1;
    heading.push(`*A new ${type} request* (${assessmentLabel(type, sequence)}). The earlier one stays in the history:`);
    heading.push(...describeAssessment(stored, today).map((line) => `${assessmentLabel(type, stored.sequence)}: ${line}`));
    const carried = { ...dccValuesFrom(null, type), contactUser: dccValuesFrom(stored, type).contactUser, contactGroup: dccValuesFrom(stored, type).contactGroup };
    return dccModal({ ...target, sequence, version: null }, carried, today, heading);
  }
  if (stored) {
    heading.push(...describeAssessment(stored, today, assessmentLabel(type, stored.sequence)).map((line, i) => (i === 0 ? `Now: ${line}` : `       ${line}`)));
    if (stored.targetDate) heading.push("Every change of target (accepted date, duration or DCC's revised date) is kept in the history.");
  }
  return dccModal({ ...target, sequence: stored?.sequence ?? 1, version: stored?.version ?? null }, dccValuesFrom(stored, type), today, heading, {
    offerNewRequest: !!stored && isClosedAssessment(stored.status),
  });
}

/**
 * "Target 18 Oct 2019: working day 15 counting 30 Sep 2019 as day 1", with DCC's revised date
 * beside it when one is given, or what is missing.
 */
export function targetPreview(values: Pick<DccValues, "acceptedOn" | "targetDurationWd" | "revisedTargetDate">, today: Date): string {
  const accepted = values.acceptedOn ? parsePlainDate(values.acceptedOn, { today }) : null;
  const duration = Number(values.targetDurationWd);
  if (!accepted) return "Target date: set once the request is accepted (the accepted day counts as working day 1).";
  if (!accepted.ok) return `Target date: ${accepted.message}`;
  if (!Number.isInteger(duration) || duration < 1) return "Target date: give the target duration in working days.";
  const original = originalTargetDateOf({ acceptedOn: accepted.date, targetDurationWd: duration })!;
  const originalText = `*Target ${formatReportDate(original)}*: working day ${duration} counting ${formatReportDate(accepted.date)} as day 1`;
  const revised = values.revisedTargetDate ? parsePlainDate(values.revisedTargetDate, { today }) : null;
  if (revised?.ok && revised.date.getTime() !== original.getTime()) {
    return `${originalText}. DCC's revised date ${formatReportDate(revised.date)} is the agreed one; lateness is reported against both.`;
  }
  return `${originalText}. Press Enter in the accepted date, duration or revised date to recompute.`;
}

export function dccModal(meta: DccMetadata, values: DccValues, today: Date, heading: string[], options: { offerNewRequest?: boolean } = {}): View {
  const statuses = Object.keys(statusChoiceLabels) as AssessmentStatusChoice[];
  const label = assessmentLabel(meta.type, meta.sequence ?? 1);
  // Inputs drawn from another record or version get other action ids, so Slack shows these values
  // rather than what was typed into the form it replaces (see actionIdFor).
  const actionSuffix = `${meta.sequence ?? 1}v${meta.version ?? 0}`;
  const newRequest = options.offerNewRequest
    ? [
        Blocks.Actions({ blockId: "dcc_new_request" }).elements(
          Elements.Button({ text: `Log a new ${meta.type} request`, actionId: DCC_NEW_REQUEST_ACTION, value: meta.type }),
        ),
      ]
    : [];
  return Modal({ title: `${meta.reference} · ${label}`.slice(0, 24), submit: "Save", close: "Cancel", callbackId: DCC_CALLBACK })
    .privateMetaData(encodeMetadata({ ...meta }))
    .blocks(
      Blocks.Section({ text: heading.join("\n") || `No ${meta.type} logged yet for ${meta.reference}.` }),
      ...newRequest,
      textInput({ id: dccFields.requestReceivedOn, actionSuffix, label: "Working Group request received", initial: values.requestReceivedOn, optional: true, placeholder: "e.g. 27 Sep 2019" }),
      textInput({ id: dccFields.acceptedOn, actionSuffix, label: "Request accepted by the DCC", initial: values.acceptedOn, optional: true, placeholder: "e.g. 30 Sep 2019", dispatchOnEnter: true }),
      textInput({ id: dccFields.targetDurationWd, actionSuffix, label: "Target duration (working days)", initial: values.targetDurationWd, maxLength: 3, dispatchOnEnter: true }),
      Blocks.Context({ blockId: "target_preview" }).elements(targetPreview(values, today)),
      textInput({
        id: dccFields.revisedTargetDate,
        actionSuffix,
        label: "DCC's revised target date",
        initial: values.revisedTargetDate,
        optional: true,
        placeholder: "e.g. 4 Nov 2019",
        dispatchOnEnter: true,
        hint: "Only when the DCC agreed a new date. Empty: the target above stands. Lateness is still counted against the target duration too.",
      }),
      textInput({ id: dccFields.deliveredOn, actionSuffix, label: "Delivered on", initial: values.deliveredOn, optional: true, placeholder: "e.g. 18 Oct 2019" }),
      selectInput({
        id: dccFields.status,
        actionSuffix,
        label: "Status",
        choices: statuses.map((s) => ({ text: statusChoiceLabels[s], value: s })),
        initial: values.status,
        hint: "Follows the dates: requested, in progress once accepted, delivered once delivered. Choose On hold or Cancelled when it is.",
      }),
      textInput({ id: dccFields.note, actionSuffix, label: "Note", initial: values.note, optional: true, multiline: true, maxLength: MAX_NOTE_LENGTH, hint: "Shown on the status card; the reason, when you change the target." }),
      userSelectInput({
        id: dccFields.contactUser,
        actionSuffix,
        label: "Contact for late nudges: a person",
        initial: values.contactUser,
        optional: true,
        hint: "Who the late-assessment nudge mentions. Empty (and no group below): the default contact.",
      }),
      textInput({
        id: dccFields.contactGroup,
        actionSuffix,
        label: "…or a user group's ID",
        initial: values.contactGroup,
        optional: true,
        maxLength: 60,
        placeholder: "e.g. S0123ABCD",
        hint: "Slack forms have no user-group picker, so paste the group's ID: open the group in Slack, then ⋯ → Copy group ID.",
      }),
    )
    .buildToObject() as View;
}

const optionalDate = (today: Date) => plainDateField(today).optional().transform((d) => d ?? null);

export function dccFormSchema(type: AssessmentType, today: Date): z.ZodType<AssessmentDraft> {
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
      [dccFields.revisedTargetDate]: z
        .string()
        .trim()
        .optional()
        .transform((text, ctx) => {
          if (!text) return null;
          const parsed = parsePlainDate(text, { today });
          if (parsed.ok) return parsed.date;
          ctx.addIssue({ code: "custom", message: parsed.message });
          return z.NEVER;
        }),
      [dccFields.deliveredOn]: optionalDate(today),
      [dccFields.status]: z.enum(Object.keys(statusChoiceLabels) as [AssessmentStatusChoice, ...AssessmentStatusChoice[]], { error: "Choose a status." }),
      [dccFields.note]: z.string().trim().max(MAX_NOTE_LENGTH).optional(),
      [dccFields.contactUser]: z.string().optional(),
      [dccFields.contactGroup]: z.string().optional(),
    })
    .superRefine((v, ctx) => {
      const contact = readContact(v[dccFields.contactUser], v[dccFields.contactGroup]);
      if (!contact.ok) ctx.addIssue({ code: "custom", path: [contact.field === "user" ? dccFields.contactUser : dccFields.contactGroup], message: contact.message });
    })
    .transform((v) => ({
      type,
      requestReceivedOn: v[dccFields.requestReceivedOn],
      acceptedOn: v[dccFields.acceptedOn],
      targetDurationWd: v[dccFields.targetDurationWd],
      revisedTargetDate: v[dccFields.revisedTargetDate],
      deliveredOn: v[dccFields.deliveredOn],
      status: v[dccFields.status],
      note: v[dccFields.note] || null,
      contact: (() => {
        const contact = readContact(v[dccFields.contactUser], v[dccFields.contactGroup]);
        return contact.ok ? contact.contact : null;
      })(),
    })) as unknown as z.ZodType<AssessmentDraft>;
}
