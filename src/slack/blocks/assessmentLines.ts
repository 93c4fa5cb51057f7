import { formatReportDate } from "../../domain/calendarDate.ts";
import { currentDurationWd, isLate, targetDateOf, workingDaysOverTarget } from "../../domain/assessmentTiming.ts";
import { pluralise } from "../../domain/text.ts";

export interface AssessmentForDisplay {
  type: "PA" | "IA";
  status: "REQUESTED" | "IN_PROGRESS" | "DELIVERED" | "ON_HOLD" | "CANCELLED";
  requestReceivedOn: Date | null;
  acceptedOn: Date | null;
  targetDurationWd: number | null;
  targetDate: Date | null;
  deliveredOn: Date | null;
  note: string | null;
}

/** One line per assessment as the status card and digests show it, with a second line when late. */
export function describeAssessment(assessment: AssessmentForDisplay, asOf: Date): string[] {
  const target = targetDateOf(assessment);
  const targetText = assessment.targetDurationWd
    ? `target ${assessment.targetDurationWd} WD${target ? ` (due ${formatReportDate(target)})` : ""}`
    : target
      ? `due ${formatReportDate(target)}`
      : "no target set";
  switch (assessment.status) {
    case "DELIVERED": {
      if (!assessment.deliveredOn) return [`${assessment.type} delivered`];
      const onTime = target ? (assessment.deliveredOn <= target ? "on target" : "late") : undefined;
      const duration = assessment.acceptedOn ? ` in ${pluralise(currentDurationWd(assessment, asOf), "working day")}` : "";
      const verdict = onTime ? ` — ${onTime}${assessment.targetDurationWd ? ` (${assessment.targetDurationWd} WD)` : ""}` : "";
      return [`${assessment.type} delivered ${formatReportDate(assessment.deliveredOn)}${duration}${verdict}`];
    }
    case "REQUESTED":
      return [
        `${assessment.type} requested${assessment.requestReceivedOn ? ` ${formatReportDate(assessment.requestReceivedOn)}` : ""} · awaiting DCC acceptance`,
      ];
    case "ON_HOLD":
      return [`${assessment.type} on hold${assessment.note ? ` · ${assessment.note}` : ""}`];
    case "CANCELLED":
      return [`${assessment.type} cancelled${assessment.note ? ` · ${assessment.note}` : ""}`];
    case "IN_PROGRESS": {
      const accepted = assessment.acceptedOn ? ` · accepted ${formatReportDate(assessment.acceptedOn)}` : "";
      const lines = [`${assessment.type} in progress${accepted} · ${targetText}`];
      if (assessment.acceptedOn) {
        const elapsed = pluralise(currentDurationWd(assessment, asOf), "working day");
        lines.push(
          isLate(assessment, asOf)
            ? `⚠ ${elapsed} — ${workingDaysOverTarget(assessment, asOf)} over target`
            : `${elapsed} so far`,
        );
      }
      return lines;
    }
  }
}
