// Just enough of the PostgreSQL wire protocol (v3) to share one embedded session between
// connections: where messages begin and end, when the session is idle again (ReadyForQuery),
// and the notifications that have to be routed to whoever listens for them.
// https://www.postgresql.org/docs/current/protocol-message-formats.html

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

export type FrontendMessage =
  /** SSLRequest or GSSENCRequest: answered "N" (no encryption) without touching the database. */
  | { kind: "encryption-request" }
  | { kind: "cancel-request" }
  | { kind: "startup"; bytes: Buffer }
  | { kind: "terminate" }
  | { kind: "message"; type: string; bytes: Buffer };

/** Splits a client's byte stream into messages; `startupDone` once its StartupMessage was read. */
export class FrontendReader {
  #buffered: Buffer = Buffer.alloc(0);
  #startupDone = false;

  push(chunk: Buffer): FrontendMessage[] {
    this.#buffered = this.#buffered.length === 0 ? chunk : Buffer.concat([this.#buffered, chunk]);
    const messages: FrontendMessage[] = [];
    for (;;) {
      const message = this.#next();
      if (!message) return messages;
      messages.push(message);
    }
  }

  #next(): FrontendMessage | null {
    const buffered = this.#buffered;
    if (!this.#startupDone) {
      if (buffered.length < 8) return null;
      const length = buffered.readInt32BE(0);
      if (buffered.length < length) return null;
      const bytes = buffered.subarray(0, length);
      this.#buffered = buffered.subarray(length);
      const code = buffered.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) return { kind: "encryption-request" };
      if (code === CANCEL_REQUEST) return { kind: "cancel-request" };
      if (code !== PROTOCOL_3) throw new Error(`unsupported protocol version ${code}`);
      this.#startupDone = true;
      return { kind: "startup", bytes: Buffer.from(bytes) };
    }
    if (buffered.length < 5) return null;
    const length = 1 + buffered.readInt32BE(1);
    if (buffered.length < length) return null;
    const bytes = Buffer.from(buffered.subarray(0, length));
    this.#buffered = buffered.subarray(length);
    const type = String.fromCharCode(bytes[0]);
    return type === "X" ? { kind: "terminate" } : { kind: "message", type, bytes };
  }
}

/** Reassembles the session's output, which arrives in chunks that need not end on a message. */
export class BackendReader {
  #buffered: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): Buffer[] {
    this.#buffered = Buffer.concat([this.#buffered, chunk]);
    const messages: Buffer[] = [];
    while (this.#buffered.length >= 5) {
      const length = 1 + this.#buffered.readInt32BE(1);
      if (this.#buffered.length < length) break;
      messages.push(Buffer.from(this.#buffered.subarray(0, length)));
      this.#buffered = this.#buffered.subarray(length);
    }
    return messages;
  }
}

export type TransactionStatus = "I" | "T" | "E";

/** ReadyForQuery's status: idle, in a transaction block, or in a failed one. */
export function readyForQueryStatus(message: Buffer): TransactionStatus | null {
  return message[0] === 0x5a /* Z */ ? (String.fromCharCode(message[5]) as TransactionStatus) : null;
}

export function isErrorResponse(message: Buffer): boolean {
  return message[0] === 0x45; /* E */
}

export interface Notification {
  channel: string;
  payload: string;
}

export function notificationIn(message: Buffer): Notification | null {
  if (message[0] !== 0x41 /* A */) return null;
  const channelEnd = message.indexOf(0, 9);
  const payloadEnd = message.indexOf(0, channelEnd + 1);
  return {
    channel: message.toString("utf8", 9, channelEnd),
    payload: message.toString("utf8", channelEnd + 1, payloadEnd),
  };
}

function typed(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

const cstring = (text: string) => Buffer.from(`${text}\0`, "utf8");

export function notificationMessage({ channel, payload }: Notification): Buffer {
  const pid = Buffer.alloc(4);
  return typed("A", Buffer.concat([pid, cstring(channel), cstring(payload)]));
}

export function queryMessage(sql: string): Buffer {
  return typed("Q", cstring(sql));
}

export const syncMessage = typed("S", Buffer.alloc(0));

export function errorResponse(severity: "ERROR" | "FATAL", code: string, message: string): Buffer {
  return typed(
    "E",
    Buffer.concat([
      Buffer.from("S"), cstring(severity),
      Buffer.from("V"), cstring(severity),
      Buffer.from("C"), cstring(code),
      Buffer.from("M"), cstring(message),
      Buffer.from([0]),
    ]),
  );
}

/** The SQL text of a simple Query ("Q") or a Parse ("P") message. */
export function sqlIn(message: Buffer): string | null {
  if (message[0] === 0x51 /* Q */) return message.toString("utf8", 5, message.indexOf(0, 5));
  if (message[0] === 0x50 /* P */) {
    const queryStart = message.indexOf(0, 5) + 1;
    return message.toString("utf8", queryStart, message.indexOf(0, queryStart));
  }
  return null;
}

export interface ListenChange {
  listen: string[];
  /** Channels no longer listened to; "*" for all of them (UNLISTEN *, DISCARD ALL). */
  unlisten: string[] | "*";
}

const LISTEN_STATEMENT = /(?:^|;)\s*(LISTEN|UNLISTEN|DISCARD\s+ALL)\b\s*("(?:[^"]|"")+"|[\p{L}_][\p{L}\p{N}_$]*|\*)?/giu;

/** What LISTEN / UNLISTEN statements in this SQL change (identifiers folded as PostgreSQL does). */
export function listenChangesIn(sql: string): ListenChange {
  const change: ListenChange = { listen: [], unlisten: [] };
  for (const [, verb, name] of sql.matchAll(LISTEN_STATEMENT)) {
    const command = verb.toUpperCase();
    if (command.startsWith("DISCARD") || (command === "UNLISTEN" && name === "*")) {
      change.unlisten = "*";
      continue;
    }
    if (!name) continue;
    const channel = name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name.toLowerCase();
    if (command === "LISTEN") change.listen.push(channel);
    else if (change.unlisten !== "*") change.unlisten.push(channel);
  }
  return change;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
