import type { KnownBlock } from "@slack/types";
import { Blocks, Elements, Message } from "slack-block-builder";
import { formatReportDate } from "../../domain/calendarDate.ts";
import { describeStatus, pathTitles, stageOf } from "../../domain/lifecycle.ts";
import { nextStepOf } from "../../domain/nextStep.ts";
import { describeQuorum, tallyVotes } from "../../domain/voting.ts";
import type { ModificationCard } from "../../data/modifications.ts";
import { assessmentLabel, isClosedAssessment } from "../../domain/assessmentEntry.ts";
import { isModificationProposal } from "../../domain/references.ts";
import { describeAssessment } from "./assessmentLines.ts";
import { clipToSection } from "./limits.ts";
import { escapeMrkdwn, mention, referenceLink, registerPageUrl } from "./mrkdwn.ts";

export const statusCardActions = {
  history: "status.history",
  logDcc: "status.log_dcc",
  recordVote: "status.record_vote",
  move: "status.move",
  watch: "status.watch",
  unwatch: "status.unwatch",
} as const;

const voteOutcomeText = { APPROVE: "approval", REJECT: "rejection", NO_MAJORITY: "no majority" } as const;
const authorityOutcomeText = { APPROVED: "approved", REJECTED: "rejected", SENT_BACK: "sent it back" } as const;

/**
 * The lines of the card, label → text, only for what matters now. The public register page shows
 * the same lines without contacts (Slack user or group ids are not published).
 */
export function statusCardLines(card: ModificationCard, asOf: Date, options: { contacts?: boolean } = {}): [label: string, text: string][] {
  const lines: [string, string][] = [];
  const stage = stageOf(card.status);
  lines.push(["Stage", `${stage} · ${capitalise(describeStatus(card.status))}${card.onHold ? " · *on hold*" : ""}`]);
  // The path and who raised it are two things: "Path  raised by …" read as if the raiser were the path.
  if (card.path) lines.push(["Path", pathTitles[card.path]]);
  if (card.raisedBy || card.raisedOn) {
    lines.push(["Raised", `${card.raisedBy ? `by ${escapeMrkdwn(card.raisedBy.name)}` : ""}${card.raisedBy && card.raisedOn ? " " : ""}${card.raisedOn ? `on ${formatReportDate(card.raisedOn)}` : ""}`]);
  }
  // Plain words from the domain, with a release name in them: escaped as a whole.
  lines.push(["Next", escapeMrkdwn(nextStepOf(card))]);
  const assessmentLines = card.assessments.flatMap((assessment) => assessmentCardLines(assessment, asOf, options.contacts ?? true));
  if (assessmentLines.length) lines.push(["DCC", assessmentLines.join("\n")]);
  else if (card.dccNote) lines.push(["DCC", escapeMrkdwn(card.dccNote)]);
  const vote = card.changeBoardVotes[0];
  if (vote) {
    const effect = vote.effect === "RECOMMENDATION" ? "recommendation to the Authority" : "self-governance decision";
    const cast = Object.fromEntries(vote.categoryVotes.map((c) => [c.category, c.value]));
    const outcome =
      vote.outcome === "NOT_QUORATE"
        ? `${describeQuorum(tallyVotes(cast)).toLowerCase()}; no ${effect}`
        : `${voteOutcomeText[vote.outcome]} (${effect})`;
    lines.push(["Vote", `Change Board ${formatReportDate(vote.meeting.heldOn)}: ${outcome}`]);
  }
  const decision = card.authorityDecisions[0];
  if (decision) lines.push(["Decision", `Authority ${authorityOutcomeText[decision.outcome]} on ${formatReportDate(decision.decidedOn)}`]);
  if (card.release) {
    const when = card.release.plannedDate ? formatReportDate(card.release.plannedDate) : card.release.dateDescription;
    const pending = card.release.revisionRequests.filter((request) => request.status === "PENDING");
    const revision = pending.map(
      (request) => ` · revised date ${formatReportDate(request.requestedDate)} requested ${formatReportDate(request.requestedOn)}`,
    );
    lines.push(["Release", `${escapeMrkdwn(card.release.name)}${when ? ` (${escapeMrkdwn(when)})` : ""}${revision.join("")}`]);
  }
  return lines;
}

