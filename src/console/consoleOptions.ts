import type { PartyCategory, Role } from "../data/roles.ts";
import { londonTimeOn, todayInLondon } from "../domain/calendarDate.ts";
import { categoryLabels } from "../domain/parties.ts";
import { parsePlainDate } from "../domain/plainDates.ts";
import { isVotingGroup } from "../domain/voting.ts";

// `modbot console [--user NAME] [--role ROLE] [--as-of DATE]`, read into what the session needs.

export const CONSOLE_USAGE = "console [--user NAME] [--role ROLE] [--as-of DATE]";

export const CONSOLE_HELP = [
  `Usage: modbot ${CONSOLE_USAGE}`,
  "",
  "  --user NAME    who you are in the console (default Analyst, an administrator); Slack id UCONSOLE<NAME>",
  "  --role ROLE    admin, dcc, viewer or change-board:CATEGORY (e.g. change-board:\"Large Supplier\");",
  "                 the console user holds exactly this role for the session",
  "  --as-of DATE   the bot's clock: noon in London on DATE (\"4 Oct 2019\", 2019-10-04); through npm:",
  "                 npm run console -- --as-of DATE. Default: the demo register's 4 Oct 2019 on the",
  "                 demo register, otherwise today. In the console, clock DATE moves it.",
  "",
  "Uses DATABASE_URL if set, otherwise the embedded database in DATA_DIR (default ./data);",
  "loads the demo register when the database has no modifications.",
].join("\n");

export interface ConsoleOptions {
  user: { id: string; name: string };
  /** Replaces the console user's roles for the session; undefined keeps what the database has. */
  role?: { role: Role; category: PartyCategory | null };
  /** The bot's clock: noon in London on this date; undefined runs on the real clock. */
  asOf?: Date;
}

export const DEFAULT_USER_NAME = "Analyst";

const categoryNames = new Map<string, PartyCategory>(Object.entries({
  large_supplier: "LARGE_SUPPLIER",
  small_supplier: "SMALL_SUPPLIER",
  electricity_network: "ELECTRICITY_NETWORK",
  gas_network: "GAS_NETWORK",
  other_sec_party: "OTHER_SEC_PARTY",
  other: "OTHER_SEC_PARTY",
  dcc: "DCC",
  panel_or_committee: "PANEL_OR_COMMITTEE",
  panel: "PANEL_OR_COMMITTEE",
  committee: "PANEL_OR_COMMITTEE",
} satisfies Record<string, PartyCategory>));

/** The Change Board's voting groups (DCC and Panel/committee don't vote). */
export const CATEGORY_HELP = "Large Supplier, Small Supplier, Electricity Network, Gas Network or Other SEC Party";

/** "Alice Smith" → "UCONSOLEALICESMITH": Slack-like, stable across sessions. */
export function consoleUserId(name: string): string {
  return `UCONSOLE${name.toUpperCase().replace(/[^A-Z0-9]/g, "")}`;
}

export function parseRole(text: string): { ok: true; role: Role; category: PartyCategory | null } | { ok: false; message: string } {
  const [kind, ...rest] = text.trim().split(":");
  const category = rest.join(":").trim();
  switch (kind.trim().toLowerCase()) {
    case "admin":
    case "administrator":
      return { ok: true, role: "ADMIN", category: null };
    case "dcc":
      return { ok: true, role: "DCC", category: null };
    case "viewer":
      return { ok: true, role: "VIEWER", category: null };
    case "change-board":
    case "changeboard":
    case "change_board": {
      if (!category) return { ok: false, message: `--role change-board needs the voting group it votes for, e.g. change-board:"Large Supplier" (${CATEGORY_HELP}).` };
      const found = categoryNames.get(category.toLowerCase().replace(/[\s/-]+/g, "_"));
      if (found && !isVotingGroup(found)) return { ok: false, message: `${categoryLabels[found]} isn't a Change Board voting group. Use one of ${CATEGORY_HELP}.` };
      return found
        ? { ok: true, role: "CHANGE_BOARD", category: found }
        : { ok: false, message: `"${category}" isn't a Change Board voting group. Use one of ${CATEGORY_HELP}.` };
    }
    default:
      return { ok: false, message: `"${text}" isn't a role. Use admin, change-board:CATEGORY, dcc or viewer.` };
  }
}

/** Noon in London on `date`: a time of day on that date whatever the season or server. */
export function noonInLondon(date: Date): Date {
  return londonTimeOn(date, 12);
}

export function parseConsoleArgs(
  args: readonly string[],
  now: Date = new Date(),
): { ok: true; options: ConsoleOptions } | { ok: false; message: string; help?: true } {
  let name: string | undefined;
  let roleText: string | undefined;
  let asOfText: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--help" || args[i] === "-h") return { ok: false, help: true, message: CONSOLE_HELP };
    const [flag, inline] = args[i].includes("=") ? [args[i].slice(0, args[i].indexOf("=")), args[i].slice(args[i].indexOf("=") + 1)] : [args[i], undefined];
    const value = inline ?? args[i + 1];
    if (!["--user", "--role", "--as-of"].includes(flag)) return { ok: false, message: `Unknown option "${args[i]}". Usage: modbot ${CONSOLE_USAGE}` };
    if (value === undefined || value.startsWith("--")) return { ok: false, message: `${flag} needs a value. Usage: modbot ${CONSOLE_USAGE}` };
    if (inline === undefined) i++;
    if (flag === "--user") name = value;
    else if (flag === "--role") roleText = value;
    else asOfText = value;
  }
  const userName = name?.trim() || DEFAULT_USER_NAME;
  if (!/[A-Za-z0-9]/.test(userName)) return { ok: false, message: `--user needs a name with a letter or digit in it, e.g. --user alice.` };
  const options: ConsoleOptions = { user: { id: consoleUserId(userName), name: userName } };
  if (roleText !== undefined) {
    const role = parseRole(roleText);
    if (!role.ok) return role;
    options.role = { role: role.role, category: role.category };
  } else if (name === undefined) {
    // Trying the bot with no flags: the analyst runs the process, so they can do everything.
    options.role = { role: "ADMIN", category: null };
  }
  if (asOfText !== undefined) {
    const date = parsePlainDate(asOfText, { today: todayInLondon(now) });
    if (!date.ok) return { ok: false, message: `--as-of: ${date.message}` };
    options.asOf = date.date;
  }
  return { ok: true, options };
}
