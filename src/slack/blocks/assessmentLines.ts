import { escapeMrkdwn } from "./mrkdwn.ts";
import { assessmentVerdict, isLateInProgress, verdictHeadline, verdictLateness } from "../../domain/assessmentTiming.ts";

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

/**
 * One line per assessment as the status card and the DCC form show it ("IA in progress ·
 * accepted 30 Jul 2019 · 48 of 40 WD, due 24 Sep 2019 · DCC's revised date 4 Nov 2019"), with a
 * second line saying how late when it is. The words come from the verdict (assessmentTiming.ts).
 */
export function describeAssessment(assessment: AssessmentForDisplay, asOf: Date, label: string = assessment.type): string[] {
  const verdict = assessmentVerdict(assessment, asOf);
  const lines = [verdictHeadline(label, verdict, { requestReceivedOn: assessment.requestReceivedOn, note: assessment.note && escapeMrkdwn(assessment.note) })];
  if (isLateInProgress(verdict)) lines.push(`⚠ Late: ${verdictLateness(verdict)}`);
  // The DCC form promises its note is shown here; the headline carries it only for on hold and cancelled.
  if (assessment.note && !lines[0]!.includes(assessment.note)) lines.push(`Note: ${assessment.note}`);
  return lines;
}
