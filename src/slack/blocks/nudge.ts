import type { KnownBlock } from "@slack/types";
import { formatReportDate } from "../../domain/calendarDate.ts";
import { pluralise } from "../../domain/text.ts";
import { SNOOZE_WORKING_DAYS, type Nudge } from "../../jobs/nudgeRules.ts";
import { escapeMrkdwn, mention } from "./mrkdwn.ts";
import { statusCardActions } from "./statusCard.ts";

// A late-assessment nudge: what is late, by how much in working days, who should act, and the
// two things they can do about it from the message.

export const nudgeActions = {
  // The status card's button id: the DCC modal listens for it, whichever message it is pressed in.
  logDelivery: statusCardActions.logDcc,
  snooze: "nudge.snooze",
} as const;

export function nudgeLine(nudge: Nudge): string {
  const a = nudge.assessment;
  const accepted = a.acceptedOn ? `${a.type} accepted ${formatReportDate(a.acceptedOn)}` : a.type;
  const target = `${formatReportDate(nudge.target)}${a.targetDurationWd ? ` (${a.targetDurationWd} WD)` : ""}`;
  switch (nudge.kind) {
    case "warning":
      return `${accepted} is due ${target}, ${nudge.workingDaysLeft === 0 ? "today" : `in ${pluralise(nudge.workingDaysLeft, "working day")}`}; today is working day ${nudge.workingDay}.`;
    case "late":
    case "reminder":
      return `${accepted} was due ${target}; today is working day ${nudge.workingDay}, ${pluralise(nudge.workingDaysOver, "working day")} over.`;
  }
}

export function nudgeText(nudge: Nudge): string {
  const a = nudge.assessment;
  const what = nudge.kind === "warning" ? `${a.type} due ${formatReportDate(nudge.target)}` : `${a.type} ${pluralise(nudge.workingDaysOver, "working day")} late`;
  return `${nudge.kind === "warning" ? "⏳" : "⏰"} ${a.modification.reference} ${what}`;
}

export function nudgeBlocks(nudge: Nudge, defaultContact?: string): KnownBlock[] {
  const a = nudge.assessment;
  const icon = nudge.kind === "warning" ? "⏳" : "⏰";
  const who = mention(a.contact ?? defaultContact);
  const footnote = {
    late: "Posted once, when the target passed, not every morning.",
    warning: "An early warning, sent once before the target date.",
    reminder: "A reminder now the snooze has ended; sent once.",
  }[nudge.kind];
  return [
    {
      type: "section",
      text: { type: "mrkdwn", text: `${icon} *${a.modification.reference} · ${escapeMrkdwn(a.modification.title)}*\n${nudgeLine(nudge)}${who ? ` ${who}` : ""}` },
    },
    {
      type: "actions",
      block_id: `nudge:${a.id}`,
      elements: [
        { type: "button", text: { type: "plain_text", text: "Log delivery" }, action_id: nudgeActions.logDelivery, value: a.modification.reference, style: "primary" },
        { type: "button", text: { type: "plain_text", text: `Snooze ${SNOOZE_WORKING_DAYS} working days` }, action_id: nudgeActions.snooze, value: String(a.id) },
      ],
    },
    { type: "context", elements: [{ type: "mrkdwn", text: footnote }] },
  ];
}
