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

export type ModificationPath = "AUTHORITY_DETERMINED" | "SELF_GOVERNANCE" | "FAST_TRACK";

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

export const pathLabels: Record<ModificationPath, string> = {
  AUTHORITY_DETERMINED: "Authority Determined",
  SELF_GOVERNANCE: "Self-Governance",
  FAST_TRACK: "Fast-Track",
};

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
  { name: "sent-back", label: "Sent back to the Working Group", from: ["REPORT_PRESENTED", "REPORT_CONSULTATION", "AWAITING_CHANGE_BOARD", "AWAITING_AUTHORITY"], to: "IN_REFINEMENT", actor: "Change Board" },
  { name: "implemented", label: "Implemented", from: ["APPROVED"], to: "IMPLEMENTED", actor: "SECAS" },
  { name: "withdrawn", label: "Withdrawn", from: openStatuses, to: "WITHDRAWN", actor: "Proposer" },
] as const satisfies readonly { name: string; label: string; from: readonly ModificationStatus[]; to: ModificationStatus; actor: string }[];

export type LifecycleEventName = (typeof lifecycleEvents)[number]["name"];
