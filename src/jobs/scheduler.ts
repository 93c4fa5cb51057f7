import type { WebClient } from "@slack/web-api";
import { schedule, type ScheduledTask } from "node-cron";
import type { AppContext } from "../appContext.ts";
import { claimRun, findRun, finishRun, reclaimFailedRun, recordSkipped, runsSince, type JobRun } from "../data/jobRuns.ts";
import { PROCESSED_REQUEST_RETENTION_DAYS, pruneProcessedRequests } from "../data/processedRequests.ts";
import { administratorIds, listRunnableSubscriptions, markSubscriptionBroken, subscriptionKindNames } from "../data/subscriptions.ts";
import { parseIsoDate, toIsoDate } from "../domain/calendarDate.ts";
import { silentOperations, type Operations } from "../observability/operations.ts";
import { postDigest, type DigestOutput } from "./digestJob.ts";
import { postNudges, type NudgeOutput, type NudgeSettings } from "./nudgeJob.ts";
import { postScheduledReport, type ReportOutput } from "./reportJob.ts";
import { isStillWorthRunning, jobNameOf, localDateOf, planTick, slotKeyPrefix, type SchedulableSubscription, type Slot } from "./schedule.ts";
import { classifySlackFailure, explainChannelError } from "./slackFailures.ts";
import { defaultWatchMessageSettings, deliverWatchMessages, type WatchMessageSettings } from "./watchMessages.ts";
import { quietMoment } from "./quietMoment.ts";

// The tick loop. Every minute (node-cron) it asks the pure planner which slots fell due since
// each subscription's last recorded run, claims each slot by inserting its job_run row (the
// unique key makes one instance win across replicas and restarts), runs it, and records the
// outcome. Failed runs are retried on later ticks the same day; missed days are recorded as
// skipped. Once a day (the first tick after midnight, London time) it also does the housekeeping,
// claimed the same way. The clock is ctx.now(), so tests drive ticks at any instant without waiting.

export interface SchedulerOptions {
  ctx: AppContext;
  /** The Bolt app's client in production (it waits out rate limits as Slack asks). */
  client: WebClient;
  nudges?: NudgeSettings;
  /** The process's logger, metrics and failure log; without them the scheduler is silent. */
  operations?: Operations;
  /** Attempts per slot before a failed run is left failed. */
  maxAttempts?: number;
  /** Direct messages to watchers: batch window and working hours. */
  watchMessages?: WatchMessageSettings;
  /**
   * How many people's requests are in flight: the minutely tick waits for none (quietMoment.ts).
   * Without it the tick runs on the minute.
   */
  requestsInFlight?: () => number;
}

export interface TickReport {
  /** Keys of the runs this tick did (slots, and the day's housekeeping). */
  ran: string[];
  skipped: string[];
  failed: string[];
  /** Watchers sent a direct message by this tick. */
  messaged: string[];
}

export interface Scheduler {
  /** One pass at ctx.now(); what the minutely cron task calls. */
  tick(): Promise<TickReport>;
  /** Ticks now (catching up on today's missed slots) and then every minute. */
  start(): void;
  stop(): Promise<void>;
}

// How far back a tick looks for slots not yet recorded. A slot older than today is only
// recorded as skipped, so a week is plenty to show an outage in /mod jobs.
const LOOKBACK_MS = 8 * 86_400_000;
const MAX_ATTEMPTS = 5;

const LONDON = "Europe/London";

export const MISSED_REASON = "Missed: modbot was not running at the time, and it was too late to post.";

function toSchedulable(subscription: { id: number; channelId: string; kind: string; schedule: string; timezone: string; createdAt: Date }): SchedulableSubscription {
  return { ...subscription, kind: subscription.kind as SchedulableSubscription["kind"] };
}

