import { readDatabaseSettings } from "../../config.ts";
import { createAppContext } from "../../appContext.ts";
import { databaseTargetFrom, openDatabase } from "../../data/database.ts";
import { formatReportDate } from "../../domain/calendarDate.ts";
import { prepareDigest } from "../../jobs/digestJob.ts";
import { blocksAsText, readPreviewOptions } from "./jobArgs.ts";
import type { CliCommand } from "./types.ts";

const USAGE = `Usage: modbot digest --dry-run [--as-of DATE] [--channel C012AB3CD]
  Prints the weekly digest as it would be posted at 09:00 on DATE (default today).
  --channel  "what changed" starts at that channel's last digest (default: the week before)`;

export const digest: CliCommand = {
  name: "digest",
  usage: "digest --dry-run [--as-of DATE] [--channel C]",
  summary: "Print the weekly digest that would be posted (for checking and support)",
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
    const db = await openDatabase(databaseTargetFrom(readDatabaseSettings()));
    try {
      const ctx = createAppContext({ prisma: db.prisma, now: () => options.at });
      const prepared = await prepareDigest(ctx, { channelId: options.channel, at: options.at, today: options.asOf });
      const where = options.channel ? `<#${options.channel}>` : "a channel";
      const since = prepared.firstDigest ? "no earlier digest" : `the last digest was ${formatReportDate(prepared.since)}`;
      console.log(`Would post to ${where} (${prepared.messages.length} message${prepared.messages.length === 1 ? "" : "s"}; ${since}):\n`);
      prepared.messages.forEach((message, index) => {
        if (index > 0) console.log(`\n── in the thread, part ${index + 1} ──`);
        console.log(blocksAsText(message.blocks));
      });
      return 0;
    } finally {
      await db.close();
    }
  },
};
