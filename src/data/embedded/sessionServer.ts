import type { PGlite } from "@electric-sql/pglite";
import type { Server, Socket } from "node:net";
import {
  BackendReader,
  errorResponse,
  FrontendReader,
  listenChangesIn,
  notificationIn,
  notificationMessage,
  queryMessage,
  quoteIdentifier,
  readyForQueryStatus,
  sqlIn,
  syncMessage,
  type FrontendMessage,
  type Notification,
  type TransactionStatus,
} from "./wire.ts";

// Serves the process's one PGlite session to other processes over the PostgreSQL wire protocol.
//
// PGlite is a single PostgreSQL session, so a connection's statements must never land inside
// somebody else's transaction. A connection therefore takes a *turn*: it holds PGlite's
// transaction mutex — the one that PGlite's own query(), exec() and transaction() take, which is
// all this process's Prisma adapter uses — from its first message until the session is idle
// again (ReadyForQuery "I": after a simple query, after Sync, or after COMMIT/ROLLBACK). A turn
// that goes quiet for too long (a stuck or paused client) is ended and rolled back, so nobody
// can freeze the bot; a connection that drops mid-transaction is rolled back as PostgreSQL would.
//
// Notifications are routed as if every connection were its own session: PGlite hands its own
// listeners only what its own queries raise, and a socket client's commit raises them in that
// client's byte stream. So they are picked out of the stream, given to the in-process listeners
// (the bot's change feed) and to every connection that LISTENs on the channel, and otherwise
// dropped.
//
// @electric-sql/pglite-socket does the framing but queues single messages with PGlite's query
// mutex only, which lets them run inside this process's own transactions, and it leaves
// notifications in whichever stream they were raised in; hence this module.

export interface SessionServerOptions {
  /** How long a connection may keep the session to itself without sending anything. */
  idleTurnLimitMs?: number;
  /** Channels the session keeps listening on for this process, whatever a client UNLISTENs. */
  keepListening?: readonly string[];
  log?: (message: string) => void;
}

export interface SessionServer {
  /** Serves the connections this (listening) server accepts. */
  serve(server: Server): void;
  /** Notifications raised by other processes' commits (PGlite's own listeners don't hear them). */
  onNotification(listener: (notification: Notification) => void): () => void;
  readonly connectionCount: number;
  /**
   * Refuses new connections, ends idle ones, lets busy ones finish their turn for up to graceMs,
   * then ends (and rolls back) the rest.
   */
  close(graceMs: number): Promise<void>;
}

export const DEFAULT_IDLE_TURN_LIMIT_MS = 5_000;

class Connection {
  readonly frontend = new FrontendReader();
  readonly backend = new BackendReader();
  queue: FrontendMessage[] = [];
  readonly listening = new Set<string>();
  /** ReadyForQuery's status after this connection's last settled message. */
  status: TransactionStatus = "I";
  /** Whether the last message was answered with ReadyForQuery (not mid extended-query). */
  settled = true;
  /** Set while this connection holds the session; calling it hands the session back. */
  releaseTurn: (() => void) | null = null;
  pumping = false;
  closed = false;
  cleanedUp = false;
  changedSettings = false;
  idleTimer: NodeJS.Timeout | undefined;
  readonly finished: Promise<void>;
  finish!: () => void;

  constructor(readonly socket: Socket) {
    this.finished = new Promise((resolve) => (this.finish = resolve));
  }

  get busy(): boolean {
    return this.releaseTurn !== null || this.queue.length > 0 || this.pumping;
  }
}

const SETTING_STATEMENT = /(?:^|;)\s*(?:SET|RESET)\b/i;

/** Sync and a simple Query end an exchange: the session answers ReadyForQuery after them. */
const endsExchange = (bytes: Buffer) => bytes[0] === 0x53 /* S */ || bytes[0] === 0x51; /* Q */

