import { createHash } from "node:crypto";
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import { basename, join, resolve } from "node:path";

// One process at a time opens an embedded data directory: PGlite has no lock of its own, and two
// instances on the same files lose each other's commits and corrupt indexes.
//
// The lock is a listening Unix socket in Linux's abstract namespace, named after the
// directory's device and inode. The kernel makes the bind atomic (two processes starting at the
// same instant: exactly one wins) and releases it when the process ends however it ends (exit,
// crash, SIGKILL), so a lock is never left behind and never confused with a reused PID. Abstract
// sockets carry no file permissions, so this one only locks: it closes whatever connects to it.
// The database itself is served on a socket file inside the directory (see sessionSocketPath).
//
// Elsewhere (macOS) the lock is a socket file in the directory, taken over when nothing answers
// on it any more; two processes starting at the same instant after a crash could both take it.

export interface Holder {
  pid: number;
  command: string;
  /** ISO timestamp. */
  since: string;
}

export interface DataDirLock {
  release(): Promise<void>;
}

export type LockAttempt = { acquired: true; lock: DataDirLock } | { acquired: false; holder: Holder | null };

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: Holder | null,
    /** Follows the holder's name: "; stop it first…", ", which did not answer…". */
    explanation: string,
  ) {
    super(`modbot: ${dataDir} is in use by ${describeHolder(holder)}${explanation}`);
    this.name = "DataDirInUseError";
  }
}

const HOLDER_FILE = "modbot-holder.json";
/** Where `psql -h DATA_DIR` looks for a server. */
const SESSION_SOCKET = ".s.PGSQL.5432";
/** sun_path holds 108 bytes with the terminating NUL. */
const MAX_SOCKET_PATH = 107;

export function describeHolder(holder: Holder | null): string {
  if (!holder) return "another modbot process";
  const since = new Date(holder.since);
  const time = Number.isNaN(since.getTime()) ? "" : `, since ${since.toTimeString().slice(0, 8)}`;
  return `\`${holder.command}\` (pid ${holder.pid}${time})`;
}

/** This process as a person would name it: "modbot import register.csv". */
export function describeThisProcess(): string {
  const [, script = "node", ...args] = process.argv;
  const name = basename(script).replace(/\.[cm]?[jt]s$/, "");
  return [name, ...args].join(" ").slice(0, 200);
}

/** The socket file the holder serves the database on; null when the path is too long for one. */
export function sessionSocketPath(dataDir: string): string | null {
  const path = resolve(dataDir, SESSION_SOCKET);
  return Buffer.byteLength(path) <= MAX_SOCKET_PATH ? path : null;
}

/** Takes the directory's lock, or says who has it. The directory must exist. */
export async function lockDataDir(dataDir: string, command: string): Promise<LockAttempt> {
  const server = net.createServer((socket) => socket.destroy());
  const listening = await listenForLock(server, dataDir);
  if (!listening) return { acquired: false, holder: await holderOf(dataDir) };
  // Holding the lock must not keep a finished command alive; the kernel drops it at exit.
  server.unref();
  const holderFile = join(dataDir, HOLDER_FILE);
  const holder: Holder = { pid: process.pid, command, since: new Date().toISOString() };
  const draft = `${holderFile}.${process.pid}`;
  writeFileSync(draft, JSON.stringify(holder));
  renameSync(draft, holderFile);
  let released = false;
  return {
    acquired: true,
    lock: {
      async release() {
        if (released) return;
        released = true;
        if (readHolder(dataDir)?.pid === process.pid) unlinkQuietly(holderFile);
        await new Promise<void>((done) => server.close(() => done()));
      },
    },
  };
}

function lockAddress(dataDir: string): string {
  if (process.platform !== "linux") return join(dataDir, ".modbot-lock");
  const { dev, ino } = statSync(dataDir);
  const id = createHash("sha256").update(`${dev}:${ino}`).digest("hex").slice(0, 32);
  return `\0modbot-data-dir-${id}`;
}

async function listenForLock(server: net.Server, dataDir: string): Promise<boolean> {
  const address = lockAddress(dataDir);
  const outcome = await listen(server, address);
  if (outcome === "listening") return true;
  if (address.startsWith("\0") || (await answers(address))) return false;
  // A socket file nobody listens on any more: its holder died.
  unlinkQuietly(address);
  return (await listen(server, address)) === "listening";
}

function listen(server: net.Server, address: string): Promise<"listening" | "in use"> {
  return new Promise((resolvePromise, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (error.code === "EADDRINUSE") resolvePromise("in use");
      else reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolvePromise("listening");
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(address);
  });
}

function answers(path: string): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = net.connect(path);
    socket.once("connect", () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once("error", () => resolvePromise(false));
  });
}

/** The holder writes its file just after taking the lock: a moment's wait covers that gap. */
async function holderOf(dataDir: string): Promise<Holder | null> {
  for (let waited = 0; ; waited += 25) {
    const holder = readHolder(dataDir);
    if (holder || waited >= 500) return holder;
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 25));
  }
}

function readHolder(dataDir: string): Holder | null {
  try {
    const holder = JSON.parse(readFileSync(join(dataDir, HOLDER_FILE), "utf8")) as Holder;
    return typeof holder.pid === "number" && isAlive(holder.pid) ? holder : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
