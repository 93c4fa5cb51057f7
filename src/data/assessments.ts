import type { AppContext } from "../appContext.ts";
import { formatReportDate } from "../domain/calendarDate.ts";
import { assessmentStatusLabels, targetDateFor, type AssessmentEntry, type AssessmentType } from "../domain/assessmentEntry.ts";
import { audit, StaleEdit, writeOnce, type Once } from "./writes.ts";

// DCC assessments as logged from Slack. The modal edits the latest PA or IA of a modification;
// a changed target keeps the old one as a target_revision with who and when.

export function latestAssessment(ctx: AppContext, modificationId: number, type: AssessmentType) {
  return ctx.prisma.assessment.findFirst({ where: { modificationId, type }, orderBy: { sequence: "desc" } });
}

type Stored = NonNullable<Awaited<ReturnType<typeof latestAssessment>>>;

/** The saved values in words, for "it changed; now it says …". */
export function describeStoredAssessment(a: Stored): string {
  const date = (d: Date | null) => (d ? formatReportDate(d) : "—");
  return (
    `${a.type}: requested ${date(a.requestReceivedOn)}, accepted ${date(a.acceptedOn)}, ` +
    `target ${a.targetDurationWd ?? "—"} WD (${date(a.targetDate)}), delivered ${date(a.deliveredOn)}, ${assessmentStatusLabels[a.status]}` +
    (a.note ? `, note "${a.note}"` : "")
  );
}

export interface SavedAssessment {
  assessmentId: number;
  created: boolean;
  targetDate: string | null;
  targetRevised: boolean;
}

/**
 * Saves the entry if the assessment is still at `expectedVersion` (null: none existed when the
 * modal opened); otherwise StaleEdit with what it says now.
 */
export async function saveAssessment(
  ctx: AppContext,
  args: { modificationId: number; entry: AssessmentEntry; expectedVersion: number | null },
  by: { userId: string; key: string },
): Promise<Once<SavedAssessment>> {
  const { entry, modificationId } = args;
  const targetDate = targetDateFor(entry.acceptedOn, entry.targetDurationWd);
  const fields = {
    requestReceivedOn: entry.requestReceivedOn,
    acceptedOn: entry.acceptedOn,
    targetDurationWd: entry.targetDurationWd,
    targetDate,
    deliveredOn: entry.deliveredOn,
    status: entry.status,
    note: entry.note,
  };
  return writeOnce(ctx.prisma, by.key, async (tx) => {
    const current = await tx.assessment.findFirst({ where: { modificationId, type: entry.type }, orderBy: { sequence: "desc" } });
    if ((current?.version ?? null) !== args.expectedVersion) {
      throw new StaleEdit(current ? describeStoredAssessment(current) : `the ${entry.type} was removed`);
    }
    if (!current) {
      const created = await tx.assessment.create({ data: { modificationId, type: entry.type, sequence: 1, ...fields } });
      await audit(tx, { modificationId, entity: "assessment", entityId: created.id, action: `${entry.type} logged`, after: fields, actor: by.userId, at: ctx.now() });
      return { assessmentId: created.id, created: true, targetDate: iso(targetDate), targetRevised: false };
    }
    const { count } = await tx.assessment.updateMany({
      where: { id: current.id, version: current.version },
      data: { ...fields, version: { increment: 1 } },
    });
    if (count === 0) throw new StaleEdit("someone saved it a moment ago");
    const targetRevised =
      (current.targetDate !== null || current.targetDurationWd !== null) &&
      (iso(current.targetDate) !== iso(targetDate) || current.targetDurationWd !== entry.targetDurationWd);
    if (targetRevised) {
      await tx.targetRevision.create({
        data: {
          assessmentId: current.id,
          previousTargetDate: current.targetDate,
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
    await audit(tx, { modificationId, entity: "assessment", entityId: current.id, action: `${entry.type} updated`, before, after: fields, actor: by.userId, at: ctx.now() });
    return { assessmentId: current.id, created: false, targetDate: iso(targetDate), targetRevised };
  });
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}
