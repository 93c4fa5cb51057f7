import type { KnownBlock } from "@slack/types";
import { Blocks, Message } from "slack-block-builder";
import { formatReportDate } from "../../domain/calendarDate.ts";
import { pluralise } from "../../domain/text.ts";
import { periodEndText } from "../../report/document.ts";
import type { ChangeStatusReport } from "../../report/model.ts";
import { averageText } from "../../report/tables.ts";
import { clipToSection } from "./limits.ts";
import { escapeMrkdwn, referenceLink } from "./mrkdwn.ts";

// The Change Status Report's summary in the channel: the figures the Panel looks at first; the
// full report and the chart follow as files in the message's thread.

const MAX_LATE_LINES = 10;

export function reportSummaryText(report: ChangeStatusReport): string {
  return `Change Status Report as at ${formatReportDate(report.reportDate)}`;
}

export function reportSummaryBlocks(report: ChangeStatusReport, options: { footnote?: string; publicUrl?: string } = {}): KnownBlock[] {
  const stages = report.summary.stageCounts
    .map((s) => `${s.stage} *${s.count}*${s.onHold ? ` (${s.onHold} on hold)` : ""}`)
    .join("  ·  ");
  const s = report.summary;
  // "no decisions", never "0 decisions": the same wording for every zero on the line.
  const count = (n: number, singular: string, plural?: string) => (n ? pluralise(n, singular, plural) : `no ${plural ?? `${singular}s`}`);
  const thisMonth = [
    `${count(s.forConversion.length, "Draft Proposal")} for conversion`,
    `${count(s.modificationReports.length, "Modification Report")} to the Panel`,
    `${count(s.decisions.length, "decision")} received`,
    `${count(report.opine.awaitingAuthority.length, "modification")} with the Authority`,
    count(report.define.newDraftProposals.length, "new Draft Proposal"),
  ].join(" · ");
  const window = `${formatReportDate(report.window.from)} – ${formatReportDate(report.window.to)}`;
  const timescales = [...report.refine.assessmentTimescales, ...report.opine.proposalTimescales]
    .map((row) => `${row.label}: *${row.total}* · average ${averageText(row)}`)
    .join("\n");
  // The verdict every surface gives (assessmentTiming.ts), as at the report's counting day.
  const late = report.refine.openAssessments.filter((a) => a.late).sort((a, b) => b.workingDaysOverTarget - a.workingDaysOverTarget || b.currentDurationWd - a.currentDurationWd);
  const lateLines = late
    .slice(0, MAX_LATE_LINES)
    .map((a) => `⚠ *${referenceLink(a.reference, options.publicUrl)}* ${a.type} · ${a.currentDurationWd} WD: ${a.lateness} · ${escapeMrkdwn(a.title)}`);
  if (late.length > MAX_LATE_LINES) lateLines.push(`…and ${late.length - MAX_LATE_LINES} more in the full report`);
  const context = [`Timescales as at ${periodEndText(report)}, in SEC working days (WD)`];
  if (options.footnote) context.push(options.footnote);
  return Message()
    .blocks(
      Blocks.Header({ text: reportSummaryText(report) }),
      Blocks.Section({ text: `*Proposals in each stage*\n${stages}` }),
      Blocks.Section({ text: `*This month* (${window})\n${thisMonth}` }),
      Blocks.Section({ text: clipToSection(`*Timescales*\n${timescales}`) }),
      ...(lateLines.length ? [Blocks.Section({ text: clipToSection(`*Late DCC assessments*\n${lateLines.join("\n")}`) })] : []),
      Blocks.Context().elements(context.join(" · ")),
    )
    .getBlocks() as KnownBlock[];
}
