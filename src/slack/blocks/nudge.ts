import type { KnownBlock } from "@slack/types";
import { verdictClock, verdictLateness } from "../../domain/assessmentTiming.ts";
import { formatReportDate } from "../../domain/calendarDate.ts";
import { pluralise } from "../../domain/text.ts";
import { SNOOZE_WORKING_DAYS, type Nudge } from "../../jobs/nudgeRules.ts";
import { escapeMrkdwn, mention, referenceLink } from "./mrkdwn.ts";
import { statusCardActions } from "./statusCard.ts";

// A late-assessment nudge: what is late, by how much in working days, who should act, and the
// two things they can do about it from the message.

export const nudgeActions = {
  // The status card's button id: the DCC modal listens for it, whichever message it is pressed in.
  logDelivery: statusCardActions.logDcc,
  snooze: "nudge.snooze",
} as const;

/** "PA accepted 29 May 2019: 89 of 15 WD, due 18 Jun 2019. Late: 74 WD over the 15 WD target and …" in the verdict's words. */
export function nudgeLine(nudge: Nudge): string {
  const a = nudge.assessment;
  const v = nudge.verdict;
  const accepted = v.acceptedOn ? `${a.type} accepted ${formatReportDate(v.acceptedOn)}` : a.type;
  if (nudge.kind === "warning") {
    const when = nudge.workingDaysLeft === 0 ? "today" : `in ${pluralise(nudge.workingDaysLeft, "working day")}`;
    return `${accepted}: ${verdictClock(v)}, ${when}.`;
  }
  return `${accepted}: ${verdictClock(v, { agreedDate: false })}. *Late: ${verdictLateness(v)}.*`;
}

export function nudgeText(nudge: Nudge): string {
  const a = nudge.assessment;
  const v = nudge.verdict;
  const what = nudge.kind === "warning" ? `${a.type} due ${formatReportDate(v.originalTargetDate!)}` : `${a.type} late: ${verdictLateness(v)}`;
  return `${nudge.kind === "warning" ? "⏳" : "⏰"} ${a.modification.reference} ${what}`;
}

export function nudgeBlocks(nudge: Nudge, defaultContact?: string, publicUrl?: string): KnownBlock[] {
  const a = nudge.assessment;
  const icon = nudge.kind === "warning" ? "⏳" : "⏰";
  const who = mention(a.contact ?? defaultContact);
  const footnote = {
    late: "Posted once, when the target duration passed (once more if DCC's revised date passes too), not every morning.",
    "past-agreed": "Posted once, now DCC's revised date has passed as well.",
    warning: "An early warning, sent once before the target date.",
    reminder: "A reminder now the snooze has ended; sent once.",
  }[nudge.kind];
  return [
    {
      type: "section",
      text: { type: "mrkdwn", text: `${icon} *${referenceLink(a.modification.reference, publicUrl)} · ${escapeMrkdwn(a.modification.title)}*\n${nudgeLine(nudge)}${who ? ` ${who}` : ""}` },
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
