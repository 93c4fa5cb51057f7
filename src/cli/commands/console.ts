import { readDatabaseSettings } from "../../config.ts";
import { databaseTargetFrom } from "../../data/database.ts";
import { CONSOLE_HELP, CONSOLE_USAGE, parseConsoleArgs } from "../../console/consoleOptions.ts";
import { runConsole } from "../../console/session.ts";
import { describeTarget } from "./describeTarget.ts";
import type { CliCommand } from "./types.ts";

export const consoleCommand: CliCommand = {
  name: "console",
  usage: CONSOLE_USAGE,
  summary: "Try the bot in the terminal, without a Slack workspace (embedded database, demo register)",
  help: CONSOLE_HELP,
  async run(args) {
    const parsed = parseConsoleArgs(args);
    if (!parsed.ok) {
      if (parsed.help) console.log(parsed.message);
      else console.error(parsed.message);
      return parsed.help ? 0 : 2;
    }
    const settings = readDatabaseSettings();
    const database = databaseTargetFrom(settings);
    console.log(`Opening the database (${describeTarget(database)})…`);
    const code = await runConsole({
      input: process.stdin,
      output: process.stdout,
      dataDir: settings.dataDir,
      database,
      options: parsed.options,
      echo: !process.stdin.isTTY,
      terminal: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      ansi: Boolean(process.stdout.isTTY),
    });
    // Bolt and the database may leave handles open; the session is over, so the process is too.
    await new Promise((resolve) => process.stdout.write("", resolve));
    process.exit(code);
  },
};
