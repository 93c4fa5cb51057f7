import type { WebClient } from "@slack/web-api";
import type { AppContext } from "../appContext.ts";
import { saveProgress } from "../data/jobRuns.ts";
import { formatReportDate, toIsoDate } from "../domain/calendarDate.ts";
import { buildChangeStatusReport } from "../report/build.ts";
import { renderReportFiles, renderReportFormat } from "../report/files.ts";
import type { ChangeStatusReport } from "../report/model.ts";
import { reportSummaryBlocks, reportSummaryText } from "../slack/blocks/report.ts";

// The Change Status Report in a channel: the summary as a message, then the full report (the
// Panel's PDF, Markdown, HTML) and the stage chart (PNG) as files in its thread. `/mod report` and the monthly
// subscription post exactly the same. The scheduled run saves the summary's ts on its job_run
// before uploading, so a retry after a failed upload attaches the files to the summary already
// in the channel instead of posting the report twice.

export interface ReportOutput {
  /** The report's date (ISO). */
  asOf: string;
  /** The summary message: the thread the files go in. */
  summaryTs?: string;
  /** The files attached, once the upload has succeeded. */
  files?: string[];
}

/** Posts the summary in the channel; its ts. */
export async function postReportSummary(client: WebClient, channelId: string, report: ChangeStatusReport, footnote?: string, publicUrl?: string): Promise<string> {
  const posted = await client.chat.postMessage({
    channel: channelId,
    text: reportSummaryText(report),
    blocks: reportSummaryBlocks(report, { ...(footnote ? { footnote } : {}), publicUrl }),
    unfurl_links: false,
  });
  return String(posted.ts);
}

/** Uploads the full report and the chart into the summary's thread; the file names. */
export async function uploadReportFiles(client: WebClient, channelId: string, threadTs: string, report: ChangeStatusReport): Promise<string[]> {
  const files = [...(await renderReportFormat(report, "pdf")), ...renderReportFiles(report, "md"), ...renderReportFiles(report, "png"), ...renderReportFiles(report, "html")];
  await client.files.uploadV2({
    channel_id: channelId,
    thread_ts: threadTs,
    initial_comment: `Full report and chart as at ${formatReportDate(report.reportDate)} (PDF, Markdown, HTML, PNG).`,
    file_uploads: files.map((file) => ({ file: Buffer.from(file.content), filename: file.filename, title: file.filename })),
  });
  return files.map((file) => file.filename);
}

/** The monthly subscription's run: the report as at the slot's day, carrying on from `progress`. */
export async function postScheduledReport(
  ctx: AppContext,
  client: WebClient,
  args: { key: string; channelId: string; today: Date; progress: ReportOutput | null },
): Promise<ReportOutput> {
  const report = await buildChangeStatusReport(ctx.prisma, args.today);
  const output: ReportOutput = { asOf: toIsoDate(args.today), summaryTs: args.progress?.summaryTs };
  if (!output.summaryTs) {
    output.summaryTs = await postReportSummary(client, args.channelId, report, undefined, ctx.publicUrl);
    await saveProgress(ctx.prisma, args.key, { ...output });
  }
  output.files = await uploadReportFiles(client, args.channelId, output.summaryTs, report);
  return output;
}
