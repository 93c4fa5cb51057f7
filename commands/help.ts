import { z } from "zod";
import { escapeMrkdwn } from "../src/slack/blocks/mrkdwn.ts";
import { defineSubcommand, type CommandReply, type ModSubcommand } from "./types.ts";

type Subcommands = () => readonly ModSubcommand<any>[];

export function helpReply(all: Subcommands, options: { unknown?: string; topic?: ModSubcommand<any> } = {}): CommandReply {
  if (options.topic) {
    const command = options.topic;
    const examples = command.examples?.length ? `\nExamples:\n${command.examples.map((e) => `• \`${e}\``).join("\n")}` : "";
    const details = command.details ? `\n${command.details}` : "";
    return { text: `\`${command.usage}\`\n${command.summary}${details}${examples}` };
  }
  const intro = options.unknown
    ? `I don't know \`/mod ${escapeMrkdwn(options.unknown)}\`. Here is what I can do:`
    : "*modbot* runs the SEC modification process here. What I can do:";
  const lines = all().map((command) => `• \`${command.usage}\` — ${command.summary}`);
  return {
    text: [intro, ...lines, "Dates can be typed in plain English: \"30 Jul\", \"next Friday\", \"30 Sep 2019\"."].join("\n"),
  };
}

/** `/mod help`; it is given the list it describes, which includes itself. */
export function helpCommand(all: Subcommands) {
  return defineSubcommand({
    name: "help",
    aliases: ["?", "h"],
    usage: "/mod help [SUBCOMMAND]",
    summary: "This list, or the details of one subcommand",
    args: z.string().trim(),
    async run(topic) {
      if (!topic) return helpReply(all);
      const wanted = topic.replace(/^\/mod\s+/, "").toLowerCase();
      const command = all().find((c) => c.name === wanted || c.aliases?.includes(wanted));
      return command ? helpReply(all, { topic: command }) : helpReply(all, { unknown: topic });
    },
  });
}
