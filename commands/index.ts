import { helpCommand } from "./help.ts";
import list from "./list.ts";
import status from "./status.ts";
import type { ModSubcommand } from "./types.ts";
import workdays from "./workdays.ts";

// Every /mod subcommand, in the order `/mod help` lists them. Add a new one here.
export const subcommands: readonly ModSubcommand<any>[] = [status, list, workdays, helpCommand(() => subcommands)];

export function findSubcommand(name: string): ModSubcommand<any> | undefined {
  const wanted = name.toLowerCase();
  return subcommands.find((command) => command.name === wanted || command.aliases?.includes(wanted));
}
