import { describeStatus, isConcluded, lifecycleEvents, pathLabels, type LifecycleEventName, type ModificationPath, type ModificationStatus } from "./lifecycle.ts";

// The steps a person can record against a modification: the status-changing lifecycle events
// (lifecycle.ts) plus the steps that happen within a status — Working Group meetings,
// Refinement Consultations, going on hold and resuming — and which of them each SEC path
// allows. One table, so the status card's buttons, `/mod move`, its form, `/mod help move` and
// the README offer and refuse the same things under the same names.

export type SideStepName =
  | "working-group-meeting"
  | "refinement-consultation-issued"
  | "refinement-consultation-closed"
  | "on-hold"
  | "resumed";
export type MoveName = LifecycleEventName | SideStepName;

export interface Move {
  name: MoveName;
  label: string;
  /** The word people type after `/mod move REF`, as the README and help list it. */
  word: string;
  /** Other words that mean the same step. */
  aliases: readonly string[];
  actor: string;
  /** The status afterwards; undefined when the status does not change. */
  to?: ModificationStatus;
}

export interface MoveState {
  status: ModificationStatus;
  /** The path decides who decides; null (not recorded) allows every step but the Panel's fast-track decisions. */
  path: ModificationPath | null;
  onHold: boolean;
  /** Kinds of consultation currently open. */
  openConsultations: readonly ("REFINEMENT" | "MODIFICATION_REPORT")[];
}

// `approved` and `rejected` mean whichever decision the modification's path and status allow
// now (the Authority's, the Change Board's under self-governance, or the Panel's on the fast
// track), so the words people used before the paths were complete keep working.
const wordsByEvent: Record<LifecycleEventName, { word: string; aliases: readonly string[] }> = {
  "csc-ready": { word: "ready", aliases: ["csc", "csc-ready"] },
  convert: { word: "convert", aliases: ["panel-convert", "mp"] },
  "report-presented": { word: "report", aliases: ["presented", "report-presented"] },
  "report-consultation-opened": { word: "report-consultation", aliases: ["consultation-opened", "report-consultation-opened"] },
  "report-consultation-closed": { word: "consultation-closed", aliases: ["report-consultation-closed"] },
  "change-board-recommends": { word: "recommend", aliases: ["recommended", "change-board-recommends"] },
  "change-board-approves": { word: "cb-approved", aliases: ["approved", "cb-approve", "change-board-approves"] },
  "change-board-rejects": { word: "cb-rejected", aliases: ["rejected", "cb-reject", "change-board-rejects"] },
  "authority-approves": { word: "authority-approved", aliases: ["approved", "authority-approves"] },
  "authority-rejects": { word: "authority-rejected", aliases: ["rejected", "authority-rejects"] },
  "panel-approves": { word: "panel-approved", aliases: ["approved", "panel-approves"] },
  "panel-rejects": { word: "panel-rejected", aliases: ["rejected", "panel-rejects"] },
  "sent-back": { word: "back", aliases: ["send-back", "sent-back"] },
  implemented: { word: "implemented", aliases: ["done"] },
  withdrawn: { word: "withdraw", aliases: ["withdrawn"] },
};

const sideSteps: readonly Move[] = [
  { name: "working-group-meeting", label: "Working Group meeting held", word: "wg", aliases: ["wg-meeting", "meeting", "working-group-meeting"], actor: "Working Group" },
  { name: "refinement-consultation-issued", label: "Refinement Consultation issued", word: "refinement-issued", aliases: ["rc-issued", "refinement-consultation-issued"], actor: "SECAS" },
  { name: "refinement-consultation-closed", label: "Refinement Consultation closed", word: "refinement-closed", aliases: ["rc-closed", "refinement-consultation-closed"], actor: "SECAS" },
  { name: "on-hold", label: "Put on hold", word: "hold", aliases: ["on-hold"], actor: "SEC Panel" },
  { name: "resumed", label: "Resumed from hold", word: "resume", aliases: ["resumed"], actor: "SEC Panel" },
];

export const moves: readonly Move[] = [
  ...lifecycleEvents.map((event) => ({ name: event.name, label: event.label, ...wordsByEvent[event.name], actor: event.actor, to: event.to })),
  ...sideSteps,
];

// ---------------------------------------------------------------------------------------------
// What each path allows

const changeBoardRecommends: readonly MoveName[] = ["change-board-recommends", "authority-approves", "authority-rejects"];
const changeBoardDecides: readonly MoveName[] = ["change-board-approves", "change-board-rejects"];
const panelDecides: readonly MoveName[] = ["panel-approves", "panel-rejects"];
const refinementAndChangeBoard: readonly MoveName[] = [
  "csc-ready",
  "convert",
  "working-group-meeting",
  "refinement-consultation-issued",
  "refinement-consultation-closed",
  "report-presented",
  "report-consultation-opened",
  "report-consultation-closed",
  "sent-back",
];

interface PathRule {
  /** Steps this path never has, and why, in words. */
  without: readonly MoveName[];
  why: string;
  /** Steps the path allows from more statuses than the lifecycle's usual ones. */
  alsoFrom?: Partial<Record<MoveName, readonly ModificationStatus[]>>;
}

