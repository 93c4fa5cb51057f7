import { formatReportDate } from "../../domain/calendarDate.ts";
import { prepareDigest } from "../../jobs/digestJob.ts";
import { pluralise } from "../../domain/text.ts";
import { blocksAsText, runPreview } from "./jobArgs.ts";
import type { CliCommand } from "./types.ts";

const USAGE = `Usage: modbot digest --dry-run [--as-of DATE] [--channel C012AB3CD]
  Prints the weekly digest as it would be posted at 09:00 on DATE (default today).
  --channel  "what changed" starts at that channel's last digest (default: the week before)`;

export const digest: CliCommand = {
  name: "digest",
  usage: "digest --dry-run [--as-of DATE] [--channel C]",
  summary: "Print the weekly digest that would be posted (for checking and support)",
  help: USAGE,
  run: (args) =>
    runPreview(args, USAGE, async (ctx, options) => {
      const prepared = await prepareDigest(ctx, { channelId: options.channel, at: options.at, today: options.asOf });
      const where = options.channel ? `<#${options.channel}>` : "a channel";
      const since = prepared.firstDigest ? "no earlier digest" : `the last digest was ${formatReportDate(prepared.since)}`;
      console.log(`Would post to ${where} (${pluralise(prepared.messages.length, "message")}; ${since}):
`);
      prepared.messages.forEach((message, index) => {
        if (index > 0) console.log(`
── in the thread, part ${index + 1} ──`);
        console.log(blocksAsText(message.blocks));
      });
    }),
};
