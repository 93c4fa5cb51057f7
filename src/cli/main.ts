import { SettingsError } from "../config.ts";
import { DataDirInUseError } from "../data/embedded/dataDirLock.ts";
import { cliCommands } from "./commands/index.ts";
import type { CliCommand } from "./commands/types.ts";

// `modbot <command> [args]`. Each command lives in src/cli/commands/ and is listed in its index.
// Exit codes: 0 done, 1 it failed, 2 it was asked wrongly (a usage error).

function usage(): string {
  const width = Math.max(...cliCommands.map((c) => c.usage.length));
  return [
    "Usage: modbot <command>   (modbot <command> --help for one command)",
    "",
    ...cliCommands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

export function helpFor(command: CliCommand): string {
  return command.help ?? `Usage: modbot ${command.usage}\n  ${command.summary}.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "help" || name === "--help" || name === "-h") {
    const about = rest[0] ? cliCommands.find((c) => c.name === rest[0]) : undefined;
    console.log(about ? helpFor(about) : usage());
    return 0;
  }
  if (!name) {
    console.error(usage());
    return 2;
  }
  const command = cliCommands.find((c) => c.name === name);
  if (!command) {
    console.error(`modbot: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  // Asking for help never runs the command: `start --help` doesn't start, `migrate --help` doesn't migrate.
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(helpFor(command));
    return 0;
  }
  currentCommand = name;
  return command.run(rest);
}

let currentCommand = "";

/** One line a person can act on; the stack only when LOG_LEVEL=debug asks for it. */
function describeError(error: unknown): string {
  if (error instanceof SettingsError || error instanceof DataDirInUseError) return error.message;
  if (process.env.LOG_LEVEL === "debug" || process.env.LOG_LEVEL === "trace") return String((error as Error)?.stack ?? error);
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n").find((line) => line.trim()) ?? "it failed";
  return `modbot${currentCommand ? ` ${currentCommand}` : ""}: ${firstLine.trim()} (LOG_LEVEL=debug shows the details)`;
}

main(process.argv.slice(2)).then(
  (code) => {
    // Long-running commands (start, console) keep the event loop alive themselves.
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(describeError(error));
    process.exitCode = 1;
  },
);
