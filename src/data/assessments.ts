import type { AppContext } from "../appContext.ts";
import { formatReportDate } from "../domain/calendarDate.ts";
import {
  assessmentLabel,
  assessmentStatusLabels,
  isClosedAssessment,
  targetDateToStore,
  type AssessmentEntry,
  type AssessmentType,
} from "../domain/assessmentEntry.ts";
import { originalTargetDateOf, revisedTargetDateOf } from "../domain/assessmentTiming.ts";
import { audit, Refusal, StaleEdit, writeOnce, type Once } from "./writes.ts";

// DCC assessments as logged from Slack. The modal edits one PA or IA of a modification (the
// latest unless a new request is being logged). The stored target date is the one agreed now
// (DCC's revised date, else the original); a changed target keeps the old one as a
// target_revision with who and when.

export function latestAssessment(ctx: AppContext, modificationId: number, type: AssessmentType) {
  return ctx.prisma.assessment.findFirst({ where: { modificationId, type }, orderBy: { sequence: "desc" } });
}

export function assessmentAt(ctx: AppContext, modificationId: number, type: AssessmentType, sequence: number) {
  return ctx.prisma.assessment.findUnique({ where: { modificationId_type_sequence: { modificationId, type, sequence } } });
}

/** Who last changed the assessment and when, from the audit trail. */
export async function lastChangeOf(ctx: AppContext, assessmentId: number): Promise<{ actor: string; at: Date } | null> {
  return ctx.prisma.auditEntry.findFirst({
    where: { entity: "assessment", entityId: String(assessmentId) },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { actor: true, at: true },
  });
}

type Stored = NonNullable<Awaited<ReturnType<typeof latestAssessment>>>;

/** The saved values in words, for "it changed; now it says …". */
export function describeStoredAssessment(a: Stored): string {
  const date = (d: Date | null) => (d ? formatReportDate(d) : "—");
  const revised = revisedTargetDateOf(a);
  return (
    `${a.type}: requested ${date(a.requestReceivedOn)}, accepted ${date(a.acceptedOn)}, ` +
    `target ${a.targetDurationWd ?? "—"} WD (${date(originalTargetDateOf(a) ?? a.targetDate)}${revised ? `; DCC's revised date ${date(revised)}` : ""}), delivered ${date(a.deliveredOn)}, ${assessmentStatusLabels[a.status]}` +
    (a.note ? `, note "${a.note}"` : "")
  );
}

export interface SavedAssessment {
  assessmentId: number;
  created: boolean;
  targetDate: string | null;
  targetRevised: boolean;
  /** False when the form said what was already saved: nothing was written. */
  changed: boolean;
}

/**
 * Saves the entry as the `sequence`th request of its type (undefined: the latest, from a form
 * opened before sequences were chosen) if it is still at `expectedVersion` (null: it did not
 * exist when the modal opened); otherwise StaleEdit with what it says now. A new request
 * (sequence 2, 3…) is refused while the one before it is still open.
 */
export async function saveAssessment(
  ctx: AppContext,
  args: { modificationId: number; entry: AssessmentEntry; sequence?: number; expectedVersion: number | null },
  by: { userId: string; key: string },
): Promise<Once<SavedAssessment>> {
  const { entry, modificationId } = args;
  return writeOnce(ctx.prisma, by.key, async (tx) => {
    const latest = await tx.assessment.findFirst({ where: { modificationId, type: entry.type }, orderBy: { sequence: "desc" } });
    const sequence = args.sequence ?? latest?.sequence ?? 1;
    const current = latest?.sequence === sequence ? latest : await tx.assessment.findFirst({ where: { modificationId, type: entry.type, sequence } });
    const label = assessmentLabel(entry.type, sequence);
    if ((current?.version ?? null) !== args.expectedVersion) {
      throw new StaleEdit(current ? describeStoredAssessment(current) : `the ${label} was removed`);
    }
    const targetDate = targetDateToStore(entry);
    const fields = {
      requestReceivedOn: entry.requestReceivedOn,
      acceptedOn: entry.acceptedOn,
      targetDurationWd: entry.targetDurationWd,
      targetDate,
      deliveredOn: entry.deliveredOn,
      status: entry.status,
      note: entry.note,
      contact: entry.contact,
    };
    if (!current) {
      const previous = sequence > 1 ? await tx.assessment.findFirst({ where: { modificationId, type: entry.type, sequence: sequence - 1 } }) : null;
      if (sequence > 1 && (!previous || !isClosedAssessment(previous.status))) {
        const what = previous ? `is ${assessmentStatusLabels[previous.status].toLowerCase()}` : "doesn't exist";
        throw new Refusal(`${assessmentLabel(entry.type, sequence - 1)} ${what}; a new request can be logged once it is delivered or cancelled.`);
      }
      const created = await tx.assessment.create({ data: { modificationId, type: entry.type, sequence, ...fields } });
      await audit(tx, { modificationId, entity: "assessment", entityId: created.id, action: `${label} logged`, after: fields, actor: by.userId, at: ctx.now() });
      return { assessmentId: created.id, created: true, targetDate: iso(targetDate), targetRevised: false, changed: true };
    }
    const unchanged = (Object.keys(fields) as (keyof typeof fields)[]).every((key) => {
      const [was, now] = [current[key], fields[key]];
      return was instanceof Date || now instanceof Date ? iso(was as Date | null) === iso(now as Date | null) : (was ?? null) === (now ?? null);
    });
    if (unchanged) return { assessmentId: current.id, created: false, targetDate: iso(targetDate), targetRevised: false, changed: false };
    const { count } = await tx.assessment.updateMany({
      where: { id: current.id, version: current.version },
      data: { ...fields, version: { increment: 1 } },
    });
    if (count === 0) throw new StaleEdit("someone saved it a moment ago");
    // The target in force before: the stored one, or (imported without one) what the accepted date
    // and duration gave; a first target is not a revision of nothing.
    const previousTarget = current.targetDate ?? originalTargetDateOf(current);
    const targetRevised =
      (previousTarget !== null || current.targetDurationWd !== null) &&
      (iso(previousTarget) !== iso(targetDate) || current.targetDurationWd !== entry.targetDurationWd);
    if (targetRevised) {
      await tx.targetRevision.create({
        data: {
          assessmentId: current.id,
          previousTargetDate: previousTarget,
          previousDurationWd: current.targetDurationWd,
          newTargetDate: targetDate,
          newDurationWd: entry.targetDurationWd,
          reason: entry.note,
          revisedBy: by.userId,
          revisedAt: ctx.now(),
        },
      });
    }
    const before = Object.fromEntries(Object.keys(fields).map((key) => [key, current[key as keyof typeof fields]]));
    await audit(tx, { modificationId, entity: "assessment", entityId: current.id, action: `${label} updated`, before, after: fields, actor: by.userId, at: ctx.now() });
    return { assessmentId: current.id, created: false, targetDate: iso(targetDate), targetRevised, changed: true };
  });
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}
