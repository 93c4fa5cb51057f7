import { readDatabaseSettings } from "../../config.ts";
import { createAppContext } from "../../appContext.ts";
import { databaseTargetFrom, openDatabase } from "../../data/database.ts";
import { listSubscriptions } from "../../data/subscriptions.ts";
import { formatReportDate } from "../../domain/calendarDate.ts";
import { isWorkingDay } from "../../domain/workingDays.ts";
import { nudgesFor } from "../../jobs/nudgeJob.ts";
import { nudgeSettingsFromEnv } from "../../jobs/scheduler.ts";
import { nudgeBlocks } from "../../slack/blocks/nudge.ts";
import { blocksAsText, readPreviewOptions } from "./jobArgs.ts";
import type { CliCommand } from "./types.ts";

const USAGE = `Usage: modbot nudges --dry-run [--as-of DATE] [--channel C012AB3CD]
  Prints the late-assessment nudges that would be posted on DATE (default today), in each
  channel subscribed to nudges (or --channel), leaving out those already sent there.
  MODBOT_NUDGE_WARN_WD and MODBOT_NUDGE_CONTACT are read as the bot reads them.`;

export const nudges: CliCommand = {
  name: "nudges",
  usage: "nudges --dry-run [--as-of DATE] [--channel C]",
  summary: "Print the late-assessment nudges that would be posted (for checking and support)",
  async run(args) {
    const options = readPreviewOptions(args, USAGE);
    if ("error" in options) {
      console.error(options.error);
      return 2;
    }
    if (options.help) {
      console.log(USAGE);
      return 0;
    }
    const settings = nudgeSettingsFromEnv();
    if (!isWorkingDay(options.asOf)) {
      console.log(`${formatReportDate(options.asOf)} isn't an SEC working day, so no nudges are posted.`);
      return 0;
    }
    const db = await openDatabase(databaseTargetFrom(readDatabaseSettings()));
    try {
      const ctx = createAppContext({ prisma: db.prisma, now: () => options.at });
      const subscribed = (await listSubscriptions(db.prisma)).filter((s) => s.kind === "NUDGES" && !s.brokenAt).map((s) => s.channelId);
      const channels: (string | undefined)[] = options.channel ? [options.channel] : subscribed.length ? subscribed : [undefined];
      for (const channel of channels) {
        const due = await nudgesFor(ctx, { channelId: channel, today: options.asOf, settings });
        const where = channel ? `<#${channel}>` : "a newly subscribed channel (no channel is subscribed to nudges)";
        console.log(`${due.length ? `Would post ${due.length} nudge${due.length === 1 ? "" : "s"}` : "Nothing to post"} in ${where} on ${formatReportDate(options.asOf)}.`);
        for (const nudge of due) console.log(`\n${blocksAsText(nudgeBlocks(nudge, settings.defaultContact))}`);
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};
