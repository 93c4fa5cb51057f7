import { PrismaClient } from "./generated/prisma/client.ts";
import type { ChangeFeed } from "./changeFeed.ts";
import { openEmbeddedDatabase } from "./embedded/embeddedDatabase.ts";
import type { MigrationResult } from "./migrate.ts";
import { openPgDatabase } from "./pgDatabase.ts";

export type { PrismaClient };

export type DatabaseTarget =
  | { kind: "server"; url: string }
  /** `dataDir` is a folder, or "memory://" for a throwaway database (tests, benchmarks). */
  | { kind: "embedded"; dataDir: string };

export interface Database {
  readonly prisma: PrismaClient;
  readonly target: DatabaseTarget;
  /** Whether what was read earlier may be stale (for read caches). */
  readonly changes: ChangeFeed;
  /** The migrations that opening applied, and those it found applied. */
  readonly migrations: MigrationResult;
  /**
   * Set when the embedded database is reached through the process that holds its directory
   * (named as `describeHolder` names it), rather than opened by this one.
   */
  readonly reachedThrough?: string;
  /** True when the database answers a trivial query (for /healthz). */
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * For an embedded directory another process holds: "share" (the default) goes through that
   * process; "own" refuses (DataDirInUseError), for the bot itself.
   */
  access?: "share" | "own";
  /** How this process is named to others that find the directory in use (default: its command line). */
  holderName?: string;
}

export function databaseTargetFrom(settings: { databaseUrl?: string; dataDir: string }): DatabaseTarget {
  return settings.databaseUrl
    ? { kind: "server", url: settings.databaseUrl }
    : { kind: "embedded", dataDir: settings.dataDir };
}

/** Opens the database and brings its schema up to date (migrations are applied on every open). */
export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  if (target.kind === "embedded") return openEmbeddedDatabase(target, options);
  // Replicas starting together take turns under an advisory lock to migrate.
  return openPgDatabase(target, { connectionString: target.url }, { poolSize: 10, serialiseMigrations: true });
}
