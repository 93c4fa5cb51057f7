import type { KnownBlock } from "@slack/types";
import { formatReportDate, todayInLondon } from "../../domain/calendarDate.ts";
import { pluralise } from "../../domain/text.ts";
import { clipToSection, MAX_BLOCKS } from "./limits.ts";
import { actorText, escapeMrkdwn } from "./mrkdwn.ts";

// The direct message a watcher gets: every change to what they watch since the last one,
// grouped by modification, each with who did it and when, and a Status button.

export const watchMessageActions = { status: "watch.status", unwatch: "watch.unwatch" } as const;

export interface WatchChange {
  reference: string;
  title: string;
  action: string;
  actor: string;
  at: Date;
}

const TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hour12: false });

/** "1 Oct 2019 12:00", London time. */
export function whenText(at: Date): string {
  return `${formatReportDate(todayInLondon(at))} ${TIME.format(at)}`;
}

/** One change in a line: "Change Board vote (Large Supplier) · <@U1> · 1 Oct 2019 12:00". */
export function changeLine(change: Pick<WatchChange, "action" | "actor" | "at">): string {
  return `${escapeMrkdwn(change.action)} · ${actorText(change.actor)} · ${whenText(change.at)}`;
}

// One block per modification, between the title and the closing line.
const MAX_MODIFICATIONS = MAX_BLOCKS - 2;

export function watchMessage(changes: readonly WatchChange[]): { text: string; blocks: KnownBlock[] } {
  const byReference = new Map<string, WatchChange[]>();
  for (const change of changes) byReference.set(change.reference, [...(byReference.get(change.reference) ?? []), change]);
  const references = [...byReference.keys()];
  const text =
    references.length === 1
      ? `${references[0]}: ${pluralise(changes.length, "change")} since you last heard`
      : `${pluralise(changes.length, "change")} to ${references.length} modifications you watch`;
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: `👀 *${escapeMrkdwn(text)}*` } }];
  for (const reference of references.slice(0, MAX_MODIFICATIONS)) {
    const own = byReference.get(reference)!;
    const lines = own.map((change) => `• ${changeLine(change)}`);
    blocks.push({
      type: "section",
      block_id: `watch:${reference}`,
      text: { type: "mrkdwn", text: clipToSection(`*${reference}* · ${escapeMrkdwn(own[0].title)}\n${lines.join("\n")}`) },
      accessory: { type: "button", action_id: watchMessageActions.status, text: { type: "plain_text", text: "Status" }, value: reference },
    });
  }
  const more = references.length - MAX_MODIFICATIONS;
  const footer = `${more > 0 ? `And ${pluralise(more, "more modification")}: see Home. ` : ""}You get these because you watch them: \`/mod unwatch REF\`, or mute them all on my Home tab.`;
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: footer }] });
  return { text, blocks };
}
