import type { HomeView, KnownBlock } from "@slack/types";
import type { HomeAssessment, HomeData } from "../../data/home.ts";
import { assessmentLabel } from "../../domain/assessmentEntry.ts";
import { assessmentVerdict, isLateInProgress } from "../../domain/assessmentTiming.ts";
import { compareDates, formatReportDate } from "../../domain/calendarDate.ts";
import { nextStepOf } from "../../domain/nextStep.ts";
import { categoryLabels } from "../../domain/parties.ts";
import { pluralise } from "../../domain/text.ts";
import { describeAssessment } from "./assessmentLines.ts";
import { clipToSection, linesToSections } from "./limits.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import { changeLine } from "./watchMessage.ts";

// The App Home tab: who you are here, what waits on you, what you watch, and quick ways in.
// Lateness, next steps and what falls due are worded by the same functions as the status card,
// the lists and the digest, so Home never says something they don't. Slack allows 100 blocks
// in a Home view; a longer Home pages, with Previous / Next buttons.

export const homeActions = {
  raise: "home.raise",
  report: "home.report",
  openStatus: "home.open_status",
  mute: "home.mute",
  hours: "home.hours",
  logDcc: "home.log_dcc",
  recordVote: "home.record_vote",
  status: "home.status",
  unwatch: "home.unwatch",
  page: "home.page",
} as const;

/** Slack's limit for a Home view. */
export const MAX_HOME_BLOCKS = 100;
const TITLE_LENGTH = 90;

export interface HomeLines {
  /** The digest's "falls due in the next 5 working days" and "late" lines (administrators). */
  due: { text: string }[];
  late: { text: string }[];
}

function section(text: string, extra: Partial<{ block_id: string; accessory: unknown }> = {}): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text: clipToSection(text) }, ...extra } as KnownBlock;
}

function button(text: string, actionId: string, value: string, style?: "primary"): Record<string, unknown> {
  return { type: "button", text: { type: "plain_text", text: text.slice(0, 75) }, action_id: actionId, value, ...(style ? { style } : {}) };
}

function actions(blockId: string, elements: readonly Record<string, unknown>[]): KnownBlock {
  return { type: "actions", block_id: blockId, elements } as unknown as KnownBlock;
}

function named(reference: string, title: string): string {
  const short = title.length > TITLE_LENGTH ? `${title.slice(0, TITLE_LENGTH - 1)}…` : title;
  return `*${reference}* · ${escapeMrkdwn(short)}`;
}

const roleWords = { ADMIN: "administrator", DCC: "DCC", VIEWER: "viewer" } as const;

function rolesLine(data: HomeData): string {
  const held = data.roles.roles.map((r) => (r.role === "CHANGE_BOARD" ? `Change Board (${r.category ? categoryLabels[r.category] : "no voting group"})` : roleWords[r.role]));
  if (data.roles.isAdmin && !data.roles.roles.some((r) => r.role === "ADMIN")) held.unshift("administrator (MODBOT_ADMINS)");
  if (held.length === 0) {
    return "You have no role yet, so you can read everything but record nothing. An administrator can grant one: `/mod admin role @you dcc`, `/mod admin role @you change-board \"Large Supplier\"` or `/mod admin role @you admin`; `/mod admin roles` lists who they are.";
  }
  return `Your roles: ${held.join(", ")}.`;
}

/** When it is due by the agreed date (the revised one if DCC agreed one), for ordering. */
function dueOf(a: HomeAssessment, asOf: Date): Date | null {
  const v = assessmentVerdict(a, asOf);
  return v.agreedTargetDate ?? v.originalTargetDate;
}

function dccUnits(data: HomeData): KnownBlock[][] {
  const isDcc = data.roles.roles.some((r) => r.role === "DCC");
  if (!isDcc && data.assessments.length === 0) return [];
  const open = data.assessments
    .map((a) => ({ a, verdict: assessmentVerdict(a, data.today) }))
    .filter(({ verdict }) => verdict.state === "in-progress" || verdict.state === "awaiting-acceptance" || verdict.state === "on-hold")
    .sort((x, y) => {
      const dx = dueOf(x.a, data.today);
      const dy = dueOf(y.a, data.today);
      if (dx && dy) return compareDates(dx, dy) || x.a.reference.localeCompare(y.a.reference);
      return dx ? -1 : dy ? 1 : x.a.reference.localeCompare(y.a.reference);
    });
  const late = open.filter(({ verdict }) => isLateInProgress(verdict)).length;
  const heading = section(`*DCC assessments you are the contact for* (${open.length}${late ? `, ${late} late` : ""})`);
  if (open.length === 0) return [[heading, section("_No open assessment names you as its contact. The DCC form's *contact* field sets it._")]];
  return [
    [heading],
    ...open.map(({ a }) => {
      const lines = describeAssessment(a, data.today, assessmentLabel(a.type, a.sequence)).map(escapeMrkdwn);
      return [
        section(`${named(a.reference, a.title)}\n${lines.join("\n")}`, {
          block_id: `dcc:${a.reference}:${a.type}:${a.sequence}`,
          accessory: button("Log DCC dates", homeActions.logDcc, a.reference),
        }),
      ];
    }),
  ];
}

