import { unheardChanges, type ChangeFeed } from "./data/changeFeed.ts";
import type { PrismaClient } from "./data/database.ts";
import { createReadCache, type ReadCache } from "./data/readCache.ts";
import { todayInLondon } from "./domain/calendarDate.ts";

// What every listener, command and job needs: the database and the clock. The clock is
// injected so tests, the console's --as-of and the scheduler can run the bot on any day.
export interface AppContext {
  prisma: PrismaClient;
  now(): Date;
  /** Today's calendar date in Europe/London, as UTC midnight (how @db.Date values come back). */
  today(): Date;
  /** Slack user ids that are administrators without being granted the role (MODBOT_ADMINS). */
  initialAdmins: readonly string[];
  /** Whether the register changed; writes call changes.noteLocalWrite() after they commit. */
  changes: ChangeFeed;
  /** Reads that /mod status serves from memory while the register has not changed. */
  cache: ReadCache;
  /** MODBOT_PUBLIC_URL: where the register pages are reached; references link to them when set. */
  publicUrl?: string;
}

export function createAppContext(options: {
  prisma: PrismaClient;
  now?: () => Date;
  initialAdmins?: readonly string[];
  /** The database's change feed; without one nothing is cached. */
  changes?: ChangeFeed;
  publicUrl?: string;
}): AppContext {
  const now = options.now ?? (() => new Date());
  const changes = options.changes ?? unheardChanges;
  return {
    prisma: options.prisma,
    now,
    today: () => todayInLondon(now()),
    initialAdmins: options.initialAdmins ?? [],
    changes,
    cache: createReadCache(changes),
    publicUrl: options.publicUrl,
  };
}
