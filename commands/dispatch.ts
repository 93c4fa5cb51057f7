import { distance } from "fastest-levenshtein";
import type { AppContext } from "../src/appContext.ts";
import { parseReference } from "../src/domain/references.ts";
import { escapeMrkdwn } from "../src/slack/blocks/mrkdwn.ts";
import { readCommandText } from "../src/slack/commandText.ts";
import { helpReply } from "./help.ts";
import { findSubcommand, subcommands } from "./index.ts";
import type { CommandInvocation, CommandOutcome } from "./types.ts";

/** The subcommand a slip of the keyboard meant ("stauts" → "status"), when only one is that close. */
function closestSubcommand(typed: string): string | undefined {
  const names = subcommands.flatMap((c) => [c.name, ...(c.aliases ?? [])].map((n) => ({ n, canonical: c.name })));
  const limit = typed.length <= 4 ? 1 : 2;
  const near = names.filter(({ n }) => distance(typed, n) <= limit || (typed.length >= 3 && n.startsWith(typed)));
  const canonical = [...new Set(near.map((x) => x.canonical))];
  return canonical.length === 1 ? canonical[0] : undefined;
}

/** Splits "/mod status secmp53" text into the subcommand and the rest, parses, and runs it. */
export async function runModCommand(text: string, ctx: AppContext, invocation: CommandInvocation): Promise<CommandOutcome> {
  // Slack's escaping undone once, here, so every subcommand reads what the person typed.
  const trimmed = readCommandText(text).trim();
  const name = trimmed.split(/\s+/)[0] ?? "";
  if (!name) return helpReply(() => subcommands);
  const command = findSubcommand(name);
  if (!command) {
    // A bare reference asks where it stands: "/mod SECMP0053" is "/mod status SECMP0053".
    if (parseReference(trimmed)) return runModCommand(`status ${trimmed}`, ctx, invocation);
    const meant = closestSubcommand(name.toLowerCase());
    if (meant) {
      const rest = trimmed.slice(name.length).trim();
      return { text: escapeMrkdwn(`I don't know \`/mod ${name}\`. Did you mean \`/mod ${meant}${rest ? ` ${rest}` : ""}\`? (\`/mod help\` lists everything.)`) };
    }
    return helpReply(() => subcommands, { unknown: name });
  }
  const parsed = command.args.safeParse(trimmed.slice(name.length).trim());
  if (!parsed.success) {
    // Argument messages quote what was typed; escaped here, once, for every subcommand.
    const message = escapeMrkdwn(parsed.error.issues[0]?.message ?? "I couldn't read that.");
    return { text: `${message}${message.includes(command.usage) ? "" : `\nUsage: \`${command.usage}\``}` };
  }
  return command.run(parsed.data, ctx, invocation);
}