export const pathRules: Record<ModificationPath | "NOT_RECORDED", PathRule> = {
  AUTHORITY_LED: { without: [...changeBoardDecides, ...panelDecides], why: "on the Authority-led path the Change Board recommends and the Authority decides" },
  AUTHORITY_DETERMINED: { without: [...changeBoardDecides, ...panelDecides], why: "on the Authority Determined path the Change Board recommends and the Authority decides" },
  SELF_GOVERNANCE: { without: [...changeBoardRecommends, ...panelDecides], why: "on the Self-Governance path the Change Board decides; the Authority isn't asked" },
  FAST_TRACK: {
    without: [...refinementAndChangeBoard, ...changeBoardRecommends, ...changeBoardDecides],
    why: "on the Fast-Track Self-Governance path the Panel decides: there is no Working Group, Change Board or Authority decision",
  },
  // The urgent timetable is agreed with the Authority: the proposal goes straight to the Panel.
  URGENT: {
    without: [...changeBoardDecides, ...panelDecides],
    why: "an Urgent modification runs to a timetable agreed with the Authority, which decides",
    alsoFrom: { convert: ["DRAFT_RAISED", "READY_FOR_PANEL"] },
  },
  NOT_RECORDED: { without: panelDecides, why: "only the Panel decides Fast-Track Self-Governance modifications, and its path isn't recorded as one" },
};

/** The step names a path allows (some only from some statuses), in lifecycle order. */
export function stepsOnPath(path: ModificationPath | null): Move[] {
  const rule = pathRules[path ?? "NOT_RECORDED"];
  return moves.filter((move) => !rule.without.includes(move.name));
}

// ---------------------------------------------------------------------------------------------

/** The steps a typed word may mean ("approved" has several; the path and status pick one). */
export function movesNamed(typed: string): Move[] {
  const wanted = typed.trim().toLowerCase();
  return moves.filter((move) => move.name === wanted || move.word === wanted || move.aliases.includes(wanted));
}

/** The step a typed word means in this state: the one allowed now among those it may mean, else the first. */
export function moveNamed(typed: string, state?: MoveState): Move | undefined {
  const candidates = movesNamed(typed);
  return (state && candidates.find((move) => obstacle(move, state) === null)) ?? candidates[0];
}

function fromStatuses(move: Move, path: ModificationPath | null): readonly ModificationStatus[] {
  const event = lifecycleEvents.find((e) => e.name === move.name);
  if (!event) return [];
  return [...event.from, ...(pathRules[path ?? "NOT_RECORDED"].alsoFrom?.[move.name] ?? [])];
}

// Why a step can't happen now, or null when it can.
function obstacle(move: Move, state: MoveState): string | null {
  const concluded = isConcluded(state.status);
  if (state.onHold && move.name !== "resumed" && move.name !== "withdrawn") return "it is on hold; resume it first";
  const rule = pathRules[state.path ?? "NOT_RECORDED"];
  if (rule.without.includes(move.name)) return `“${move.label}” isn't a step here: ${rule.why}`;
  switch (move.name) {
    case "resumed":
      return state.onHold ? null : "it isn't on hold";
    case "on-hold":
      return concluded ? `it has concluded (${describeStatus(state.status)})` : null;
    case "working-group-meeting":
    case "refinement-consultation-issued":
      if (state.status !== "IN_REFINEMENT") return `that happens while it is with the Working Group, and it is ${describeStatus(state.status)}`;
      return move.name === "refinement-consultation-issued" && state.openConsultations.includes("REFINEMENT")
        ? "a Refinement Consultation is already open"
        : null;
    case "refinement-consultation-closed":
      return state.openConsultations.includes("REFINEMENT") ? null : "no Refinement Consultation is open";
    default:
      return fromStatuses(move, state.path).includes(state.status) ? null : `“${move.label}” can't happen while it is ${describeStatus(state.status)}`;
  }
}

/** The steps that may be recorded now, in lifecycle order. */
export function movesAllowed(state: MoveState): Move[] {
  return moves.filter((move) => obstacle(move, state) === null);
}

export type MoveCheck = { ok: true; move: Move } | { ok: false; reason: string; allowed: Move[] };

export function checkMove(state: MoveState, name: MoveName): MoveCheck {
  const move = moves.find((m) => m.name === name)!;
  const reason = obstacle(move, state);
  return reason === null ? { ok: true, move } : { ok: false, reason, allowed: movesAllowed(state) };
}

/** "Allowed now: CSC says ready for the Panel (`ready`), Withdrawn (`withdraw`)." */
export function describeAllowed(allowed: readonly Move[]): string {
  if (allowed.length === 0) return "Nothing can be recorded against it now.";
  return `Allowed now: ${allowed.map((m) => `${m.label} (\`${m.word}\`)`).join(", ")}.`;
}

/** "Panel converts to a Modification Proposal · convert": a form option, within Slack's 75 characters. */
export function moveOptionText(move: Move): string {
  return `${move.label} · ${move.word}`;
}

/** The step words in lifecycle order, each once, for help and error messages. */
export function stepWords(): string[] {
  return moves.map((m) => m.word);
}

/** "Path 2: Authority Determined — recommend, authority-approved, …": which decision steps each path has, for help. */
export function decisionStepsByPath(): string[] {
  const decisions: readonly MoveName[] = [...changeBoardRecommends, ...changeBoardDecides, ...panelDecides];
  return (Object.keys(pathLabels) as ModificationPath[]).map((path) => {
    const words = stepsOnPath(path)
      .filter((m) => decisions.includes(m.name))
      .map((m) => m.word);
    return `${pathLabels[path]}: ${words.join(", ")}`;
  });
}
