import { parseArgs } from "node:util";
import { londonTimeOn, todayInLondon } from "../../domain/calendarDate.ts";
import { parsePlainDate } from "../../domain/plainDates.ts";
import { createAppContext, type AppContext } from "../../appContext.ts";
import { readDatabaseSettings } from "../../config.ts";
import { databaseTargetFrom, openDatabase } from "../../data/database.ts";
import { renderBlocks } from "../../slack/render/blockKitText.ts";

// The options `modbot digest` and `modbot nudges` share: which day (and channel) to preview.

export interface PreviewOptions {
  asOf: Date;
  /** 09:00 London on `asOf`: when the default schedules run. */
  at: Date;
  channel?: string;
  help: boolean;
}

export function readPreviewOptions(args: string[], usage: string): PreviewOptions | { error: string } {
  let values: { channel?: string; "as-of"?: string; "dry-run"?: boolean; help?: boolean };
  try {
    values = parseArgs({
      args,
      options: { channel: { type: "string" }, "as-of": { type: "string" }, "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } },
    }).values;
  } catch (error) {
    return { error: `${(error as Error).message}\n\n${usage}` };
  }
  const today = todayInLondon();
  let asOf = today;
  if (values["as-of"]) {
    const parsed = parsePlainDate(values["as-of"], { today });
    if (!parsed.ok) return { error: parsed.message };
    asOf = parsed.date;
  }
  if (!values.help && !values["dry-run"]) {
    return { error: `Only --dry-run is supported here: the scheduler in \`modbot start\` does the posting.\n\n${usage}` };
  }
  if (values.channel !== undefined && !/^[CGD][A-Z0-9]+$/.test(values.channel)) {
    return { error: `"${values.channel}" isn't a Slack channel id; they look like C012AB3CD (channel details → About in Slack).` };
  }
  const at = londonTimeOn(asOf, 9);
  return { asOf, at, channel: values.channel, help: values.help ?? false };
}

/** What a person reads in Block Kit blocks, for the terminal (the console's renderer). */
export function blocksAsText(blocks: readonly unknown[]): string {
  return renderBlocks(blocks).text;
}

/**
 * The part `modbot digest` and `modbot nudges` share: read the options (or explain them), open
 * the database, and hand the preview a context whose clock is 09:00 London on the chosen day.
 */
export async function runPreview(
  args: string[],
  usage: string,
  preview: (ctx: AppContext, options: PreviewOptions) => Promise<void>,
): Promise<number> {
  const options = readPreviewOptions(args, usage);
  if ("error" in options) {
    console.error(options.error);
    return 2;
  }
  if (options.help) {
    console.log(usage);
    return 0;
  }
  const db = await openDatabase(databaseTargetFrom(readDatabaseSettings()));
  try {
    await preview(createAppContext({ prisma: db.prisma, now: () => options.at }), options);
    return 0;
  } finally {
    await db.close();
  }
}
