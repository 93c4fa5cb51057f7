import type { AppContext } from "../src/appContext.ts";
import { escapeMrkdwn } from "../src/slack/blocks/mrkdwn.ts";
import { readCommandText } from "../src/slack/commandText.ts";
import { helpReply } from "./help.ts";
import { findSubcommand, subcommands } from "./index.ts";
import type { CommandInvocation, CommandOutcome } from "./types.ts";

/** Splits "/mod status secmp53" text into the subcommand and the rest, parses, and runs it. */
export async function runModCommand(text: string, ctx: AppContext, invocation: CommandInvocation): Promise<CommandOutcome> {
  // Slack's escaping undone once, here, so every subcommand reads what the person typed.
  const trimmed = readCommandText(text).trim();
  const name = trimmed.split(/\s+/)[0] ?? "";
  if (!name) return helpReply(() => subcommands);
  const command = findSubcommand(name);
  if (!command) return helpReply(() => subcommands, { unknown: name });
  const parsed = command.args.safeParse(trimmed.slice(name.length).trim());
  if (!parsed.success) {
    // Argument messages quote what was typed; escaped here, once, for every subcommand.
    const message = escapeMrkdwn(parsed.error.issues[0]?.message ?? "I couldn't read that.");
    return { text: `${message}${message.includes(command.usage) ? "" : `\nUsage: \`${command.usage}\``}` };
  }
  return command.run(parsed.data, ctx, invocation);
}
