// Prepared statements: PostgreSQL parses and plans a statement sent without a name every time it
// runs. For a status card (one SELECT with seven lateral joins) that is most of the read: 1.65 ms
// unnamed against 0.27 ms prepared on the server, 2.0 against 0.3 ms on PGlite (demo register,
// p50). So the statements Prisma repeats are prepared under a name, one name per SQL text.

/** Statements worth preparing: the queries and writes Prisma repeats (not DDL, not transaction control). */
export function isRepeatedKind(sql: string): boolean {
  return /^\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(sql);
}

/** Names given by modbot, for statements kept in a session. */
export const STATEMENT_NAME_PREFIX = "modbot_";

/** How many statements one session keeps prepared. */
export const MAX_NAMED_STATEMENTS = 100;

/**
 * Names for pg's named queries (adapter-pg's statementNameGenerator): a statement is named the
 * second time its text is seen, and only the first `max` so named, because pg keeps a
 * connection's statements for as long as the connection lives and has no way to close one.
 */
export function statementNamer(max = MAX_NAMED_STATEMENTS): (sql: string) => string | undefined {
  const names = new Map<string, string>();
  let seenOnce = new Set<string>();
  return (sql) => {
    const name = names.get(sql);
    if (name || names.size >= max || !isRepeatedKind(sql)) return name;
    if (!seenOnce.has(sql)) {
      // One-off texts (a list of ids of each length) would otherwise pile up here.
      if (seenOnce.size >= 10 * max) seenOnce = new Set();
      seenOnce.add(sql);
      return undefined;
    }
    seenOnce.delete(sql);
    const named = `${STATEMENT_NAME_PREFIX}${names.size + 1}`;
    names.set(sql, named);
    return named;
  };
}
