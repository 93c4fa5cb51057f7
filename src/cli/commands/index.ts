import { consoleCommand } from "./console.ts";
import { digest } from "./digest.ts";
import { importCommand } from "./import.ts";
import { migrate } from "./migrate.ts";
import { nudges } from "./nudges.ts";
import { report } from "./report.ts";
import { start } from "./start.ts";
import type { CliCommand } from "./types.ts";
import { workdays } from "./workdays.ts";

export const cliCommands: readonly CliCommand[] = [start, migrate, importCommand, workdays, report, digest, nudges, consoleCommand];
