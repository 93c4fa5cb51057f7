import v8 from "node:v8";
import vm from "node:vm";
import { primeStatusReplies } from "../../../commands/status.ts";
import { createAppContext } from "../../appContext.ts";
import { readSettings } from "../../config.ts";
import { databaseTargetFrom, openDatabase } from "../../data/database.ts";
import { warmModificationCards } from "../../data/modifications.ts";
import { listParties } from "../../data/proposals.ts";
import { todayInLondon } from "../../domain/calendarDate.ts";
import { warmPlainDateParsing } from "../../domain/plainDates.ts";
import { createScheduler } from "../../jobs/scheduler.ts";
import { lateAssessmentCount } from "../../observability/lateAssessments.ts";
import { createOperations } from "../../observability/operations.ts";
import { createSlackApp } from "../../slack/app.ts";
import { rehearseStatusLookups, type Rehearsal } from "../../slack/rehearsal.ts";
import { shutDownOnSignals } from "../gracefulShutdown.ts";
import { describeTarget } from "./describeTarget.ts";
import type { CliCommand } from "./types.ts";

/**
 * A burst of 250 requests keeps its garbage alive long enough to reach V8's old generation, and V8
 * then grows the old generation's limit by its usual factor (up to 4×) after each collection:
 * measured over ten bursts (`npm run bench burst`), the heap reserved went 83 → 228 MB and the
 * process 336 → 506 MB although what was live after a collection stayed ~60–80 MB. Growing the
 * limit by 20% instead: heap 82 → 129 MB, process 329 → 407 MB, latencies within the bench's
 * noise. V8 reads the factor at each collection, so setting it here takes effect; the young
 * generation's size can't be changed once the process runs, so `npm start` passes
 * --max-semi-space-size=8 (with it: 331 → 376 MB).
 */
function keepTheHeapNearWhatIsLive(): void {
  v8.setFlagsFromString("--heap-growing-percent=20");
  collectGarbageNow();
}

/**
 * Until its first full collection V8 lets the old generation fill up to a generous initial
 * limit, and the start itself (loading code, warming) never reaches it. So the first warm burst
 * piled up ~50 MB of garbage before anything collected it (heap 104 MB reserved, 89 used, with
 * 39 MB live; RSS 383 MB against 356 for every later burst). One full collection once the start
 * is done sets the limit from what is live instead. Node offers no call for it but the one
 * --expose-gc defines, which V8 gives to contexts made after the flag is set.
 */
function collectGarbageNow(): void {
  v8.setFlagsFromString("--expose-gc");
  (vm.runInNewContext("gc") as () => void)();
}

