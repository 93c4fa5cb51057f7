import { importCommand } from "./import.ts";
import { migrate } from "./migrate.ts";
import { start } from "./start.ts";
import type { CliCommand } from "./types.ts";
import { workdays } from "./workdays.ts";

export const cliCommands: readonly CliCommand[] = [start, migrate, importCommand, workdays];
