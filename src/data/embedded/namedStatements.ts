import { parse, protocol, type PGlite, type QueryOptions, type Results } from "@electric-sql/pglite";
import { isRepeatedKind, MAX_NAMED_STATEMENTS, STATEMENT_NAME_PREFIX } from "../statementNames.ts";

// PGlite's query() only ever uses the unnamed statement, so PostgreSQL parses and plans every
// statement again (see statementNames.ts for what that costs a status card). Here Prisma's
// statements are prepared under a name the first time they are seen and bound by name after
// that, as pg does for named queries on a server; the least recently used is closed to keep
// at most MAX_NAMED_STATEMENTS.
//
// Named statements belong to the session, and other processes share this one through the socket
// (sessionServer.ts). They never name statements (pgDatabase.ts), so only a client's DISCARD ALL
// or DEALLOCATE can take ours away: that is heard as "does not exist", and the statement is
// prepared again.

/** SQLSTATE invalid_sql_statement_name: the statement is gone (DISCARD ALL, DEALLOCATE). */
const STATEMENT_GONE = "26000";
/** SQLSTATE feature_not_supported, raised when a migration changed what a prepared query returns. */
const RESULT_TYPE_CHANGED = "0A000";

interface Prepared {
  name: string;
  paramTypes: number[];
}

export interface NamedStatements {
  /** Whether query() names this statement; anything else is left to PGlite's own query() (DDL, COPY, a closed database). */
  names(sql: string, options?: QueryOptions): boolean;
  /**
   * What PGlite's query() would answer. `inTransaction`: called from inside a PGlite transaction,
   * which already holds the session; otherwise this waits for the session as query() does.
   */
  query<T>(sql: string, params: unknown[] | undefined, options: QueryOptions | undefined, inTransaction: boolean): Promise<Results<T>>;
  /** How many statements are prepared now. */
  size(): number;
}

export function namedStatements(db: PGlite, max = MAX_NAMED_STATEMENTS): NamedStatements {
  // Map order is the order of last use: the first entry is the one to close.
  const prepared = new Map<string, Prepared>();
  let sequence = 0;

  async function prepare(sql: string): Promise<Prepared> {
    const closing: Uint8Array[] = [];
    while (prepared.size >= max) {
      const [oldestSql, oldest] = prepared.entries().next().value!;
      prepared.delete(oldestSql);
      closing.push(protocol.serialize.close({ type: "S", name: oldest.name }));
    }
    const name = `${STATEMENT_NAME_PREFIX}${++sequence}`;
    const messages = await db.execProtocolStream(
      Buffer.concat([...closing, protocol.serialize.parse({ name, text: sql }), protocol.serialize.describe({ type: "S", name }), protocol.serialize.sync()]),
      { syncToFs: false },
    );
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
    prepared.set(sql, statement);
    return statement;
  }

  async function run<T>(sql: string, params: unknown[], options: QueryOptions | undefined): Promise<Results<T>> {
    let statement = prepared.get(sql);
    if (statement) {
      prepared.delete(sql);
      prepared.set(sql, statement);
    } else {
      statement = await prepare(sql);
    }
    const { paramTypes } = statement;
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = options?.serializers?.[paramTypes[i]!] ?? db.serializers[paramTypes[i]!];
      return serializer ? serializer(value) : String(value);
    });
    const messages = await db.execProtocolStream(
      Buffer.concat([
        protocol.serialize.bind({ statement: statement.name, values }),
        protocol.serialize.describe({ type: "P" }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]),
      { syncToFs: false },
    );
    return parse.parseResults(messages, db.parsers, options)[0] as Results<T>;
  }

  /** Runs once more after the session lost the statement or its plan, when nothing else is at stake (outside a transaction). */
  async function runAgainIfLost<T>(sql: string, params: unknown[], options: QueryOptions | undefined, retry: boolean): Promise<Results<T>> {
    try {
      return await run<T>(sql, params, options);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === STATEMENT_GONE) prepared.clear();
      else if (code === RESULT_TYPE_CHANGED && prepared.has(sql)) await forget(sql);
      else throw error;
      if (!retry) throw error;
      return run<T>(sql, params, options);
    }
  }

  async function forget(sql: string): Promise<void> {
    const statement = prepared.get(sql)!;
    prepared.delete(sql);
    await db.execProtocolStream(Buffer.concat([protocol.serialize.close({ type: "S", name: statement.name }), protocol.serialize.sync()]), { syncToFs: false });
  }

  return {
    names: (sql, options) => isRepeatedKind(sql) && !db.closed && !options?.blob,
    async query<T>(sql: string, params: unknown[] = [], options: QueryOptions | undefined, inTransaction: boolean) {
      // A lost statement fails the transaction it was in, as any error there does.
      if (inTransaction) return db.runExclusive(() => runAgainIfLost<T>(sql, params, options, false));
      return db._runExclusiveTransaction(() =>
        db.runExclusive(async () => {
          const results = await runAgainIfLost<T>(sql, params, options, true);
          await db.syncToFs();
          return results;
        }),
      );
    },
    size: () => prepared.size,
  };
}
