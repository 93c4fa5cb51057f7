import admin from "./admin.ts";
import dcc from "./dcc.ts";
import { helpCommand } from "./help.ts";
import history from "./history.ts";
import list from "./list.ts";
import move from "./move.ts";
import raise from "./raise.ts";
import release from "./release.ts";
import report from "./report.ts";
import status from "./status.ts";
import subscribe from "./subscribe.ts";
import subscriptions from "./subscriptions.ts";
import unsubscribe from "./unsubscribe.ts";
import jobs from "./jobs.ts";
import type { ModSubcommand } from "./types.ts";
import vote from "./vote.ts";
import watch from "./watch.ts";
import unwatch from "./unwatch.ts";
import watching from "./watching.ts";
import workdays from "./workdays.ts";

// Every /mod subcommand, in the order `/mod help` lists them. Add a new one here.
export const subcommands: readonly ModSubcommand<any>[] = [status, list, history, raise, dcc, vote, move, release, watch, unwatch, watching, workdays, report, subscribe, unsubscribe, subscriptions, jobs, admin, helpCommand(() => subcommands)];

export function findSubcommand(name: string): ModSubcommand<any> | undefined {
  const wanted = name.toLowerCase();
  return subcommands.find((command) => command.name === wanted || command.aliases?.includes(wanted));
}
