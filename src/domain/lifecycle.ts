import { isTheSecPanel, type PartyCategory } from "./parties.ts";

// The SEC modification lifecycle (DOMAIN.md "Lifecycle"): statuses, the stage each belongs
// to, and the transitions allowed between them. Pure: the data layer and Slack call these.

export const modificationStatuses = [
  "DRAFT_RAISED",
  "READY_FOR_PANEL",
  "IN_REFINEMENT",
  "REPORT_PRESENTED",
  "REPORT_CONSULTATION",
  "AWAITING_CHANGE_BOARD",
  "AWAITING_AUTHORITY",
  "APPROVED",
  "IMPLEMENTED",
  "REJECTED",
  "WITHDRAWN",
] as const;
export type ModificationStatus = (typeof modificationStatuses)[number];

export const stages = ["Define", "Refine", "Opine", "Decide", "Release", "Closed"] as const;
export type Stage = (typeof stages)[number];

/**
 * The SEC's paths (DOMAIN.md "Paths"): Path 1 Authority-led (e.g. after a Significant Code
 * Review), Path 2 Authority Determined (the Change Board recommends, the Authority decides),
 * Path 3 Self-Governance (the Change Board decides), Fast-Track Self-Governance (raised by the
 * Panel only; the Panel decides) and Urgent (to a timetable agreed with the Authority, which
 * decides). Which steps each allows is in moves.ts.
 */
export const modificationPaths = ["AUTHORITY_LED", "AUTHORITY_DETERMINED", "SELF_GOVERNANCE", "FAST_TRACK", "URGENT"] as const;
export type ModificationPath = (typeof modificationPaths)[number];

const stageByStatus: Record<ModificationStatus, Stage> = {
  DRAFT_RAISED: "Define",
  READY_FOR_PANEL: "Define",
  IN_REFINEMENT: "Refine",
  REPORT_PRESENTED: "Opine",
  REPORT_CONSULTATION: "Opine",
  AWAITING_CHANGE_BOARD: "Decide",
  AWAITING_AUTHORITY: "Decide",
  APPROVED: "Release",
  IMPLEMENTED: "Closed",
  REJECTED: "Closed",
  WITHDRAWN: "Closed",
};

const statusDescriptions: Record<ModificationStatus, string> = {
  DRAFT_RAISED: "Draft Proposal raised",
  READY_FOR_PANEL: "ready for the Panel to convert (CSC decision)",
  IN_REFINEMENT: "with the Working Group",
  REPORT_PRESENTED: "Modification Report presented to the Panel",
  REPORT_CONSULTATION: "Modification Report Consultation open",
  AWAITING_CHANGE_BOARD: "awaiting the Change Board vote",
  AWAITING_AUTHORITY: "with the Authority for decision",
  APPROVED: "approved for release",
  IMPLEMENTED: "implemented",
  REJECTED: "rejected",
  WITHDRAWN: "withdrawn",
};

/** The path's name as the report writes it ("recommended for approval as an Authority Determined Modification"). */
export const pathLabels: Record<ModificationPath, string> = {
  AUTHORITY_LED: "Authority-led",
  AUTHORITY_DETERMINED: "Authority Determined",
  SELF_GOVERNANCE: "Self-Governance",
  FAST_TRACK: "Fast-Track Self-Governance",
  URGENT: "Urgent",
};

/** With its number where the SEC numbers it, for forms and the status card: "Path 2: Authority Determined". */
export const pathTitles: Record<ModificationPath, string> = {
  AUTHORITY_LED: "Path 1: Authority-led",
  AUTHORITY_DETERMINED: "Path 2: Authority Determined",
  SELF_GOVERNANCE: "Path 3: Self-Governance",
  FAST_TRACK: "Fast-Track Self-Governance",
  URGENT: "Urgent",
};

/** Who decides on each path, in a phrase: "the Authority decides on the Change Board's recommendation". */
export const pathDeciders: Record<ModificationPath, string> = {
  AUTHORITY_LED: "the Authority decides, on the Change Board's recommendation",
  AUTHORITY_DETERMINED: "the Authority decides, on the Change Board's recommendation",
  SELF_GOVERNANCE: "the Change Board decides",
  FAST_TRACK: "raised by the Panel, which decides; no Working Group or Change Board",
  URGENT: "to a timetable agreed with the Authority, which decides",
};

/** Why this party can't raise a modification on this path, or null when it can (only the Panel raises fast-track ones). */
export function raisingPartyProblem(path: ModificationPath | null, party: { name: string; category: PartyCategory }): string | null {
  if (path !== "FAST_TRACK" || isTheSecPanel(party)) return null;
  return `Only the SEC Panel raises Fast-Track Self-Governance modifications, not ${party.name}. Choose another path, or give the SEC Panel (category Panel/committee) as the raising party.`;
}

/**
 * The path a person typed: the enum name, its label or title, its number ("path 2", "2"), or a
 * short form ("fast track", "self governance", "authority led"); null when it is none of them.
 */
