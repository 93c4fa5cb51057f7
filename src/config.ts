import { z } from "zod";
import { parseWorkingHours, type WorkingHours } from "./domain/workingHours.ts";

// Settings are read and validated once, at start-up; a missing or malformed one stops the
// process with a message that names it.

const slackUserIds = z
  .string()
  .transform((value) => value.split(",").map((id) => id.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]+$/, "Slack user ids look like U012ABCDEF")));

const settingsSchema = z.object({
  SLACK_BOT_TOKEN: z.string().startsWith("xoxb-", "a bot token starts with xoxb-"),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().startsWith("xapp-", "an app-level token starts with xapp-").optional(),
  SLACK_API_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "a PostgreSQL URL starts with postgresql://")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  MODBOT_ADMINS: slackUserIds.default([]),
  MODBOT_TIMEZONE: z.string().default("Europe/London"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  MODBOT_METRICS: z.enum(["loopback", "public"], { error: "loopback (the default) or public" }).default("loopback"),
  MODBOT_METRICS_TOKEN: z.string().min(16, "use at least 16 characters").optional(),
  MODBOT_DRAIN_SECONDS: z.coerce.number().min(0).max(30).default(2),
  MODBOT_DM_HOURS: z
    .string()
    .default("08:00-18:00")
    .transform((text, context) => {
      const hours = parseWorkingHours(text);
      if (!hours) context.addIssue({ code: "custom", message: 'London hours when direct messages may arrive, e.g. "08:00-18:00"' });
      return hours ?? z.NEVER;
    }),
  MODBOT_DM_BATCH_MINUTES: z.coerce.number().min(0).max(120).default(3),
  MODBOT_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "a web address like https://modbot.example.com" })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  MODBOT_PUBLISH_REGISTER: z.enum(["yes", "no"], { error: "yes or no (the default: this machine only)" }).default("no"),
  ...nudgeFields(),
});

/** Shared by readSettings and readNudgeSettings (the CLI previews need no Slack credentials). */
function nudgeFields() {
  return {
    MODBOT_NUDGE_WARN_WD: z
      .string()
      .regex(/^\d+(\s*,\s*\d+)*$/, 'working days before the target, e.g. "3" or "5,1"')
      .transform((text) => text.split(",").map((n) => Number(n.trim())).filter((n) => n > 0))
      .default([]),
    MODBOT_NUDGE_CONTACT: z
      .string()
      .regex(/^[SUW][A-Z0-9]+$/, "a Slack user group id (S012AB) or user id (U012AB)")
      .optional(),
  };
}

export interface NudgeSettings {
  /** Also nudge this many working days before the target (MODBOT_NUDGE_WARN_WD). */
  warnWorkingDaysBefore: readonly number[];
  /** Who a nudge mentions when the assessment names no contact (MODBOT_NUDGE_CONTACT). */
  defaultContact?: string;
}

export type RawSettings = z.infer<typeof settingsSchema>;

export interface Settings {
  slack: {
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
  };
  port: number;
  databaseUrl?: string;
  dataDir: string;
  initialAdmins: string[];
  timezone: string;
  logLevel: RawSettings["LOG_LEVEL"];
  /** Who may read GET /metrics besides loopback callers. */
  metrics: { public: boolean; token?: string };
  /** On SIGTERM, how long /healthz says 503 while requests are still served, so a load balancer drains. */
  drainSeconds: number;
  nudges: NudgeSettings;
  /** Watchers' direct messages: London hours on SEC working days, and the batching window. */
  watchMessages: { hours: WorkingHours; batchMs: number };
  /** The public Modification Register: who may read it, and the address it is reached at. */
  web: { publish: boolean; publicUrl?: string };
}

export class SettingsError extends Error {}

function problemsWith(issues: z.core.$ZodIssue[], raw: Record<string, string>): string {
  const problems = issues.map((issue) => {
    const name = issue.path.join(".");
    return name in raw ? `${name}: ${issue.message}` : `${name} is not set`;
  });
  return `modbot cannot start:\n  - ${problems.join("\n  - ")}`;
}

/** Blank values count as unset, so `FOO= npm start` behaves like leaving FOO out. */
function withoutBlanks(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]?.trim()));
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const raw = withoutBlanks(env);
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) throw new SettingsError(problemsWith(parsed.error.issues, raw));
  const s = parsed.data;
  if (!s.SLACK_APP_TOKEN && !s.SLACK_SIGNING_SECRET) {
    throw new SettingsError(
      "modbot cannot start:\n  - SLACK_SIGNING_SECRET is not set (needed for HTTP mode; set SLACK_APP_TOKEN instead for Socket Mode)",
    );
  }
  return {
    slack: {
      botToken: s.SLACK_BOT_TOKEN,
      signingSecret: s.SLACK_SIGNING_SECRET,
      appToken: s.SLACK_APP_TOKEN,
      apiUrl: s.SLACK_API_URL && (s.SLACK_API_URL.endsWith("/") ? s.SLACK_API_URL : `${s.SLACK_API_URL}/`),
    },
    port: s.PORT,
    databaseUrl: s.DATABASE_URL,
    dataDir: s.DATA_DIR,
    initialAdmins: s.MODBOT_ADMINS,
    timezone: s.MODBOT_TIMEZONE,
    logLevel: s.LOG_LEVEL,
    metrics: { public: s.MODBOT_METRICS === "public", token: s.MODBOT_METRICS_TOKEN },
    drainSeconds: s.MODBOT_DRAIN_SECONDS,
    nudges: { warnWorkingDaysBefore: s.MODBOT_NUDGE_WARN_WD, defaultContact: s.MODBOT_NUDGE_CONTACT },
    watchMessages: { hours: s.MODBOT_DM_HOURS as WorkingHours, batchMs: s.MODBOT_DM_BATCH_MINUTES * 60_000 },
    web: { publish: s.MODBOT_PUBLISH_REGISTER === "yes", publicUrl: s.MODBOT_PUBLIC_URL },
  };
}

export function readNudgeSettings(env: NodeJS.ProcessEnv = process.env): NudgeSettings {
  const raw = withoutBlanks(env);
  const parsed = z.object(nudgeFields()).safeParse(raw);
  if (!parsed.success) throw new SettingsError(problemsWith(parsed.error.issues, raw));
  return { warnWorkingDaysBefore: parsed.data.MODBOT_NUDGE_WARN_WD, defaultContact: parsed.data.MODBOT_NUDGE_CONTACT };
}

/** The database settings alone, for CLI commands that need no Slack credentials (migrate, import). */
export function readDatabaseSettings(env: NodeJS.ProcessEnv = process.env): Pick<Settings, "databaseUrl" | "dataDir"> {
  const parsed = settingsSchema.pick({ DATABASE_URL: true, DATA_DIR: true }).safeParse(withoutBlanks(env));
  if (!parsed.success) {
    throw new SettingsError(`modbot: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return { databaseUrl: parsed.data.DATABASE_URL, dataDir: parsed.data.DATA_DIR };
}
