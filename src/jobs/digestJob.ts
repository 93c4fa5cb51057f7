import type { WebClient } from "@slack/web-api";
import type { AppContext } from "../appContext.ts";
import { loadDigestData } from "../data/digest.ts";
import { lastDigestBefore, saveProgress } from "../data/jobRuns.ts";
import { addCalendarDays } from "../domain/calendarDate.ts";
import { digestMessages, type DigestMessage } from "../slack/blocks/digest.ts";
import { buildDigest, digestHorizon, type DigestContent } from "./digestContent.ts";
import { localDateOf, slotKeyPrefix } from "./schedule.ts";

// One channel's digest: built from what changed since that channel's previous digest, posted as
// a message and, when long, a thread under it. Each posted part is saved on the run before the
// next is sent, so a retry continues the thread instead of posting the digest again.

export interface PreparedDigest {
  content: DigestContent;
  messages: DigestMessage[];
  since: Date;
  firstDigest: boolean;
}

const LONDON = "Europe/London";

export async function prepareDigest(
  ctx: AppContext,
  args: { channelId?: string; at: Date; today: Date },
): Promise<PreparedDigest> {
  const previous = args.channelId ? await lastDigestBefore(ctx.prisma, slotKeyPrefix("DIGEST", args.channelId), args.at) : null;
  const since = previous ?? new Date(args.at.getTime() - 7 * 86_400_000);
  const sinceDate = previous ? localDateOf(previous, LONDON) : addCalendarDays(args.today, -7);
  const data = await loadDigestData(ctx.prisma, { since, sinceDate, now: args.at, today: args.today, horizon: digestHorizon(args.today) });
  const content = buildDigest(data, { today: args.today, since, sinceDate, firstDigest: !previous, publicUrl: ctx.publicUrl });
  return { content, messages: digestMessages(content), since, firstDigest: !previous };
}

export interface DigestOutput {
  /** Slack message timestamps of the parts posted so far: the first is the thread's parent. */
  posted: string[];
  parts: number;
  summary?: string;
}

export async function postDigest(
  ctx: AppContext,
  client: WebClient,
  args: { key: string; channelId: string; at: Date; today: Date; progress: DigestOutput | null },
): Promise<DigestOutput> {
  const { messages, content } = await prepareDigest(ctx, args);
  const posted = [...(args.progress?.posted ?? [])];
  for (let part = posted.length; part < messages.length; part++) {
    const message = messages[part];
    const result = await client.chat.postMessage({
      channel: args.channelId,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      ...(part > 0 ? { thread_ts: posted[0] } : {}),
    });
    posted.push(String(result.ts));
    await saveProgress(ctx.prisma, args.key, { posted, parts: messages.length });
  }
  return { posted, parts: Math.max(messages.length, posted.length), summary: content.summary };
}
