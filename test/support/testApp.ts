import { createAppContext, type AppContext } from "../../src/appContext.ts";
import type { Database } from "../../src/data/database.ts";
import type { ChangeFeed } from "../../src/data/changeFeed.ts";
import { Writable } from "node:stream";
import { createFailureLog } from "../../src/observability/failures.ts";
import { createLogger } from "../../src/observability/logger.ts";
import { createMetrics } from "../../src/observability/metrics.ts";
import { createSlackApp, type SlackApp } from "../../src/slack/app.ts";
import type { WebOptions } from "../../src/web/routes.ts";
import { messageText } from "../../src/slack/render/blockKitText.ts";
import { startFakeSlack, type FakeSlack } from "./fakeSlack.ts";
import {
  blockActionPayload,
  interactionBody,
  postSigned,
  slashCommandBody,
  TEST_SIGNING_SECRET,
  viewSubmissionPayload,
  type SignedRequestOptions,
  type SlackResponse,
} from "./slackRequests.ts";
import { openDatabase } from "../../src/data/database.ts";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "./testDatabase.ts";

// The real app on a real database, driven over HTTP with signed requests as Slack would, with
// a fake Slack Web API on loopback standing in only for Slack itself.

export interface TestApp {
  url: string;
  slack: FakeSlack;
  db: Database;
  ctx: AppContext;
  /** The server database's URL, for a second instance; undefined when embedded. */
  databaseUrl?: string;
  /** `text` as typed in Slack (see SlashCommandFields.text); sent the way Slack sends it, escaped. */
  command(text: string, options?: SignedRequestOptions & { userId?: string; channelId?: string; typedLiterally?: boolean }): Promise<SlackResponse>;
  action(
    args: Omit<Parameters<typeof blockActionPayload>[0], "responseUrl">,
    options?: SignedRequestOptions,
  ): Promise<SlackResponse>;
  submitView(args: Parameters<typeof viewSubmissionPayload>[0], options?: SignedRequestOptions): Promise<SlackResponse>;
  /** Every line the app logged (JSON, parsed), when started with captureLogs. */
  logs: Record<string, any>[];
  slackApp: SlackApp;
  close(): Promise<void>;
}

export interface TestAppOptions {
  database: DatabaseKind;
  /**
   * The bot's clock; defaults to 1 Oct 2019. The seed's figures "as at the end of September"
   * (89, 45, 65 WD) are the durations counted through 1 Oct 2019 with the accepted day as day 1.
   */
  now?: () => Date;
  admins?: string[];
  /** Runs against the fresh database before the app starts (load a register, grant roles). */
  seed?: (db: Database) => Promise<void>;
  /** A PostgreSQL server database of the test's own (a killable cluster) instead of `database`. */
  serverUrl?: string;
  /** Keep the app's log lines (from info up) in `logs` instead of printing errors. */
  captureLogs?: boolean;
  /** The public register pages' settings (MODBOT_PUBLISH_REGISTER, MODBOT_PUBLIC_URL). */
  web?: WebOptions;
  /** A change feed of the test's own instead of the database's (closed with the app), e.g. one whose socket it watches. */
  changeFeed?: (databaseUrl: string | undefined) => Promise<ChangeFeed>;
  /**
   * true (the default): the HTTP response waits for the listener, so a test sees everything done.
   * false: as in production, the response goes out at ack() and post-ack work carries on.
   */
  processBeforeResponse?: boolean;
}

/** A logger, metrics and failure log whose lines are kept in `lines` (parsed JSON). */
export function capturingOperations(secrets: string[] = []) {
  const lines: Record<string, any>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger({ level: "info", destination, secrets, pretty: false });
  return { lines, operations: { logger, metrics: createMetrics({ defaultMetrics: false }), failures: createFailureLog(logger) } };
}

export const seedReportNow = () => new Date("2019-10-01T11:00:00Z");

export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const slack = await startFakeSlack();
  const testDatabase = options.serverUrl ? await ownServerDatabase(options.serverUrl) : await createTestDatabase(options.database);
  const { db } = testDatabase;
  await options.seed?.(db);
  const changes = options.changeFeed ? await options.changeFeed(testDatabase.url) : db.changes;
  const ctx = createAppContext({
    prisma: db.prisma,
    now: options.now ?? seedReportNow,
    initialAdmins: options.admins ?? ["UADMIN"],
    changes,
    publicUrl: options.web?.publicUrl,
  });
  const captured = options.captureLogs ? capturingOperations(["xoxb-test-token", TEST_SIGNING_SECRET]) : undefined;
  const app = createSlackApp({
    ctx,
    operations: captured?.operations,
    botToken: "xoxb-test-token",
    signingSecret: TEST_SIGNING_SECRET,
    apiUrl: slack.apiUrl,
    isHealthy: db.isHealthy,
    processBeforeResponse: options.processBeforeResponse ?? true,
    // The suite runs test files in parallel on two cores; an answer that takes 0.8 s there would
    // move to response_url and the test reading the acknowledgement would see nothing. The
    // late path is tested where it matters (silence.test.ts reads either).
    answerInAckWithinMs: 2_000,
    logLevel: "error",
    web: options.web,
  });
  const { port } = await app.start(0);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    slack,
    db,
    ctx,
    databaseUrl: testDatabase.url,
    command: (text, opts = {}) =>
      postSigned(url, slashCommandBody({ text, responseUrl: slack.responseUrl, userId: opts.userId, channelId: opts.channelId, typedLiterally: opts.typedLiterally }), opts),
    action: (args, opts) => postSigned(url, interactionBody(blockActionPayload({ ...args, responseUrl: slack.responseUrl })), opts),
    submitView: (args, opts) => postSigned(url, interactionBody(viewSubmissionPayload(args)), opts),
    logs: captured?.lines ?? [],
    slackApp: app,
    async close() {
      await app.stop();
      if (changes !== db.changes) await changes.close();
      await testDatabase.dispose();
      await slack.close();
    },
  };
}

/** The text a person reads in a Slack answer (the console's Block Kit renderer, without styling). */
export function readableText(message: { text?: string; blocks?: unknown[] }): string {
  return messageText(message);
}

async function ownServerDatabase(url: string): Promise<TestDatabase> {
  const db = await openDatabase({ kind: "server", url });
  return { db, url, dispose: () => db.close() };
}
