import { spawn, type ChildProcess } from "node:child_process";
import { modbotBin } from "./cli.ts";
import { interactionBody, postSigned, TEST_SIGNING_SECRET, viewSubmissionPayload } from "./slackRequests.ts";

// `modbot start` as a separate process, as an operator runs it, and the writes Slack would send it.

export interface BotProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  errors(): string;
  /** What it said about itself: how it exited, its stderr and the end of its log (for failure messages). */
  describe(): string;
  /** Its log so far, one parsed JSON line each. */
  logLines(): Record<string, any>[];
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const BOT_ADMIN = "UOPERATOR";

export function botEnvironment(database: { dataDir?: string; databaseUrl?: string }, slackApiUrl: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    DATA_DIR: database.dataDir ?? "./data",
    PORT: "0",
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    MODBOT_ADMINS: BOT_ADMIN,
    // The "HTTP on port N" line that startBot waits for is an info log.
    LOG_LEVEL: "info",
  };
}

export async function startBot(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, [modbotBin, "start"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const port = /HTTP on port (\d+)/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    void exited.then((code) => reject(new Error(`modbot start exited with ${code}: ${output}${stderr}`)));
    // Fails the caller with what the bot said rather than leaving it to a test timeout.
    setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`modbot start printed no "HTTP on port" line within 90 s: ${output.slice(-2000)}${stderr.slice(-2000)}`));
    }, 90_000).unref();
  });
  return {
    url,
    child,
    errors: () => stderr,
    logLines: () =>
      output
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, any>),
    describe: () =>
      `modbot start (pid ${child.pid}, exit ${child.exitCode ?? child.signalCode ?? "still running"}); stderr: ${stderr.slice(-3000)}; log: ${output.slice(-3000)}`,
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** "Raise a Draft Proposal" submitted as Slack sends it; the bot answers after the write commits. */
export function raiseSubmission(title: string, viewId: string): string {
  const text = (value: string) => ({ type: "plain_text_input", value });
  const values: Record<string, Record<string, unknown>> = {
    title: { title: text(title) },
    party: { party: { type: "static_select", selected_option: null } },
    new_party: { new_party: text("Operator Test Energy") },
    new_party_category: { new_party_category: { type: "static_select", selected_option: { value: "OTHER_SEC_PARTY" } } },
    raised_on: { raised_on: text("1 Oct 2019") },
    summary: { summary: text("Written during an operator's test.") },
    path: { path: { type: "static_select", selected_option: { value: "SELF_GOVERNANCE" } } },
  };
  return interactionBody(viewSubmissionPayload({ callbackId: "raise", values, privateMetadata: "{}", userId: BOT_ADMIN, viewId }));
}

/** Submits a raise; true once the bot has confirmed it (the modal turns into its confirmation). */
export async function raise(botUrl: string, title: string, viewId: string): Promise<boolean> {
  try {
    const response = await postSigned(botUrl, raiseSubmission(title, viewId));
    return response.status === 200 && response.json().response_action === "update";
  } catch {
    return false; // the bot went away mid-request: not confirmed
  }
}
