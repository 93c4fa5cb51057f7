import { readNudgeSettings } from "../../config.ts";
import { listSubscriptions } from "../../data/subscriptions.ts";
import { formatReportDate } from "../../domain/calendarDate.ts";
import { isWorkingDay } from "../../domain/workingDays.ts";
import { nudgesFor } from "../../jobs/nudgeJob.ts";
import { nudgeBlocks } from "../../slack/blocks/nudge.ts";
import { pluralise } from "../../domain/text.ts";
import { blocksAsText, runPreview } from "./jobArgs.ts";
import type { CliCommand } from "./types.ts";

const USAGE = `Usage: modbot nudges --dry-run [--as-of DATE] [--channel C012AB3CD]
  Prints the late-assessment nudges that would be posted on DATE (default today), in each
  channel subscribed to nudges (or --channel), leaving out those already sent there.
  MODBOT_NUDGE_WARN_WD and MODBOT_NUDGE_CONTACT are read as the bot reads them.`;

export const nudges: CliCommand = {
  name: "nudges",
  usage: "nudges --dry-run [--as-of DATE] [--channel C]",
  summary: "Print the late-assessment nudges that would be posted (for checking and support)",
  help: USAGE,
  run: (args) =>
    runPreview(args, USAGE, async (ctx, options) => {
      const settings = readNudgeSettings();
      if (!isWorkingDay(options.asOf)) {
        console.log(`${formatReportDate(options.asOf)} isn't an SEC working day, so no nudges are posted.`);
        return;
      }
      const subscribed = (await listSubscriptions(ctx.prisma)).filter((s) => s.kind === "NUDGES" && !s.brokenAt).map((s) => s.channelId);
      const channels: (string | undefined)[] = options.channel ? [options.channel] : subscribed.length ? subscribed : [undefined];
      for (const channel of channels) {
        const due = await nudgesFor(ctx, { channelId: channel, today: options.asOf, settings });
        const where = channel ? `<#${channel}>` : "a newly subscribed channel (no channel is subscribed to nudges)";
        console.log(`${due.length ? `Would post ${pluralise(due.length, "nudge")}` : "Nothing to post"} in ${where} on ${formatReportDate(options.asOf)}.`);
        for (const nudge of due) console.log(`
${blocksAsText(nudgeBlocks(nudge, settings.defaultContact))}`);
      }
    }),
};