function slotFromRun(run: JobRun, subscription: SchedulableSubscription): Slot | null {
  const match = /(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}$/.exec(run.key);
  if (!match) return null;
  return {
    key: run.key,
    job: run.job as Slot["job"],
    subscriptionId: subscription.id,
    channelId: subscription.channelId,
    kind: subscription.kind,
    scheduledFor: run.scheduledFor,
    localDate: parseIsoDate(match[1]),
  };
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { ctx, client } = options;
  const { logger, metrics, failures } = options.operations ?? silentOperations();
  const nudgeSettings = options.nudges ?? { warnWorkingDaysBefore: [] };
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  let task: ScheduledTask | undefined;
  let current: Promise<TickReport> | undefined;
  /** The London date this process last saw housekeeping done (by it or another instance). */
  let housekeptOn: string | undefined;

  async function tellAdministrators(slot: Slot, error: string): Promise<void> {
    const what = subscriptionKindNames[slot.kind];
    const text =
      `⚠️ I couldn't post the ${what} to <#${slot.channelId}>: ${explainChannelError(error)} (\`${error}\`). ` +
      `I've paused that subscription so it doesn't fail every time. To turn it back on, add me to the channel ` +
      `(\`/invite @modbot\`) and run \`/mod subscribe ${jobNameOf(slot.kind)}\` there; ` +
      `\`/mod subscriptions\` lists every subscription.`;
    for (const admin of await administratorIds(ctx)) {
      await client.chat.postMessage({ channel: admin, text }).catch((dmError: unknown) => {
        logger.warn({ surface: `job ${slot.job}`, key: slot.key }, `Could not tell administrator ${admin} about ${slot.key}: ${classifySlackFailure(dmError).error}`);
      });
    }
  }

  /** One log line and one metric per run: surface "job digest", its key, outcome and duration. */
  function finished(slot: { job: string; key: string }, started: number, outcome: "succeeded" | "failed" | "paused", error?: unknown) {
    const seconds = (performance.now() - started) / 1000;
    metrics.observeJobRun(slot.job, outcome, seconds);
    const fields = { surface: `job ${slot.job}`, key: slot.key, durationMs: Math.round(seconds * 1000) };
    if (outcome === "failed") failures.record(fields, error, `${slot.key} failed (it is retried on the next tick)`);
    else logger.info({ ...fields, outcome }, `${slot.key} ${outcome}`);
  }

  async function execute(slot: Slot, progress: unknown): Promise<"succeeded" | "failed"> {
    const started = performance.now();
    try {
      const args = { key: slot.key, channelId: slot.channelId, today: slot.localDate };
      const output =
        slot.kind === "DIGEST"
          ? await postDigest(ctx, client, { ...args, at: ctx.now(), progress: progress as DigestOutput | null })
          : slot.kind === "REPORT"
            ? await postScheduledReport(ctx, client, { ...args, progress: progress as ReportOutput | null })
            : await postNudges(ctx, client, { ...args, settings: nudgeSettings, progress: progress as NudgeOutput | null });
      await finishRun(ctx.prisma, slot.key, { status: "SUCCEEDED", at: ctx.now(), output: { ...output } });
      finished(slot, started, "succeeded");
      return "succeeded";
    } catch (error) {
      const failure = classifySlackFailure(error);
      if (failure.kind === "channel-gone") {
        await finishRun(ctx.prisma, slot.key, { status: "FAILED", at: ctx.now(), error: `${failure.error}: subscription paused, administrators told` });
        if (await markSubscriptionBroken(ctx, slot.subscriptionId, failure.error)) await tellAdministrators(slot, failure.error);
        logger.warn({ surface: `job ${slot.job}`, key: slot.key }, `${slot.key}: ${failure.error}; subscription paused`);
        finished(slot, started, "paused");
      } else {
        await finishRun(ctx.prisma, slot.key, { status: "FAILED", at: ctx.now(), error: failure.error }).catch((recordError: unknown) =>
          logger.warn({ surface: `job ${slot.job}`, key: slot.key, err: recordError }, `${slot.key}: could not record the failure`),
        );
        finished(slot, started, "failed", error);
      }
      return "failed";
    }
  }

  /** Deletes what is no longer needed, once a day across every instance (job_run key housekeeping:DATE). */
  async function housekeeping(now: Date, report: TickReport): Promise<void> {
    const today = toIsoDate(localDateOf(now, LONDON));
    if (housekeptOn === today) return;
    const slot = { key: `housekeeping:${today}`, job: "housekeeping", scheduledFor: now };
    const started = performance.now();
    if (!(await claimRun(ctx.prisma, slot, now))) {
      const run = await findRun(ctx.prisma, slot.key);
      const retry = run?.status === "FAILED" && run.attempts < maxAttempts && (await reclaimFailedRun(ctx.prisma, run, now));
      if (!retry) {
        housekeptOn = today;
        return;
      }
    }
    try {
      const before = new Date(now.getTime() - PROCESSED_REQUEST_RETENTION_DAYS * 86_400_000);
      const deletedRequests = await pruneProcessedRequests(ctx.prisma, before);
      await finishRun(ctx.prisma, slot.key, { status: "SUCCEEDED", at: ctx.now(), output: { deletedRequests } });
      housekeptOn = today;
      report.ran.push(slot.key);
      finished(slot, started, "succeeded");
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finishRun(ctx.prisma, slot.key, { status: "FAILED", at: ctx.now(), error: message }).catch(() => undefined);
      finished(slot, started, "failed", error);
      report.failed.push(slot.key);
    }
  }

  /** Watchers' direct messages; a failure here is logged and never stops the subscriptions' runs. */
  async function watchMessages(report: TickReport): Promise<void> {
    const started = performance.now();
    try {
      const sent = await deliverWatchMessages(ctx, client, options.watchMessages ?? defaultWatchMessageSettings, (message) =>
        logger.warn({ surface: "job watch-messages" }, message),
      );
      report.messaged.push(...sent.sent);
      if (sent.sent.length || sent.failed.length) metrics.observeJobRun("watch-messages", sent.failed.length ? "failed" : "succeeded", (performance.now() - started) / 1000);
    } catch (error) {
      failures.record({ surface: "job watch-messages" }, error, "watchers' direct messages failed (the next tick tries again)");
    }
  }

  async function tickOnce(): Promise<TickReport> {
    const report: TickReport = { ran: [], skipped: [], failed: [], messaged: [] };
    const now = ctx.now();
    await housekeeping(now, report);
    await watchMessages(report);
    const subscriptions = (await listRunnableSubscriptions(ctx.prisma)).map(toSchedulable);
    if (subscriptions.length === 0) return report;
    const recent = await runsSince(ctx.prisma, ["digest", "nudges", "report"], new Date(now.getTime() - LOOKBACK_MS));
    const subscriptionOf = (key: string) => subscriptions.find((s) => key.startsWith(slotKeyPrefix(s.kind, s.channelId)));
    const lastRecorded = new Map<number, Date>();
    for (const run of recent) {
      const subscription = subscriptionOf(run.key);
      if (subscription) lastRecorded.set(subscription.id, run.scheduledFor);
    }

    const plan = planTick({ subscriptions, lastRecorded, now, lookbackMs: LOOKBACK_MS });
    if (plan.missed.length) {
      await recordSkipped(ctx.prisma, plan.missed, now, MISSED_REASON);
      report.skipped.push(...plan.missed.map((slot) => slot.key));
    }

    // Earlier failures first: they were due before anything that falls due now.
    for (const run of recent) {
      if (run.status !== "FAILED" || run.attempts >= maxAttempts) continue;
      const subscription = subscriptionOf(run.key);
      const slot = subscription && slotFromRun(run, subscription);
      if (!slot || !isStillWorthRunning(slot, now, subscription.timezone)) continue;
      if (!(await reclaimFailedRun(ctx.prisma, run, ctx.now()))) continue;
      (await execute(slot, run.output)) === "succeeded" ? report.ran.push(slot.key) : report.failed.push(slot.key);
    }

    for (const slot of plan.due) {
      if (!(await claimRun(ctx.prisma, slot, ctx.now()))) continue;
      (await execute(slot, null)) === "succeeded" ? report.ran.push(slot.key) : report.failed.push(slot.key);
    }
    return report;
  }

  async function tick(): Promise<TickReport> {
    // One pass at a time in this process; other processes are kept apart by the claims.
    while (current) await current.catch(() => undefined);
    current = tickOnce().finally(() => {
      current = undefined;
    });
    return current;
  }

  const safeTick = () =>
    (options.requestsInFlight ? quietMoment({ busy: options.requestsInFlight }) : Promise.resolve(0)).then(tick).then(
      (report) => {
        if (report.skipped.length) logger.info({ surface: "job tick", skipped: report.skipped }, `scheduler: recorded ${report.skipped.length} missed run(s) as skipped`);
      },
      (error: unknown) => {
        metrics.observeJobRun("tick", "failed", 0);
        failures.record({ surface: "job tick" }, error, "scheduler tick failed; the next tick tries again");
      },
    );

  return {
    tick,
    start() {
      if (task) return;
      void safeTick();
      task = schedule("* * * * *", safeTick, { name: "modbot-scheduler", noOverlap: true });
    },
    async stop() {
      const stopping = task;
      task = undefined;
      if (stopping) {
        await stopping.stop();
        await stopping.destroy();
      }
      await current?.catch(() => undefined);
    },
  };
}
