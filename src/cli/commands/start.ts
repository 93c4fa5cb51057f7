import { createAppContext } from "../../appContext.ts";
import { readSettings } from "../../config.ts";
import { databaseTargetFrom, openDatabase } from "../../data/database.ts";
import { createScheduler } from "../../jobs/scheduler.ts";
import { createSlackApp } from "../../slack/app.ts";
import { describeTarget } from "./describeTarget.ts";
import type { CliCommand } from "./types.ts";

export const start: CliCommand = {
  name: "start",
  usage: "start",
  summary: "Run the bot (Socket Mode with SLACK_APP_TOKEN, otherwise HTTP on PORT)",
  async run() {
    const settings = readSettings();
    const target = databaseTargetFrom(settings);
    // The bot must hold an embedded directory itself; CLI commands then go through it.
    const db = await openDatabase(target, { access: "own", holderName: "modbot start" });
    const ctx = createAppContext({ prisma: db.prisma, initialAdmins: settings.initialAdmins, changes: db.changes });
    const slack = createSlackApp({
      ctx,
      botToken: settings.slack.botToken,
      signingSecret: settings.slack.signingSecret,
      appToken: settings.slack.appToken,
      healthPort: settings.port,
      apiUrl: settings.slack.apiUrl,
      isHealthy: db.isHealthy,
      logLevel: settings.logLevel,
    });
    const { port } = await slack.start(settings.port);
    const mode = settings.slack.appToken ? "Socket Mode" : `HTTP on port ${port} (POST /slack/events, GET /healthz)`;
    console.log(`modbot is running: ${mode}; ${describeTarget(target)}.`);
    const scheduler = createScheduler({ ctx, client: slack.app.client, nudges: settings.nudges, logger: slack.app.logger });
    scheduler.start();
    const shutdown = async (signal: string) => {
      console.log(`modbot: ${signal}, stopping.`);
      await scheduler.stop().catch(() => undefined);
      await slack.stop().catch(() => undefined);
      await db.close();
      process.exit(0);
    };
    process.once("SIGINT", () => void shutdown("SIGINT"));
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
    return 0;
  },
};
