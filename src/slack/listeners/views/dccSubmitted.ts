import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import type { ViewResponseAction } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { LOGGING_DCC } from "../../../../commands/dcc.ts";
import { assessmentAt, lastChangeOf, latestAssessment, saveAssessment } from "../../../data/assessments.ts";
import { checkRole } from "../../../data/roles.ts";
import { StaleEdit } from "../../../data/writes.ts";
import { assessmentLabel, checkAssessmentEntry, entryDifferences, targetDateToStore, type AssessmentEntry } from "../../../domain/assessmentEntry.ts";
import { STATUS_FROM_DATES } from "../../../domain/assessmentDates.ts";
import { revisedTargetDateOf } from "../../../domain/assessmentTiming.ts";
import { formatReportDate } from "../../../domain/calendarDate.ts";
import { describeAssessment } from "../../blocks/assessmentLines.ts";
import { mention } from "../../blocks/mrkdwn.ts";
import { dccFields, dccFormSchema, dccFormView, type DccMetadata } from "../../blocks/dccModal.ts";
import { decodeMetadata, doneModal, parseForm, readViewState } from "../../blocks/forms.ts";
import { fieldErrors, refusedAck, refusedForRole, submissionKey } from "./submission.ts";

const TITLE = "Log DCC dates";

/**
 * A field Slack's checks let through but the form can't read (a date it doesn't understand) and
 * the dates' own problems (a delivery in the future) are shown together, not one submit at a
 * time: the fields that could be read are checked as if the others were empty.
 */
function everyProblem(
  ctx: AppContext,
  type: "PA" | "IA",
  values: Record<string, string>,
  errors: Record<string, string>,
  modification: { raisedOn: Date | null; reference: string },
): Record<string, string> {
  const stand = new Map<string, string>([[dccFields.targetDurationWd, type === "IA" ? "40" : "15"], [dccFields.status, STATUS_FROM_DATES]]);
  // A field left empty is absent from the state, as Slack sends it.
  const rest = Object.fromEntries(
    Object.entries(values).flatMap(([field, value]) => (!Object.hasOwn(errors, field) ? [[field, value]] : stand.has(field) ? [[field, stand.get(field)!]] : [])),
  );
  const readable = parseForm(dccFormSchema(type, ctx.today()), rest);
  if (!readable.ok) return errors;
  const checked = checkAssessmentEntry(readable.data, { today: ctx.today(), raisedOn: modification.raisedOn, reference: modification.reference });
  const all = { ...errors };
  if (!checked.ok) for (const problem of checked.problems) all[dccFields[problem.field]] ??= problem.message;
  return all;
}

export function dccSubmitted(ctx: AppContext) {
  return async ({ ack, body, view, logger }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const meta = decodeMetadata<DccMetadata>(view.private_metadata);
    if (!meta.modificationId || !meta.type || !meta.reference) return void (await ack(refusedForRole("This form is out of date; open it again with /mod dcc REF.", TITLE)));
    const values = readViewState(view.state?.values as never);
    const form = parseForm(dccFormSchema(meta.type, ctx.today()), values);
    const modification = await ctx.prisma.modification.findUnique({ where: { id: meta.modificationId }, select: { raisedOn: true, reference: true } });
    if (!modification) return void (await ack(refusedForRole(`${meta.reference} no longer exists.`, TITLE)));
    if (!form.ok) return void (await ack(fieldErrors(everyProblem(ctx, meta.type, values, form.errors, modification))));
    const checked = checkAssessmentEntry(form.data, { today: ctx.today(), raisedOn: modification.raisedOn, reference: modification.reference });
    if (!checked.ok) return void (await ack(fieldErrors(Object.fromEntries(checked.problems.map((p) => [dccFields[p.field], p.message])))));
    const entry = checked.entry;
    const allowed = await checkRole(ctx, body.user.id, "DCC", LOGGING_DCC);
    if (!allowed.ok) return void (await ack(refusedForRole(allowed.message, TITLE)));
    const label = assessmentLabel(meta.type, meta.sequence ?? 1);
    try {
      const saved = await saveAssessment(
        ctx,
        { modificationId: meta.modificationId, entry, sequence: meta.sequence, expectedVersion: meta.version ?? null },
        { userId: body.user.id, key: submissionKey(view) },
      );
      if (saved.result && !saved.result.changed) {
        return void (await ack({ response_action: "update", view: doneModal(TITLE, [`Nothing to save: ${modification.reference}'s ${label} already says that.`]) }));
      }
      // What it says now, in the status card's words: the status the dates gave, the target(s), how late.
      const now = describeAssessment({ ...entry, targetDate: targetDateToStore(entry) }, ctx.today(), label).join("\n");
      const revised = saved.result?.targetRevised ? "\nThe previous target is kept in the history." : "";
      const contact = entry.contact ? ` Late nudges mention ${mention(entry.contact)}.` : "";
      await ack({ response_action: "update", view: doneModal(TITLE, [`Saved ${modification.reference}'s ${label}.${contact}`, `Now: ${now}${revised}`]) });
    } catch (error) {
      if (error instanceof StaleEdit) return void (await ack(await redrawnAfterClash(ctx, meta as DccMetadata, entry)));
      await ack(refusedAck(error, dccFields.acceptedOn, TITLE));
    }
  };
}

/**
 * Someone saved the assessment after this form was opened: the form is drawn again from what is
 * saved now, with who changed it and what of this person's entries differs, so they can decide
 * what to enter again. Nothing of theirs was saved.
 */
async function redrawnAfterClash(ctx: AppContext, meta: DccMetadata, yours: AssessmentEntry): Promise<ViewResponseAction> {
  const sequence = meta.sequence ?? (await latestAssessment(ctx, meta.modificationId, meta.type))?.sequence ?? 1;
  const current = await assessmentAt(ctx, meta.modificationId, meta.type, sequence);
  const label = assessmentLabel(meta.type, sequence);
  if (!current) return refusedForRole(`${meta.reference}'s ${label} was removed while you were editing it.`, TITLE);
  const change = await lastChangeOf(ctx, current.id);
  const who = change ? `${mention(change.actor)} saved` : "Someone saved";
  const differences = entryDifferences(yours, { ...current, revisedTargetDate: revisedTargetDateOf(current) }).map((d) => {
    const show = (value: string) => (d.field === "contact" && value !== "empty" ? mention(value) : value);
    return `• ${d.field}: yours ${show(d.yours)}, saved ${show(d.saved)}`;
  });
  const notice = [
    `:warning: *${who} ${meta.reference}'s ${label} while you were editing it*, so nothing of yours was saved. The form now shows what is saved.`,
    ...(differences.length ? ["What you had entered that differs — enter it again and save if it should stand:", ...differences] : ["Your entries match what is saved; there is nothing to do."]),
  ];
  const target = { modificationId: meta.modificationId, reference: meta.reference, type: meta.type };
  return { response_action: "update", view: dccFormView(target, current, ctx.today(), { notice }) };
}