function changeBoardUnits(data: HomeData): KnownBlock[][] {
  if (!data.changeBoard) return [];
  const group = categoryLabels[data.changeBoard.category];
  const waiting = data.changeBoard.items.filter((item) => !item.votedThere);
  const heading = section(`*Awaiting ${escapeMrkdwn(group)}'s Change Board vote* (${waiting.length})`);
  if (waiting.length === 0) return [[heading, section(`_Nothing awaits ${escapeMrkdwn(group)}'s vote._`)]];
  return [
    [heading],
    ...waiting.map((item) => [
      section(`${named(item.reference, item.title)}\nAwaiting the Change Board${item.lastMeeting ? ` · last voted on ${formatReportDate(item.lastMeeting)}, without ${escapeMrkdwn(group)}` : ""}`, {
        block_id: `vote:${item.reference}`,
        accessory: button("Record vote", homeActions.recordVote, item.reference),
      }),
    ]),
  ];
}

function adminUnits(lines: HomeLines | null): KnownBlock[][] {
  if (!lines) return [];
  const due = lines.due.length
    ? linesToSections(lines.due.map((l) => l.text))
    : [section("_Nothing falls due in the next 5 working days._")];
  const late = lines.late.length ? linesToSections(lines.late.map((l) => l.text)) : [section("_No DCC assessment is late._")];
  return [
    [section(`*Falls due in the next 5 working days* (${lines.due.length})`)],
    ...due.map((block) => [block]),
    [section(`*Overdue: late DCC assessments* (${lines.late.length})`)],
    ...late.map((block) => [block]),
  ];
}

function watchingUnits(data: HomeData): KnownBlock[][] {
  const heading = section(`*Watching* (${data.watched.length})`);
  if (data.watched.length === 0) {
    return [[heading, section("_You watch nothing yet. `/mod watch REF`, or *Watch* on a status card; each change then reaches you in a direct message._")]];
  }
  return [
    [heading],
    ...data.watched.map((w) => [
      section(`${named(w.reference, w.title)}\n*Next*  ${escapeMrkdwn(nextStepOf(w.next))}\n*Latest*  ${w.latest ? changeLine(w.latest) : "no change recorded through modbot yet"}`, {
        block_id: `watched:${w.reference}`,
      }),
      actions(`watch:${w.reference}`, [button("Status", homeActions.status, w.reference), button("Unwatch", homeActions.unwatch, w.reference)]),
    ]),
  ];
}

function headBlocks(data: HomeData): KnownBlock[] {
  const quick: Record<string, unknown>[] = [];
  if (data.roles.isAdmin) quick.push(button("Raise a Draft Proposal", homeActions.raise, "raise"));
  quick.push(button("Change Status Report", homeActions.report, "report"));
  quick.push({
    type: "external_select",
    action_id: homeActions.openStatus,
    placeholder: { type: "plain_text", text: "Open a status card…" },
    min_query_length: 1,
  });
  quick.push(button(data.choices.muted ? "Unmute direct messages" : "Mute direct messages", homeActions.mute, data.choices.muted ? "unmute" : "mute"));
  quick.push(button(data.choices.anyHours ? "Messages in working hours only" : "Messages at any hour", homeActions.hours, data.choices.anyHours ? "working" : "any"));
  const dms = data.choices.muted
    ? "Direct messages about what you watch are *muted*."
    : data.choices.anyHours
      ? "Changes to what you watch reach you in a direct message at any hour."
      : "Changes to what you watch reach you in a direct message, 08:00–18:00 on SEC working days (later ones wait for the next working morning).";
  return [
    { type: "header", text: { type: "plain_text", text: "modbot · SEC modifications" } },
    { type: "context", elements: [{ type: "mrkdwn", text: `As at ${formatReportDate(data.today)} · ${rolesLine(data)}` }] },
    { type: "section", text: { type: "mrkdwn", text: "*Quick actions*" } },
    actions("home:quick", quick),
    { type: "context", elements: [{ type: "mrkdwn", text: dms }] },
  ];
}

/** The whole Home view for a person, page `page` (0-based) when it is longer than Slack allows. */
export function homeView(data: HomeData, admin: HomeLines | null, page = 0): HomeView {
  const head = headBlocks(data);
  const waiting = [...dccUnits(data), ...changeBoardUnits(data), ...adminUnits(admin)];
  const units: KnownBlock[][] = [
    [{ type: "divider" }, section("*Waiting on you*")],
    ...(waiting.length ? waiting : [[section("_Nothing: your roles have nothing waiting on you._")]]),
    [{ type: "divider" }],
    ...watchingUnits(data),
  ];
  // Room for the head and, when paged, the page line and its buttons.
  const room = MAX_HOME_BLOCKS - head.length;
  const pages: KnownBlock[][] = [[]];
  const total = units.reduce((n, unit) => n + unit.length, 0);
  const perPage = total <= room ? room : room - 2;
  for (const unit of units) {
    const current = pages[pages.length - 1];
    if (current.length + unit.length > perPage && current.length > 0) pages.push([...unit]);
    else current.push(...unit);
  }
  const shown = Math.min(Math.max(0, page), pages.length - 1);
  const blocks = [...head, ...pages[shown]];
  if (pages.length > 1) {
    const nav: Record<string, unknown>[] = [];
    if (shown > 0) nav.push(button("← Previous page", homeActions.page, String(shown - 1)));
    if (shown < pages.length - 1) nav.push(button("Next page →", homeActions.page, String(shown + 1)));
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `Page ${shown + 1} of ${pages.length}` }] });
    blocks.push(actions("home:pages", nav));
  }
  return { type: "home", private_metadata: JSON.stringify({ page: shown }), blocks };
}

/** One line saying what Home holds, for tests and the console. */
export function homeSummary(data: HomeData): string {
  return `${pluralise(data.watched.length, "watched modification")}, ${pluralise(data.assessments.length, "assessment")} naming you`;
}
