import { spawnSync } from "node:child_process";
import { join } from "node:path";

// Runs the real `modbot` command line as a separate process, as a user would.

export const modbotBin = join(process.cwd(), "bin/modbot.js");

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

export function runModbot(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; input?: string; timeoutMs?: number } = {},
): CliResult {
  const result = spawnSync(process.execPath, [modbotBin, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    input: options.input,
    encoding: "utf8",
    timeout: options.timeoutMs ?? 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