export function parsePath(typed: string): ModificationPath | null {
  const wanted = typed.trim().toLowerCase().replace(/[\s_:-]+/g, " ").trim();
  if (!wanted) return null;
  const byNumber: Record<string, ModificationPath> = { "1": "AUTHORITY_LED", "2": "AUTHORITY_DETERMINED", "3": "SELF_GOVERNANCE" };
  const number = /^(?:path )?([123])$/.exec(wanted)?.[1];
  if (number) return byNumber[number];
  const words = (text: string) => text.toLowerCase().replace(/[\s_:-]+/g, " ").trim();
  for (const path of modificationPaths) {
    const names = [path, pathLabels[path], pathTitles[path], pathTitles[path].replace(/^path \d: /i, "")].map(words);
    if (names.includes(wanted)) return path;
  }
  const shortForms: Record<string, ModificationPath> = {
    "fast track": "FAST_TRACK",
    "fasttrack": "FAST_TRACK",
    "fast track sg": "FAST_TRACK",
    "ftsg": "FAST_TRACK",
    "self governance": "SELF_GOVERNANCE",
    "sg": "SELF_GOVERNANCE",
    "authority led": "AUTHORITY_LED",
    "significant code review": "AUTHORITY_LED",
    "scr": "AUTHORITY_LED",
    "authority determined": "AUTHORITY_DETERMINED",
    "ad": "AUTHORITY_DETERMINED",
    "urgent": "URGENT",
  };
  return shortForms[wanted] ?? null;
}

export function stageOf(status: ModificationStatus): Stage {
  return stageByStatus[status];
}

export function describeStatus(status: ModificationStatus): string {
  return statusDescriptions[status];
}

export function statusesInStage(stage: Stage): ModificationStatus[] {
  return modificationStatuses.filter((status) => stageByStatus[status] === stage);
}

export function isConcluded(status: ModificationStatus): boolean {
  return stageByStatus[status] === "Closed";
}

/** Open "before decision" in the report's proposal-progression sense. */
export function isPreDecision(status: ModificationStatus): boolean {
  return ["Define", "Refine", "Opine", "Decide"].includes(stageByStatus[status]);
}

const openStatuses = modificationStatuses.filter((status) => !isConcluded(status));

export const lifecycleEvents = [
  { name: "csc-ready", label: "CSC says ready for the Panel", from: ["DRAFT_RAISED"], to: "READY_FOR_PANEL", actor: "Change Sub-Committee" },
  { name: "convert", label: "Panel converts to a Modification Proposal", from: ["READY_FOR_PANEL"], to: "IN_REFINEMENT", actor: "SEC Panel" },
  { name: "report-presented", label: "Modification Report presented to the Panel", from: ["IN_REFINEMENT"], to: "REPORT_PRESENTED", actor: "SEC Panel" },
  { name: "report-consultation-opened", label: "Modification Report Consultation opened", from: ["REPORT_PRESENTED"], to: "REPORT_CONSULTATION", actor: "SECAS" },
  { name: "report-consultation-closed", label: "Modification Report Consultation closed", from: ["REPORT_CONSULTATION"], to: "AWAITING_CHANGE_BOARD", actor: "SECAS" },
  { name: "change-board-recommends", label: "Change Board recommendation sent to the Authority", from: ["AWAITING_CHANGE_BOARD"], to: "AWAITING_AUTHORITY", actor: "Change Board" },
  { name: "change-board-approves", label: "Change Board approves (self-governance)", from: ["AWAITING_CHANGE_BOARD"], to: "APPROVED", actor: "Change Board" },
  { name: "change-board-rejects", label: "Change Board rejects (self-governance)", from: ["AWAITING_CHANGE_BOARD"], to: "REJECTED", actor: "Change Board" },
  { name: "authority-approves", label: "Authority approves", from: ["AWAITING_AUTHORITY"], to: "APPROVED", actor: "Authority" },
  { name: "authority-rejects", label: "Authority rejects", from: ["AWAITING_AUTHORITY"], to: "REJECTED", actor: "Authority" },
  { name: "panel-approves", label: "Panel approves (Fast-Track Self-Governance)", from: ["DRAFT_RAISED", "READY_FOR_PANEL"], to: "APPROVED", actor: "SEC Panel" },
  { name: "panel-rejects", label: "Panel rejects (Fast-Track Self-Governance)", from: ["DRAFT_RAISED", "READY_FOR_PANEL"], to: "REJECTED", actor: "SEC Panel" },
  { name: "sent-back", label: "Sent back to the Working Group", from: ["REPORT_PRESENTED", "REPORT_CONSULTATION", "AWAITING_CHANGE_BOARD", "AWAITING_AUTHORITY"], to: "IN_REFINEMENT", actor: "Change Board" },
  { name: "implemented", label: "Implemented", from: ["APPROVED"], to: "IMPLEMENTED", actor: "SECAS" },
  { name: "withdrawn", label: "Withdrawn", from: openStatuses, to: "WITHDRAWN", actor: "Proposer" },
] as const satisfies readonly { name: string; label: string; from: readonly ModificationStatus[]; to: ModificationStatus; actor: string }[];

export type LifecycleEventName = (typeof lifecycleEvents)[number]["name"];
