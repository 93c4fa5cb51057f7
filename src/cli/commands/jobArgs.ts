import { TZDate } from "@date-fns/tz";
import { parseArgs } from "node:util";
import { todayInLondon } from "../../domain/calendarDate.ts";
import { parsePlainDate } from "../../domain/plainDates.ts";

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
  const at = new Date(new TZDate(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate(), 9, 0, "Europe/London").getTime());
  return { asOf, at, channel: values.channel, help: values.help ?? false };
}

/** What a person reads in Block Kit blocks, line by line, for the terminal. */
export function blocksAsText(blocks: readonly unknown[]): string {
  const lines: string[] = [];
  for (const block of blocks as { type: string; text?: { text: string }; elements?: { type: string; text?: unknown; options?: unknown[] }[] }[]) {
    if (block.type === "divider") lines.push("────");
    else if (block.text) lines.push(block.text.text);
    else if (block.type === "context") lines.push(...(block.elements ?? []).map((e) => String(e.text ?? "")));
    else if (block.type === "actions") {
      lines.push((block.elements ?? []).map((e) => (e.options ? `[menu: ${e.options.length} status cards]` : `[${(e.text as { text: string }).text}]`)).join("  "));
    }
  }
  return lines.join("\n");
}
