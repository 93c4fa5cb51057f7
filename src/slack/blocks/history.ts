import type { KnownBlock } from "@slack/types";
import { formatReportDate, todayInLondon } from "../../domain/calendarDate.ts";
import { describeStatus, modificationStatuses, pathLabels, type ModificationPath, type ModificationStatus } from "../../domain/lifecycle.ts";
import { assessmentStatusLabels, type AssessmentStatus } from "../../domain/assessmentEntry.ts";
import { voteValueLabels, type VoteValue } from "../../domain/voting.ts";
import type { HistoryItem } from "../../data/history.ts";
import { pagedAnswer, type PagedAnswer } from "./limits.ts";
import { actorText, escapeMrkdwn, mention } from "./mrkdwn.ts";

// `/mod history REF`: newest first, one line per change — when, who, what, before → after.

// In the order changes are listed (jsonb does not keep the order they were written in).
const labels: Record<string, string> = {
  reference: "reference",
  status: "status",
  onHold: "on hold",
  title: "title",
  path: "path",
  raisedOn: "raised on",
  raisedBy: "raised by",
  meeting: "meeting",
  vote: "vote",
  outcome: "outcome",
  requestReceivedOn: "requested",
  acceptedOn: "accepted",
  targetDurationWd: "target WD",
  targetDate: "target date",
  deliveredOn: "delivered",
  closesOn: "closes",
  release: "release",
  releaseDate: "release date",
  requestedDate: "requested date",
  note: "note",
  contact: "contact",
};
const order = Object.keys(labels);
const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);

// Keys that say what a step was about rather than what it changed.
const context = new Set(["on", "rule"]);

function show(key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatReportDate(new Date(`${value}T00:00:00Z`));
    if (key === "status" && (modificationStatuses as readonly string[]).includes(value)) return describeStatus(value as ModificationStatus);
    if (key === "status" && Object.hasOwn(assessmentStatusLabels, value)) return assessmentStatusLabels[value as AssessmentStatus];
    if ((key === "vote" || key === "outcome") && Object.hasOwn(voteValueLabels, value)) return voteValueLabels[value as VoteValue];
    if (key === "outcome" && value === "NO_MAJORITY") return "no majority";
    if (key === "path" && Object.hasOwn(pathLabels, value)) return pathLabels[value as ModificationPath];
    if (key === "contact") return mention(value);
    return escapeMrkdwn(value.length > 80 ? `${value.slice(0, 79)}…` : value);
  }
  return escapeMrkdwn(String(value));
}

/** "status with the Working Group → Modification Report presented; …" for what changed. */
export function describeChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !context.has(k))
    .sort((a, b) => rank(a) - rank(b));
  const parts: string[] = [];
  for (const key of keys) {
    const was = before?.[key];
    const now = after?.[key];
    if (JSON.stringify(was ?? null) === JSON.stringify(now ?? null)) continue;
    const label = Object.hasOwn(labels, key) ? labels[key]! : key;
    parts.push(before ? `${label} ${show(key, was)} → ${show(key, now)}` : `${label} ${show(key, now)}`);
  }
  return parts.join("; ");
}

function when(item: HistoryItem): string {
  if (item.occurredOn) return formatReportDate(item.occurredOn);
  const london = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" }).format(item.at);
  return `${formatReportDate(todayInLondon(item.at))} ${london}`;
}

export function historyLine(item: HistoryItem): string {
  const changes = describeChanges(item.before, item.after);
  const on = typeof item.after?.on === "string" && !item.occurredOn ? ` (on ${show("on", item.after.on)})` : "";
  return `• ${when(item)} · ${actorText(item.actor)} · *${escapeMrkdwn(item.action)}*${on}${changes ? ` — ${changes}` : ""}`;
}

/** The history as messages: the newest first, continued in further messages, the rest counted. */
export function historyMessages(reference: string, title: string, items: HistoryItem[]): PagedAnswer[] {
  const heading = `*History of ${reference} · ${escapeMrkdwn(title)}*`;
  const lines = items.length === 0 ? ["Nothing recorded yet."] : items.map(historyLine);
  return pagedAnswer({ heading, text: `History of ${reference}`, lines, tooMany: "the oldest entries are kept in the register but not shown here." });
}

export function historyBlocks(reference: string, title: string, items: HistoryItem[]): KnownBlock[] {
  return historyMessages(reference, title, items)[0].blocks;
}
