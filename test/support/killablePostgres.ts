import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./freePort.ts";

// A PostgreSQL cluster of the test's own, on its own port, that a test may stop and start (the
// shared server on 5432 is never stopped). initdb and pg_ctl refuse to run as root, so as root
// they run as the postgres user.

const BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface KillablePostgres {
  url: string;
  port: number;
  stop(): void;
  start(): void;
  dispose(): void;
}

export function killablePostgresAvailable(): boolean {
  return existsSync(join(BIN, "initdb")) && existsSync(join(BIN, "pg_ctl"));
}

function asPostgres(command: string, args: string[]): void {
  const isRoot = process.getuid?.() === 0;
  const [file, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
}

export async function startKillablePostgres(): Promise<KillablePostgres> {
  const dir = mkdtempSync(join(tmpdir(), "modbot-pg-"));
  chmodSync(dir, 0o777);
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  const data = join(dir, "data");
  const port = await freePort();
  asPostgres(join(BIN, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const start = () => asPostgres(join(BIN, "pg_ctl"), ["-D", data, "-o", `-p ${port} -k ${dir} -c fsync=off`, "-l", join(dir, "log"), "-w", "start"]);
  const stop = () => asPostgres(join(BIN, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
  start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    dispose() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
