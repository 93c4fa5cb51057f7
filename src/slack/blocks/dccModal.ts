import { Blocks, Elements, Modal } from "slack-block-builder";
import type { View } from "@slack/types";
import { z } from "zod";
import { formatReportDate } from "../../domain/calendarDate.ts";
import {
  assessmentLabel,
  assessmentStatusLabels,
  defaultTargetDurationWd,
  isClosedAssessment,
  readContact,
  targetDateFor,
  targetDateToStore,
  type AssessmentEntry,
  type AssessmentStatus,
  type AssessmentType,
  type EntryField,
} from "../../domain/assessmentEntry.ts";
import { parsePlainDate } from "../../domain/plainDates.ts";
import { describeAssessment, type AssessmentForDisplay } from "./assessmentLines.ts";
import { encodeMetadata, plainDateField, selectInput, textInput, userSelectInput } from "./forms.ts";

// The "Log DCC dates" modal for one PA or IA, and its submission schema. The target date is
// computed from the accepted date and the duration and shown back before saving: pressing
// Enter in either field recomputes it (the dcc.recompute action). When the latest request is
// delivered or cancelled, a button starts a new request (PA 2, after a send-back say).

export const DCC_CALLBACK = "dcc";
export const DCC_NEW_REQUEST_ACTION = "dcc.new_request";
export const MAX_NOTE_LENGTH = 500;

export const dccFields = {
  requestReceivedOn: "request_received_on",
  acceptedOn: "accepted_on",
  targetDurationWd: "target_duration_wd",
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
  /** A stored target the computation wouldn't give (a revised one), kept while accepted date and duration stay (ISO dates). */
  kept?: { acceptedOn: string | null; durationWd: number | null; targetDate: string };
}

export interface DccValues {
  requestReceivedOn: string | null;
  acceptedOn: string | null;
  targetDurationWd: string | null;
  deliveredOn: string | null;
  status: AssessmentStatus;
  note: string | null;
  contactUser: string | null;
  contactGroup: string | null;
}

/** An assessment as stored, with what the form needs beyond what the status card shows. */
export interface StoredAssessment extends AssessmentForDisplay {
  sequence: number;
  version: number;
  contact: string | null;
}

const isGroup = (contact: string | null | undefined): contact is string => !!contact && /^S/.test(contact);

export function dccValuesFrom(stored: Omit<StoredAssessment, "sequence" | "version" | "type" | "targetDate"> | null, type: AssessmentType): DccValues {
  const date = (d: Date | null | undefined) => (d ? formatReportDate(d) : null);
  return {
    requestReceivedOn: date(stored?.requestReceivedOn),
    acceptedOn: date(stored?.acceptedOn),
    targetDurationWd: String(stored?.targetDurationWd ?? defaultTargetDurationWd(type)),
    deliveredOn: date(stored?.deliveredOn),
    status: stored?.status ?? "REQUESTED",
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
    heading.push(...describeAssessment(stored, today).map((line, i) => (i === 0 ? `Now: ${line}` : `       ${line}`)));
    if (stored.targetDate) heading.push("Changing the accepted date or the duration keeps the old target in the history.");
  }
  const kept = stored ? keptTarget(stored) : undefined;
  return dccModal({ ...target, sequence: stored?.sequence ?? 1, version: stored?.version ?? null, ...(kept ? { kept } : {}) }, dccValuesFrom(stored, type), today, heading, {
    offerNewRequest: !!stored && isClosedAssessment(stored.status),
  });
}

/** "Target 18 Oct 2019: working day 15 counting 30 Sep 2019 as day 1", or what is missing. */
export function targetPreview(values: Pick<DccValues, "acceptedOn" | "targetDurationWd">, today: Date, kept?: DccMetadata["kept"]): string {
  const accepted = values.acceptedOn ? parsePlainDate(values.acceptedOn, { today }) : null;
  const duration = Number(values.targetDurationWd);
  if (!accepted) return "Target date: set once the request is accepted (the accepted day counts as working day 1).";
  if (!accepted.ok) return `Target date: ${accepted.message}`;
  if (!Number.isInteger(duration) || duration < 1) return "Target date: give the target duration in working days.";
  const computed = targetDateFor(accepted.date, duration)!;
  const target = kept ? targetDateToStore({ acceptedOn: accepted.date, targetDurationWd: duration }, storedFrom(kept)) : computed;
  if (target && target.getTime() !== computed.getTime()) {
    return `*Target ${formatReportDate(target)}* (revised; working day ${duration} from ${formatReportDate(accepted.date)} would be ${formatReportDate(computed)}). It stays unless you change the accepted date or the duration.`;
  }
  return `*Target ${formatReportDate(computed)}*: working day ${duration} counting ${formatReportDate(accepted.date)} as day 1. Press Enter in the accepted date or duration to recompute.`;
}

const fromIso = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
const toIso = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

function storedFrom(kept: NonNullable<DccMetadata["kept"]>) {
  return { acceptedOn: fromIso(kept.acceptedOn), targetDurationWd: kept.durationWd, targetDate: fromIso(kept.targetDate) };
}

/** The stored target, when it is one the computation wouldn't give. */
function keptTarget(stored: StoredAssessment): DccMetadata["kept"] {
  const computed = targetDateFor(stored.acceptedOn, stored.targetDurationWd);
  if (!stored.targetDate || toIso(computed) === toIso(stored.targetDate)) return undefined;
  return { acceptedOn: toIso(stored.acceptedOn), durationWd: stored.targetDurationWd, targetDate: toIso(stored.targetDate)! };
}

export function dccModal(meta: DccMetadata, values: DccValues, today: Date, heading: string[], options: { offerNewRequest?: boolean } = {}): View {
  const statuses = Object.keys(assessmentStatusLabels) as AssessmentStatus[];
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
      Blocks.Context({ blockId: "target_preview" }).elements(targetPreview(values, today, meta.kept)),
      textInput({ id: dccFields.deliveredOn, actionSuffix, label: "Delivered on", initial: values.deliveredOn, optional: true, placeholder: "e.g. 18 Oct 2019" }),
      selectInput({ id: dccFields.status, actionSuffix, label: "Status", choices: statuses.map((s) => ({ text: assessmentStatusLabels[s], value: s })), initial: values.status }),
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
      deliveredOn: v[dccFields.deliveredOn],
      status: v[dccFields.status],
      note: v[dccFields.note] || null,
      contact: (() => {
        const contact = readContact(v[dccFields.contactUser], v[dccFields.contactGroup]);
        return contact.ok ? contact.contact : null;
      })(),
    })) as unknown as z.ZodType<AssessmentEntry>;
}
