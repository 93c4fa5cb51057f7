import type { AppContext } from "../appContext.ts";
import { listModifications } from "../data/modifications.ts";
import { assessmentVerdict, isLateInProgress } from "../domain/assessmentTiming.ts";

/** Late DCC assessments today, counted as `/mod list late` counts them (one rule: assessmentVerdict). */
export async function lateAssessmentCount(ctx: AppContext): Promise<number> {
  const today = ctx.today();
  const candidates = await listModifications(ctx.prisma, { kind: "late" });
  return candidates.reduce((count, m) => count + m.assessments.filter((a) => isLateInProgress(assessmentVerdict(a, today))).length, 0);
}
