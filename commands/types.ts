import type { KnownBlock, View } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { z } from "zod";
import type { AppContext } from "../src/appContext.ts";

// One module per /mod subcommand: its usage line, a zod schema over the text typed after the
// subcommand's name, and a handler. Routing and `/mod help` are generated from these.

export interface CommandInvocation {
  userId: string;
  channelId: string;
  triggerId: string;
  client: WebClient;
  /** performance.now() when the command arrived: what it reads reflects every change committed before then. */
  arrivedAt?: number;
  /** Opens a modal on this command's trigger; false when Slack could not open it in time. */
  openView(view: View): Promise<boolean>;
}

export interface CommandReply {
  text: string;
  blocks?: KnownBlock[];
  /** Ephemeral unless the answer is meant for the whole channel. */
  visibility?: "ephemeral" | "in_channel";
  /** Further messages of a long answer, sent after this one (each within Slack's limits). */
  continued?: CommandReply[];
  /**
   * Slow work that follows the acknowledgement (posting and uploading in the channel), so the ack
   * is never late. It runs within the same request, so supervision still answers its failure and
   * shutdown still waits for it; what it returns goes to response_url.
   */
  afterAck?: () => Promise<CommandReply | undefined>;
}

/** A long answer (from `pagedAnswer`) as one reply whose later pages follow it. */
export function pagedReply(pages: readonly { text: string; blocks: KnownBlock[] }[]): CommandReply {
  const [first, ...rest] = pages;
  return { text: first?.text ?? "", blocks: first?.blocks, ...(rest.length ? { continued: rest.map((p) => ({ text: p.text, blocks: p.blocks })) } : {}) };
}

/** What a subcommand returns: a message, or `opened` when it answered by opening a modal. */
export type CommandOutcome = CommandReply | { opened: View };

export interface ModSubcommand<Args = unknown> {
  name: string;
  aliases?: readonly string[];
  /** e.g. "/mod status REF" */
  usage: string;
  summary: string;
  /** More than the summary, for `/mod help NAME` only (the steps `/mod move` knows, say). */
  details?: string;
  examples?: readonly string[];
  /** Parses the text after the subcommand's name; its messages are shown to the user as they are. */
  args: z.ZodType<Args, string>;
  run(args: Args, ctx: AppContext, invocation: CommandInvocation): Promise<CommandOutcome>;
}

export function defineSubcommand<Args>(command: ModSubcommand<Args>): ModSubcommand<Args> {
  return command;
}
