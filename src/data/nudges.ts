import type { AppContext } from "../appContext.ts";
import { assessmentVerdict } from "../domain/assessmentTiming.ts";
import { formatReportDate } from "../domain/calendarDate.ts";

// Snoozing a late-assessment nudge: the assessment is quiet until `until`, when the channel is
// reminded once more if it is still undelivered.

export type SnoozeResult =
  | { kind: "snoozed"; reference: string; type: string; until: Date }
  | { kind: "not-found" }
  | { kind: "not-open"; reference: string; type: string; why: string };

export async function snoozeAssessment(ctx: AppContext, args: { assessmentId: number; until: Date; actor: string }): Promise<SnoozeResult> {
  return ctx.prisma.$transaction(async (tx) => {
    const assessment = await tx.assessment.findUnique({
      where: { id: args.assessmentId },
      include: { modification: { select: { reference: true } } },
    });
    if (!assessment) return { kind: "not-found" };
    const named = { reference: assessment.modification.reference, type: assessment.type };
    const verdict = assessmentVerdict(assessment, ctx.today());
    if (verdict.deliveredOn) return { kind: "not-open", ...named, why: `it was delivered on ${formatReportDate(verdict.deliveredOn)}` };
    if (verdict.state !== "in-progress") return { kind: "not-open", ...named, why: `it is ${verdict.state.replace("-", " ")}` };
    await tx.assessment.update({ where: { id: assessment.id }, data: { snoozedUntil: args.until, version: { increment: 1 } } });
    await tx.auditEntry.create({
      data: {
        modificationId: assessment.modificationId,
        entity: "assessment",
        entityId: String(assessment.id),
        action: "snoozed",
        before: { snoozedUntil: assessment.snoozedUntil?.toISOString().slice(0, 10) ?? null },
        after: { snoozedUntil: args.until.toISOString().slice(0, 10) },
        actor: args.actor,
        at: ctx.now(),
      },
    });
    return { kind: "snoozed", ...named, until: args.until };
  });
}
