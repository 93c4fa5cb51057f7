import { z } from "zod";
import { compareDates, formatReportDate } from "../src/domain/calendarDate.ts";
import { parsePlainDate } from "../src/domain/plainDates.ts";
import { buildChangeStatusReport } from "../src/report/build.ts";
import { renderReportFiles } from "../src/report/files.ts";
import type { ChangeStatusReport } from "../src/report/model.ts";
import { reportSummaryBlocks, reportSummaryText } from "../src/slack/blocks/report.ts";
import { defineSubcommand, type CommandInvocation, type CommandReply } from "./types.ts";

const usage = "/mod report [AS-OF DATE]";

export default defineSubcommand({
  name: "report",
  aliases: ["csr"],
  usage,
  summary: "Post the monthly Change Status Report here: a summary, then the full report and the chart as files",
  examples: ["/mod report", "/mod report 4 Oct 2019", "/mod report last Friday"],
  args: z.string().trim(),
  async run(typed, ctx, invocation) {
    const today = ctx.today();
    let asOf = today;
    if (typed) {
      const parsed = parsePlainDate(typed, { today });
      if (!parsed.ok) return { text: `${parsed.message}\nUsage: \`${usage}\` (today when no date is given).` };
      if (compareDates(parsed.date, today) > 0) {
        return { text: `${formatReportDate(parsed.date)} is in the future. A report can be as at today (${formatReportDate(today)}) or any earlier date.` };
      }
      asOf = parsed.date;
    }
    const report = await buildChangeStatusReport(ctx.prisma, asOf);
    return postReport(report, invocation);
  },
});

/** Posts the summary in the channel and the full report and chart in its thread. */
export async function postReport(report: ChangeStatusReport, invocation: Pick<CommandInvocation, "client" | "channelId">): Promise<CommandReply> {
  const { client, channelId } = invocation;
  let ts: string | undefined;
  try {
    const posted = await client.chat.postMessage({ channel: channelId, text: reportSummaryText(report), blocks: reportSummaryBlocks(report) });
    ts = posted.ts;
  } catch (error) {
    // Most often the bot is not in the channel: show the summary to the asker and say how to fix it.
    return {
      text: reportSummaryText(report),
      blocks: reportSummaryBlocks(report, {
        footnote: `Only you can see this: I couldn't post in this channel (${slackError(error)}). Invite me with /invite @modbot, or run /mod report in a channel I'm in.`,
      }),
    };
  }
  const files = [...renderReportFiles(report, "md"), ...renderReportFiles(report, "png"), ...renderReportFiles(report, "html")];
  try {
    await client.files.uploadV2({
      channel_id: channelId,
      thread_ts: ts,
      initial_comment: `Full report and chart as at ${formatReportDate(report.reportDate)} (Markdown, HTML, PNG).`,
      file_uploads: files.map((file) => ({
        file: Buffer.from(file.content),
        filename: file.filename,
        title: file.filename,
      })),
    });
  } catch (error) {
    return {
      text: `I posted the summary, but couldn't attach the full report (${slackError(error)}). Try \`/mod report\` again, or run \`modbot report\` on the server for the files.`,
    };
  }
  return { text: `Posted the ${reportSummaryText(report)} in this channel, with the full report and the chart in its thread.` };
}

function slackError(error: unknown): string {
  const data = (error as { data?: { error?: string } }).data;
  return data?.error ?? (error instanceof Error ? error.message : String(error));
}
