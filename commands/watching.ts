import { z } from "zod";
import { watchedBy, watcherChoices } from "../src/data/watches.ts";
import { escapeMrkdwn } from "../src/slack/blocks/mrkdwn.ts";
import { changeLine } from "../src/slack/blocks/watchMessage.ts";
import { defineSubcommand } from "./types.ts";

export default defineSubcommand({
  name: "watching",
  aliases: ["watches"],
  usage: "/mod watching",
  summary: "What you watch, each with its latest change",
  args: z.string().trim().max(0, "`/mod watching` takes nothing after it."),
  async run(_none, ctx, invocation) {
    const [watched, choices] = await Promise.all([watchedBy(ctx.prisma, invocation.userId), watcherChoices(ctx.prisma, invocation.userId)]);
    if (watched.length === 0) return { text: "You watch nothing yet. `/mod watch REF` starts, or *Watch* on a status card." };
    const lines = watched.map((w) => `• *${w.reference}* ${escapeMrkdwn(w.title)}${w.latest ? ` — latest: ${changeLine(w.latest)}` : ""}`);
    const muted = choices.muted ? "\nYour direct messages are muted (my Home tab unmutes them)." : "";
    return { text: [`You watch ${watched.length}:`, ...lines.slice(0, 60), ...(lines.length > 60 ? [`…and ${lines.length - 60} more (my Home tab lists them all).`] : [])].join("\n") + muted };
  },
});
