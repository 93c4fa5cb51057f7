import { LogLevel, type Logger as BoltLogger } from "@slack/logger";
import { pino, type DestinationStream, type Logger } from "pino";
import type PinoPretty from "pino-pretty";
import { onFirstUse } from "../onFirstUse.ts";

// One logger for the whole process: JSON lines (one object per line, for whatever collects the
// logs) or, on a terminal, pino-pretty's coloured lines. Every line passes through `redact`
// before it is written, so a token, the signing secret or a database password that ends up in a
// message or a stack trace (pg puts connection strings in some errors) never reaches the log.

export type { Logger };
export type LogLevelName = "debug" | "info" | "warn" | "error" | "silent";

export interface LoggerOptions {
  level?: LogLevelName;
  /** Exact values never to write: the bot token, the signing secret, the app token, DATABASE_URL. */
  secrets?: readonly (string | undefined)[];
  /** Human-readable lines instead of JSON; defaults to whether stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go; stdout by default (tests pass a stream to read them). */
  destination?: DestinationStream;
}

const pinoPretty = onFirstUse<typeof PinoPretty>("pino-pretty");
const TOKEN = /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/g;
// postgresql://user:password@host → postgresql://user:***@host
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/@\s"]+):[^@\s"]+@/gi;

/** The line with every secret and anything shaped like a token or a URL password masked. */
export function redactSecrets(line: string, secrets: readonly string[]): string {
  let out = line.replace(TOKEN, (token) => `${token.slice(0, token.indexOf("-") + 1)}***`).replace(URL_PASSWORD, "$1:***@");
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("***");
  return out;
}

/** Secret values worth masking: the whole setting and, for a URL, its password on its own. */
function secretValues(values: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    if (!value) continue;
    out.push(value);
    try {
      const password = new URL(value).password;
      if (password) out.push(decodeURIComponent(password), password);
    } catch {
      // not a URL
    }
  }
  // Longest first, so a URL is masked whole before its password is looked for.
  return [...new Set(out)].sort((a, b) => b.length - a.length);
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = secretValues(options.secrets ?? []);
  const usePretty = options.pretty ?? (!options.destination && process.stdout.isTTY === true);
  const destination =
    options.destination ??
    (usePretty
      ? pinoPretty()({ colorize: true, sync: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" })
      : pino.destination({ dest: 1, sync: false }));
  return pino(
    {
      level: options.level ?? "info",
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: (line) => redactSecrets(line, secrets) },
    },
    destination,
  );
}

/** A logger that writes nothing (tests, the console). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}

const boltLevels: Record<string, LogLevel> = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR };

/**
 * Bolt's Logger interface, written through pino: Bolt's own messages (and the Web API client's,
 * which shares it) become JSON lines like ours. An Error among the arguments becomes `err`, so
 * its stack is one field of one line.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const write = (level: "debug" | "info" | "warn" | "error") => (...args: unknown[]) => {
    if (!logger.isLevelEnabled(level)) return;
    const err = args.find((arg): arg is Error => arg instanceof Error);
    const text = args
      .filter((arg) => arg !== err)
      .map((arg) => (typeof arg === "string" ? arg : safeJson(arg)))
      .join(" ");
    if (err) logger[level]({ err }, text || err.message);
    else logger[level](text);
  };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    setLevel() {
      // LOG_LEVEL decides: Bolt sets its default (info) on the logger it is given, which would
      // otherwise override LOG_LEVEL=error (or silence in tests).
    },
    getLevel: () => boltLevels[logger.level] ?? LogLevel.INFO,
    setName() {},
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
