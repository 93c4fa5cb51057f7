import type { PrismaClient } from "./data/database.ts";
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
}

export function createAppContext(options: {
  prisma: PrismaClient;
  now?: () => Date;
  initialAdmins?: readonly string[];
}): AppContext {
  const now = options.now ?? (() => new Date());
  return {
    prisma: options.prisma,
    now,
    today: () => todayInLondon(now()),
    initialAdmins: options.initialAdmins ?? [],
  };
}