export const start: CliCommand = {
  name: "start",
  usage: "start",
  summary: "Run the bot (Socket Mode with SLACK_APP_TOKEN, otherwise HTTP on PORT)",
  help: [
    "Usage: modbot start",
    "  Runs the bot until it is stopped (Ctrl-C or SIGTERM, which drains requests first).",
    "  Needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; with SLACK_APP_TOKEN it uses Socket Mode,",
    "  otherwise HTTP on PORT (default 3000: POST /slack/events, GET /healthz, GET /metrics).",
    "  Database: DATABASE_URL, or the embedded one in DATA_DIR (default ./data). See README.md, Settings.",
  ].join("\n"),
  async run(args) {
    if (args.length) {
      console.error(`modbot start takes no arguments (got "${args.join(" ")}"); its settings are environment variables. modbot start --help says which.`);
      return 2;
    }
    const settings = readSettings();
    const operations = createOperations({
      logLevel: settings.logLevel,
      secrets: [settings.slack.botToken, settings.slack.signingSecret, settings.slack.appToken, settings.databaseUrl, settings.metrics.token],
    });
    const { logger } = operations;
    const target = databaseTargetFrom(settings);
    const loadedAt = performance.now();
    // The bot must hold an embedded directory itself; CLI commands then go through it.
    const opening = openDatabase(target, { access: "own", holderName: "modbot start" });
    // Forms read dates, and chrono's first read in a process costs ~150-400 ms (V8 compiling its
    // regular expressions): warmed after /healthz (at the first quiet moment), a burst arriving
    // with the first requests was answered behind it (measured: 35% of a replica's CPU in the
    // first burst). Warmed here, while the database opens; a failure only leaves the first
    // person to pay.
    try {
      warmPlainDateParsing(todayInLondon());
    } catch (error) {
      logger.warn({ err: error }, "Warming the date parser failed; the first date read will be slower.");
    }
    const parserWarmedAt = performance.now();
    const db = await opening;
    const openedAt = performance.now();
    const ctx = createAppContext({ prisma: db.prisma, initialAdmins: settings.initialAdmins, changes: db.changes, publicUrl: settings.web.publicUrl });
    // The read models are in memory before /healthz says so: the first burst after a start
    // (or a deploy) is answered without queueing on the database.
    const warmed = await warmModificationCards(ctx.prisma, ctx.cache);
    await listParties(ctx);
    await primeStatusReplies(ctx, warmed.references);
    const warmedAt = performance.now();
    // After the start's own allocations (loading code, warming), which would only collect more often.
    // On the server too: with V8's usual growth there, a replica's RSS rose by ~8 MB every burst
    // (188 -> 278 MB over ten) where it stays flat at ~233 MB with this, and neither the cold nor
    // the warm bursts were faster for it (3 runs each). Under a saturating load of cached lookups
    // the usual growth ran fewer full collections (5 in 8 s instead of 40) and answered ~14% more,
    // but a burst never lasts that long.
    keepTheHeapNearWhatIsLive();
    operations.metrics.setProbes({ databaseUp: db.isHealthy, lateAssessments: () => lateAssessmentCount(ctx) });
    let draining = false;
    // Over HTTP on the PostgreSQL server, the first requests are rehearsed before /healthz says
    // healthy (rehearsal.ts says why, and why not on the embedded database).
    let warming = !settings.slack.appToken && target.kind === "server";
    const slack = createSlackApp({
      ctx,
      botToken: settings.slack.botToken,
      signingSecret: settings.slack.signingSecret,
      appToken: settings.slack.appToken,
      healthPort: settings.port,
      apiUrl: settings.slack.apiUrl,
      isHealthy: db.isHealthy,
      isDraining: () => draining,
      isWarming: () => warming,
      operations,
      metricsAccess: settings.metrics,
      web: settings.web,
    });
    const { port } = await slack.start(settings.port);
    const listenedAt = performance.now();
    let rehearsal: Rehearsal | undefined;
    if (warming) {
      // A rehearsal that fails only leaves the first burst slower; it must not stop the bot.
      rehearsal = await rehearseStatusLookups({ eventsUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: settings.slack.signingSecret!, references: warmed.references }).catch(
        (error: unknown) => (logger.warn({ err: error }, "Rehearsing the first requests failed; the first burst will be slower."), undefined),
      );
      if (rehearsal && rehearsal.answered < rehearsal.sent) logger.warn({ rehearsal }, "Some rehearsed status lookups were not answered with a status card.");
      warming = false;
    }
    const mode = settings.slack.appToken ? "Socket Mode" : `HTTP on port ${port} (POST /slack/events, GET /healthz, GET /metrics, GET /register)`;
    // Where a slow start went, for whoever operates it (performance.now() counts from the process's start).
    const startMs = { loadingCode: Math.round(loadedAt), warmingDateParser: Math.round(parserWarmedAt - loadedAt), openingDatabase: Math.round(openedAt - parserWarmedAt), warmingCards: Math.round(warmedAt - openedAt), listening: Math.round(listenedAt - warmedAt), ...(rehearsal ? { rehearsing: rehearsal.ms } : {}) };
    logger.info({ port, database: target.kind, warmedCards: warmed.stored, ...(rehearsal ? { rehearsed: rehearsal.sent } : {}), startMs }, `modbot is running: ${mode}; ${describeTarget(target)}.`);
    const scheduler = createScheduler({
      ctx,
      client: slack.app.client,
      nudges: settings.nudges,
      watchMessages: settings.watchMessages,
      operations,
      requestsInFlight: () => slack.supervision.inFlight(),
    });
    scheduler.start();
    shutDownOnSignals({
      logger,
      startDraining: () => void (draining = true),
      drainMs: settings.drainSeconds * 1000,
      stopListening: () => slack.stop(),
      stopScheduler: () => scheduler.stop(),
      requestsFinished: () => slack.supervision.idle(),
      inFlight: () => slack.supervision.inFlight(),
      closeDatabase: () => db.close(),
      flush: () => {
        operations.failures.flush();
        logger.flush();
      },
    });
    return 0;
  },
};