export function createSessionServer(pglite: PGlite, options: SessionServerOptions = {}): SessionServer {
  const idleTurnLimitMs = options.idleTurnLimitMs ?? DEFAULT_IDLE_TURN_LIMIT_MS;
  const log = options.log ?? (() => undefined);
  const connections = new Set<Connection>();
  const inProcessListeners = new Set<(notification: Notification) => void>();
  let closing = false;
  let relistenNeeded = false;

  const stopHearingOwnNotifications = pglite.onNotification((channel, payload) => toSockets({ channel, payload }, null));

  function toSockets(notification: Notification, raisedBy: Connection | null): void {
    for (const connection of connections) {
      if (connection !== raisedBy && connection.listening.has(notification.channel) && !connection.closed) {
        connection.socket.write(notificationMessage(notification));
      }
    }
  }

  function takeTurn(connection: Connection): Promise<void> {
    return new Promise((taken) => {
      void pglite._runExclusiveTransaction(
        () =>
          new Promise<void>((release) => {
            connection.releaseTurn = release;
            taken();
          }),
      );
    });
  }

  function giveTurnBack(connection: Connection): void {
    const release = connection.releaseTurn;
    connection.releaseTurn = null;
    release?.();
  }

  /** Runs one message in the session; returns what goes back to the connection. */
  async function execute(connection: Connection | null, bytes: Buffer): Promise<{ reply: Buffer[]; ready: TransactionStatus | null }> {
    const reply: Buffer[] = [];
    let ready: TransactionStatus | null = null;
    const backend = connection?.backend ?? new BackendReader();
    await pglite.runExclusive(() =>
      pglite.execProtocolRawStream(bytes, {
        onRawData: (chunk) => {
          for (const message of backend.push(chunk)) {
            const notification = notificationIn(message);
            if (notification) {
              for (const listener of inProcessListeners) listener(notification);
              toSockets(notification, connection);
              if (connection?.listening.has(notification.channel)) reply.push(message);
              continue;
            }
            ready = readyForQueryStatus(message) ?? ready;
            reply.push(message);
          }
        },
      }),
    );
    return { reply, ready };
  }

  function noteSessionChanges(connection: Connection, bytes: Buffer): void {
    const sql = sqlIn(bytes);
    if (!sql) return;
    if (SETTING_STATEMENT.test(sql)) connection.changedSettings = true;
    if (!/LISTEN|DISCARD/i.test(sql)) return;
    const change = listenChangesIn(sql);
    for (const channel of change.listen) connection.listening.add(channel);
    if (change.unlisten === "*") connection.listening.clear();
    else for (const channel of change.unlisten) connection.listening.delete(channel);
    if (change.unlisten === "*" || change.unlisten.length > 0) relistenNeeded = true;
  }

  /** After a client's UNLISTEN: the session listens again for this process and the other clients. */
  async function relisten(): Promise<void> {
    if (!relistenNeeded) return;
    relistenNeeded = false;
    const wanted = new Set(options.keepListening ?? []);
    for (const connection of connections) for (const channel of connection.listening) wanted.add(channel);
    for (const channel of wanted) await execute(null, queryMessage(`LISTEN ${quoteIdentifier(channel)}`));
  }

  /** Leaves the session as a new connection would find it: no open transaction, default settings. */
  async function resetSession(connection: Connection): Promise<void> {
    let status: TransactionStatus | null = connection.status;
    if (!connection.settled) {
      // Mid extended-query: ROLLBACK ends the implicit transaction (or is skipped after an
      // error until Sync); Sync must not come first, or it would commit what was executed.
      status = (await execute(null, queryMessage("ROLLBACK"))).ready ?? status;
      status = (await execute(null, syncMessage)).ready ?? status;
    }
    if (status !== "I") await execute(null, queryMessage("ROLLBACK"));
    if (connection.changedSettings) await execute(null, queryMessage("RESET ALL"));
  }

  async function pump(connection: Connection): Promise<void> {
    if (connection.pumping) return;
    connection.pumping = true;
    clearTimeout(connection.idleTimer);
    try {
      while (!connection.closed && connection.queue.length > 0) {
        const message = connection.queue.shift()!;
        if (message.kind === "encryption-request") {
          connection.socket.write("N");
          continue;
        }
        if (message.kind === "cancel-request" || message.kind === "terminate") {
          end(connection);
          break;
        }
        if (closing && message.kind === "startup") {
          end(connection, errorResponse("FATAL", "57P03", "modbot is closing this database; try again in a moment"));
          break;
        }
        if (!connection.releaseTurn) await takeTurn(connection);
        if (connection.closed) break;
        // What the client sent in one go up to its Sync (Parse, Bind, Describe, Execute, Sync)
        // runs as one call into PGlite, which takes a batch of messages as a socket would.
        const batch = [message.bytes];
        while (!endsExchange(batch.at(-1)!) && connection.queue[0]?.kind === "message") {
          batch.push((connection.queue.shift() as { bytes: Buffer }).bytes);
        }
        const { reply, ready } = await execute(connection, batch.length === 1 ? message.bytes : Buffer.concat(batch));
        for (const bytes of batch) noteSessionChanges(connection, bytes);
        connection.settled = ready !== null;
        if (ready) connection.status = ready;
        if (reply.length > 0 && !connection.closed) connection.socket.write(Buffer.concat(reply));
        if (connection.settled && connection.status === "I") {
          await relisten();
          giveTurnBack(connection);
          if (closing && connection.queue.length === 0) end(connection);
        }
      }
      if (connection.closed) await cleanUp(connection);
    } catch (error) {
      log(`modbot: a connection to the embedded database failed: ${(error as Error).message}`);
      end(connection);
      await cleanUp(connection).catch((cleanupError: Error) => log(`modbot: could not reset the session: ${cleanupError.message}`));
    } finally {
      connection.pumping = false;
    }
    if (!connection.closed && connection.releaseTurn && connection.queue.length === 0) {
      connection.idleTimer = setTimeout(() => {
        log(`modbot: ended a connection that kept the embedded database to itself for ${idleTurnLimitMs} ms without a word`);
        end(
          connection,
          errorResponse(
            "FATAL",
            "25P03",
            `terminating connection: it held the embedded database for ${idleTurnLimitMs / 1000} s without sending anything, which blocks the bot`,
          ),
        );
      }, idleTurnLimitMs);
    }
  }

  async function cleanUp(connection: Connection): Promise<void> {
    if (connection.cleanedUp) return;
    connection.cleanedUp = true;
    try {
      connection.listening.clear();
      const needsSession = !connection.settled || connection.status !== "I" || connection.changedSettings;
      if (needsSession) {
        if (!connection.releaseTurn) await takeTurn(connection);
        await resetSession(connection);
      }
      if (connection.releaseTurn) await relisten();
    } finally {
      giveTurnBack(connection);
      connection.finish();
    }
  }

  function end(connection: Connection, farewell?: Buffer): void {
    if (connection.closed) return;
    connection.closed = true;
    clearTimeout(connection.idleTimer);
    connection.queue = [];
    connections.delete(connection);
    if (farewell && connection.socket.writable) connection.socket.end(farewell);
    else connection.socket.destroy();
    void pump(connection);
  }

  function accept(socket: Socket): void {
    const connection = new Connection(socket);
    if (closing) {
      socket.end(errorResponse("FATAL", "57P03", "modbot is closing this database; try again in a moment"));
      connection.finish();
      return;
    }
    connections.add(connection);
    socket.on("data", (chunk) => {
      clearTimeout(connection.idleTimer);
      try {
        connection.queue.push(...connection.frontend.push(chunk));
      } catch (error) {
        end(connection, errorResponse("FATAL", "08P01", (error as Error).message));
        return;
      }
      void pump(connection);
    });
    socket.on("error", () => end(connection));
    socket.on("close", () => end(connection));
  }

  return {
    serve(server) {
      server.on("connection", accept);
    },
    onNotification(listener) {
      inProcessListeners.add(listener);
      return () => void inProcessListeners.delete(listener);
    },
    get connectionCount() {
      return connections.size;
    },
    async close(graceMs) {
      closing = true;
      const all = [...connections];
      for (const connection of all) if (!connection.busy) end(connection);
      const ended = Promise.all(all.map((connection) => connection.finished));
      const graceOver = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref());
      if ((await Promise.race([ended, graceOver])) === "timeout") {
        for (const connection of connections) {
          end(connection, errorResponse("FATAL", "57P01", "terminating connection: modbot is closing this database"));
        }
        await ended;
      }
      stopHearingOwnNotifications();
    },
  };
}
