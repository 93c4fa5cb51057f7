import type { WebClient } from "@slack/web-api";
import type { AppContext } from "../appContext.ts";
import { claimNotices, dropNotices, markSent, pendingWatchers, queueEvents, queueNotices, releaseClaim, watchedOpenAssessments } from "../data/watches.ts";
import { assessmentLabel } from "../domain/assessmentEntry.ts";
import { assessmentVerdict, verdictLateness } from "../domain/assessmentTiming.ts";
import { compareDates, formatReportDate, todayInLondon } from "../domain/calendarDate.ts";
import { addWorkingDays } from "../domain/workingDays.ts";
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

/**
 * A DCC assessment crossing its target is no one's write, so no audit entry says it: it is
 * noticed here, from the same verdict as the card, once per watcher — the first working day over
 * the target duration, and the first working day past DCC's revised date. Someone who began
 * watching after it crossed is not told (Home and the card show it).
 */
async function queueCrossings(ctx: AppContext, now: Date): Promise<void> {
  const today = ctx.today();
  const events: Parameters<typeof queueEvents>[1][number][] = [];
  for (const a of await watchedOpenAssessments(ctx.prisma)) {
    const verdict = assessmentVerdict(a, today);
    if (verdict.state !== "in-progress") continue;
    const label = assessmentLabel(a.type, a.sequence);
    const crossings: { key: string; firstLateDay: Date; text: string }[] = [];
    if (verdict.workingDaysOverTarget > 0 && verdict.originalTargetDate) {
      crossings.push({
        key: `over-target:${a.id}:${verdict.targetDurationWd}`,
        firstLateDay: addWorkingDays(verdict.originalTargetDate, 1),
        text: `DCC ${label} went over its ${verdict.targetDurationWd} WD target (due ${formatReportDate(verdict.originalTargetDate)}): ${verdictLateness(verdict)}`,
      });
    }
    if (verdict.workingDaysPastAgreedDate > 0 && verdict.revisedTargetDate) {
      crossings.push({
        key: `past-agreed:${a.id}:${verdict.revisedTargetDate.toISOString().slice(0, 10)}`,
        firstLateDay: addWorkingDays(verdict.revisedTargetDate, 1),
        text: `DCC ${label} passed DCC's revised date ${formatReportDate(verdict.revisedTargetDate)}: ${verdictLateness(verdict)}`,
      });
    }
    for (const crossing of crossings) {
      for (const watcher of a.watchers) {
        if (compareDates(todayInLondon(watcher.since), crossing.firstLateDay) > 0) continue;
        events.push({ userId: watcher.userId, modificationId: a.modificationId, eventKey: crossing.key, event: crossing.text, at: now });
      }
    }
  }
  await queueEvents(ctx.prisma, events);
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
  await queueCrossings(ctx, now);
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
