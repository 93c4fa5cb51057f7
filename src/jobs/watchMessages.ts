import type { WebClient } from "@slack/web-api";
import type { AppContext } from "../appContext.ts";
import { claimNotices, dropNotices, markSent, pendingWatchers, queueNotices, releaseClaim } from "../data/watches.ts";
import { defaultWorkingHours, isWithinWorkingHours, type WorkingHours } from "../domain/workingHours.ts";
import { watchMessage } from "../slack/blocks/watchMessage.ts";

// Direct messages to watchers, one pass per scheduler tick (every minute, every replica):
// queue the changes since the last pass, then for each watcher whose changes have been quiet
// for the batch window, claim them and send one message. Outside working hours they wait,
// unless the watcher asked for any hour; a muted watcher's are dropped.

export interface WatchMessageSettings {
  /** Changes this close together arrive as one message: it goes once they've been quiet this long. */
  batchMs: number;
  hours: WorkingHours;
}

export const defaultWatchMessageSettings: WatchMessageSettings = { batchMs: 3 * 60_000, hours: defaultWorkingHours };

export interface WatchMessageReport {
  /** Watchers messaged by this pass. */
  sent: string[];
  /** Watchers whose changes wait (batch window, or outside working hours). */
  held: string[];
  dropped: number;
  failed: string[];
}

export async function deliverWatchMessages(
  ctx: AppContext,
  client: WebClient,
  settings: WatchMessageSettings = defaultWatchMessageSettings,
  warn: (message: string) => void = () => undefined,
): Promise<WatchMessageReport> {
  const report: WatchMessageReport = { sent: [], held: [], dropped: 0, failed: [] };
  await queueNotices(ctx.prisma);
  const now = ctx.now();
  const inHours = isWithinWorkingHours(now, settings.hours);
  const ready: string[] = [];
  for (const watcher of await pendingWatchers(ctx.prisma, now)) {
    if (watcher.muted) report.dropped += await dropNotices(ctx.prisma, watcher.userId, now);
    else if (now.getTime() - watcher.latestChange.getTime() < settings.batchMs || (!inHours && !watcher.anyHours)) report.held.push(watcher.userId);
    else ready.push(watcher.userId);
  }
  const claimed = await claimNotices(ctx.prisma, ready, now);
  for (const [userId, changes] of claimed.byWatcher) {
    const message = watchMessage(changes);
    try {
      await client.chat.postMessage({ channel: userId, text: message.text, blocks: message.blocks });
      await markSent(ctx.prisma, claimed.token, ctx.now(), userId);
      report.sent.push(userId);
    } catch (error) {
      await releaseClaim(ctx.prisma, claimed.token, userId);
      warn(`Could not message watcher ${userId}: ${error instanceof Error ? error.message : String(error)}`);
      report.failed.push(userId);
    }
  }
  // Claimed rows with nothing to say (their modification went) are done too.
  await markSent(ctx.prisma, claimed.token, ctx.now());
  return report;
}
