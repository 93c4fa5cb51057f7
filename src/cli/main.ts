import { SettingsError } from "../config.ts";
import { DataDirInUseError } from "../data/embedded/dataDirLock.ts";
import { cliCommands } from "./commands/index.ts";

// `modbot <command> [args]`. Each command lives in src/cli/commands/ and is listed in its index.

function usage(): string {
  const width = Math.max(...cliCommands.map((c) => c.usage.length));
  return [
    "Usage: modbot <command>",
    "",
    ...cliCommands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = cliCommands.find((c) => c.name === name);
  if (!command) {
    console.error(`modbot: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    // Long-running commands (start, console) keep the event loop alive themselves.
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof SettingsError || error instanceof DataDirInUseError ? error.message : error);
    process.exitCode = 1;
  },
);
