import { escapeMrkdwn } from "./mrkdwn.ts";
import { assessmentVerdict, isLateInProgress, verdictHeadline, verdictLateness, type ShownAssessment } from "../../domain/assessmentTiming.ts";

/**
 * One line per assessment as the status card and the DCC form show it ("IA in progress ·
 * accepted 30 Jul 2019 · 48 of 40 WD, due 24 Sep 2019 · DCC's revised date 4 Nov 2019"), with a
 * second line saying how late when it is. The words come from the verdict (assessmentTiming.ts).
 */
export function describeAssessment(assessment: ShownAssessment, asOf: Date, label: string = assessment.type): string[] {
  const verdict = assessmentVerdict(assessment, asOf);
  const lines = [verdictHeadline(label, verdict, { requestReceivedOn: assessment.requestReceivedOn, note: assessment.note && escapeMrkdwn(assessment.note) })];
  if (isLateInProgress(verdict)) lines.push(`⚠ Late: ${verdictLateness(verdict)}`);
  // The DCC form promises its note is shown here; the headline carries it only for on hold and cancelled.
  if (assessment.note && !lines[0]!.includes(escapeMrkdwn(assessment.note))) lines.push(`Note: ${escapeMrkdwn(assessment.note)}`);
  return lines;
}
