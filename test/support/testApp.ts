import { createAppContext, type AppContext } from "../../src/appContext.ts";
import type { Database } from "../../src/data/database.ts";
import { createSlackApp } from "../../src/slack/app.ts";
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
import { createTestDatabase, type DatabaseKind } from "./testDatabase.ts";

// The real app on a real database, driven over HTTP with signed requests as Slack would, with
// a fake Slack Web API on loopback standing in only for Slack itself.

export interface TestApp {
  url: string;
  slack: FakeSlack;
  db: Database;
  ctx: AppContext;
  /** The server database's URL, for a second instance; undefined when embedded. */
  databaseUrl?: string;
  command(text: string, options?: SignedRequestOptions & { userId?: string; channelId?: string }): Promise<SlackResponse>;
  action(
    args: Omit<Parameters<typeof blockActionPayload>[0], "responseUrl">,
    options?: SignedRequestOptions,
  ): Promise<SlackResponse>;
  submitView(args: Parameters<typeof viewSubmissionPayload>[0], options?: SignedRequestOptions): Promise<SlackResponse>;
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
}

export const seedReportNow = () => new Date("2019-10-01T11:00:00Z");

export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const slack = await startFakeSlack();
  const testDatabase = await createTestDatabase(options.database);
  const { db } = testDatabase;
  await options.seed?.(db);
  const ctx = createAppContext({
    prisma: db.prisma,
    now: options.now ?? seedReportNow,
    initialAdmins: options.admins ?? ["UADMIN"],
    changes: db.changes,
  });
  const app = createSlackApp({
    ctx,
    botToken: "xoxb-test-token",
    signingSecret: TEST_SIGNING_SECRET,
    apiUrl: slack.apiUrl,
    isHealthy: db.isHealthy,
    processBeforeResponse: true,
    logLevel: "error",
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
      postSigned(url, slashCommandBody({ text, responseUrl: slack.responseUrl, userId: opts.userId, channelId: opts.channelId }), opts),
    action: (args, opts) => postSigned(url, interactionBody(blockActionPayload({ ...args, responseUrl: slack.responseUrl })), opts),
    submitView: (args, opts) => postSigned(url, interactionBody(viewSubmissionPayload(args)), opts),
    async close() {
      await app.stop();
      await testDatabase.dispose();
      await slack.close();
    },
  };
}

/** The text a person reads in a Slack answer (the console's Block Kit renderer, without styling). */
export function readableText(message: { text?: string; blocks?: unknown[] }): string {
  return messageText(message);
}
