import { escapeMrkdwn } from "../src/slack/blocks/mrkdwn.ts";
import { z } from "zod";
import { compareDates, formatReportDate, toIsoDate } from "../src/domain/calendarDate.ts";
import { parsePlainDate } from "../src/domain/plainDates.ts";
import { buildChangeStatusReport } from "../src/report/build.ts";
import { claimRequest, recordRequestResult, releaseRequest } from "../src/data/processedRequests.ts";
import { postReportSummary, uploadReportFiles } from "../src/jobs/reportJob.ts";
import { classifySlackFailure } from "../src/jobs/slackFailures.ts";
import type { ChangeStatusReport } from "../src/report/model.ts";
import { reportSummaryBlocks, reportSummaryText } from "../src/slack/blocks/report.ts";
import { defineSubcommand, type CommandInvocation, type CommandReply } from "./types.ts";

const usage = "/mod report [AS-OF DATE]";

export default defineSubcommand({
  name: "report",
  aliases: ["csr"],
  usage,
  summary: "Post the monthly Change Status Report here: a summary, then the full report (PDF, Markdown, HTML) and the chart as files",
  examples: ["/mod report", "/mod report 4 Oct 2019", "/mod report last Friday"],
  args: z.string().trim(),
  async run(typed, ctx, invocation) {
    const today = ctx.today();
    let asOf = today;
    if (typed) {
      const parsed = parsePlainDate(typed, { today });
      if (!parsed.ok) return { text: `${escapeMrkdwn(parsed.message)}\nUsage: \`${usage}\` (today when no date is given).` };
      if (compareDates(parsed.date, today) > 0) {
        return { text: `${formatReportDate(parsed.date)} is in the future. A report can be as at today (${formatReportDate(today)}) or any earlier date.` };
      }
      asOf = parsed.date;
    }
    // Slack retries a slash command it thinks went unanswered, with the same trigger_id: the
    // claim makes the retry (or a second replica) answer instead of posting the report again.
    const key = `report:${invocation.triggerId}`;
    const claim = await claimRequest(ctx.prisma, key, ctx.now());
    if (!claim.claimed) {
      const earlier = claim.result as CommandReply | null;
      return earlier?.text ? { text: earlier.text } : { text: "I'm already posting that report here: it will appear in a moment." };
    }
    // Building the report, the PDF above all, and uploading it take longer than Slack's 3 s:
    // the acknowledgement says it is coming, and the posting follows it.
    return {
      text: `Building the Change Status Report as at ${formatReportDate(asOf)}; it will appear in this channel in a moment.`,
      afterAck: async () => {
        let outcome: Awaited<ReturnType<typeof postReport>> | undefined;
        try {
          outcome = await postReport(await buildChangeStatusReport(ctx.prisma, asOf), invocation, ctx.publicUrl);
          return outcome.reply;
        } finally {
          // Nothing reached the channel (refused, or a failure of ours): a retry may try again.
          if (outcome?.posted) await recordRequestResult(ctx.prisma, key, { text: outcome.reply.text });
          else await releaseRequest(ctx.prisma, key);
        }
      },
    };
  },
});

/** Posts the summary in the channel and the full report and chart in its thread; `posted`: whether anything reached the channel. */
async function postReport(
  report: ChangeStatusReport,
  invocation: Pick<CommandInvocation, "client" | "channelId">,
  publicUrl?: string,
): Promise<{ reply: CommandReply; posted: boolean }> {
  const { client, channelId } = invocation;
  let ts: string;
  try {
    ts = await postReportSummary(client, channelId, report, undefined, publicUrl);
  } catch (error) {
    // Most often the bot is not in the channel: show the summary to the asker and say how to fix it.
    const footnote = `Only you can see this: I couldn't post in this channel (${classifySlackFailure(error).error}). Invite me with /invite @modbot, or run /mod report in a channel I'm in.`;
    return { posted: false, reply: { text: reportSummaryText(report), blocks: reportSummaryBlocks(report, { footnote, publicUrl }) } };
  }
  try {
    await uploadReportFiles(client, channelId, ts, report);
  } catch (error) {
    return {
      posted: true,
      reply: {
        text: `I posted the summary, but couldn't attach the full report (${classifySlackFailure(error).error}). \`modbot report --as-of ${toIsoDate(report.reportDate)}\` on the server writes the files; \`/mod report\` tries again (and posts the summary again).`,
      },
    };
  }
  return { posted: true, reply: { text: `Posted the ${reportSummaryText(report)} in this channel, with the full report (PDF, Markdown, HTML) and the chart in its thread.` } };
}