/** An assessment's lines, "PA 2" for a second request, and who nudges mention while it is open. */
function assessmentCardLines(assessment: ModificationCard["assessments"][number], asOf: Date, contacts: boolean): string[] {
  const [first = "", ...rest] = describeAssessment(assessment, asOf, assessmentLabel(assessment.type, assessment.sequence));
  const open = !isClosedAssessment(assessment.status);
  return [`${first}${contacts && open && assessment.contact ? ` · contact ${mention(assessment.contact)}` : ""}`, ...rest];
}

/** `watching`: whether the person it is shown to watches it (Unwatch instead of Watch); `publicUrl`: link the reference to its register page. */
export function statusCardBlocks(card: ModificationCard, asOf: Date, options: { watching?: boolean; publicUrl?: string } = {}): KnownBlock[] {
  const body = statusCardLines(card, asOf)
    .map(([label, text]) => `*${label}*  ${text.replaceAll("\n", "\n        ")}`)
    .join("\n");
  const context = [`As at ${formatReportDate(asOf)}`];
  if (card.onHold && card.onHoldReason) context.push(`On hold: ${escapeMrkdwn(card.onHoldReason)}`);
  return Message()
    .blocks(
      // Only the reference in bold: mrkdwn can't escape a * in a title, which would break the span.
      Blocks.Section({ text: `*${referenceLink(card.reference, options.publicUrl)}* · ${escapeMrkdwn(card.title)}` }),
      Blocks.Section({ text: body }),
      Blocks.Context().elements(context.join(" · ")),
      Blocks.Actions({ blockId: `status:${card.reference}` }).elements(
        Elements.Button({ text: "History", actionId: statusCardActions.history, value: card.reference }),
        // The DCC assesses Modification Proposals; a Draft Proposal has nothing to log yet.
        isModificationProposal(card.series) ? Elements.Button({ text: "Log DCC dates", actionId: statusCardActions.logDcc, value: card.reference }) : undefined,
        Elements.Button({ text: "Record vote", actionId: statusCardActions.recordVote, value: card.reference }),
        Elements.Button({ text: "Record a step", actionId: statusCardActions.move, value: card.reference }),
        options.watching
          ? Elements.Button({ text: "Unwatch", actionId: statusCardActions.unwatch, value: card.reference })
          : Elements.Button({ text: "Watch", actionId: statusCardActions.watch, value: card.reference }),
      ),
    )
    .getBlocks() as KnownBlock[];
}

/**
 * A register link pasted in Slack, unfolded: the card's title linked to its page, the same lines
 * (without contacts, as on the page), escaped for mrkdwn, within Block Kit's limits.
 */
export function statusCardUnfurlBlocks(card: ModificationCard, asOf: Date, publicUrl: string): KnownBlock[] {
  const body = statusCardLines(card, asOf, { contacts: false })
    .map(([label, text]) => `*${label}*  ${text.replaceAll("\n", "\n        ")}`)
    .join("\n");
  const title = `*<${registerPageUrl(publicUrl, card.reference)}|${card.reference} · ${escapeMrkdwn(card.title).replaceAll("|", "¦")}>*`;
  return [
    { type: "section", text: { type: "mrkdwn", text: clipToSection(title) } },
    { type: "section", text: { type: "mrkdwn", text: clipToSection(body) } },
    { type: "context", elements: [{ type: "mrkdwn", text: `As at ${formatReportDate(asOf)} · Modification Register` }] },
  ];
}

export function statusCardText(card: ModificationCard): string {
  return `${card.reference} · ${escapeMrkdwn(card.title)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

