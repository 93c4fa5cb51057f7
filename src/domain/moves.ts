import { describeStatus, isConcluded, lifecycleEvents, type LifecycleEventName, type ModificationStatus } from "./lifecycle.ts";

// The steps a person can record against a modification: the status-changing lifecycle events
// (lifecycle.ts) plus the steps that happen within a status — Working Group meetings,
// Refinement Consultations, going on hold and resuming. One table, so the status card's
// buttons, `/mod move` and the modal all offer and refuse the same things.

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
  /** Short words people type after `/mod move REF`. */
  aliases: readonly string[];
  actor: string;
  /** The status afterwards; undefined when the status does not change. */
  to?: ModificationStatus;
}

export interface MoveState {
  status: ModificationStatus;
  onHold: boolean;
  /** Kinds of consultation currently open. */
  openConsultations: readonly ("REFINEMENT" | "MODIFICATION_REPORT")[];
}

const aliasesByEvent: Record<LifecycleEventName, readonly string[]> = {
  "csc-ready": ["ready", "csc"],
  convert: ["panel-convert", "mp"],
  "report-presented": ["report", "presented"],
  "report-consultation-opened": ["report-consultation", "consultation-opened"],
  "report-consultation-closed": ["consultation-closed"],
  "change-board-recommends": ["recommend"],
  "change-board-approves": [],
  "change-board-rejects": [],
  "authority-approves": ["approved"],
  "authority-rejects": ["rejected"],
  "sent-back": ["send-back", "back"],
  implemented: ["done"],
  withdrawn: ["withdraw"],
};

const sideSteps: readonly Move[] = [
  { name: "working-group-meeting", label: "Working Group meeting held", aliases: ["wg", "wg-meeting", "meeting"], actor: "Working Group" },
  { name: "refinement-consultation-issued", label: "Refinement Consultation issued", aliases: ["refinement-issued", "rc-issued"], actor: "SECAS" },
  { name: "refinement-consultation-closed", label: "Refinement Consultation closed", aliases: ["refinement-closed", "rc-closed"], actor: "SECAS" },
  { name: "on-hold", label: "Put on hold", aliases: ["hold"], actor: "SEC Panel" },
  { name: "resumed", label: "Resumed from hold", aliases: ["resume"], actor: "SEC Panel" },
];

export const moves: readonly Move[] = [
  ...lifecycleEvents.map((event) => ({ name: event.name, label: event.label, aliases: aliasesByEvent[event.name], actor: event.actor, to: event.to })),
  ...sideSteps,
];

export function moveNamed(typed: string): Move | undefined {
  const wanted = typed.trim().toLowerCase();
  return moves.find((move) => move.name === wanted || move.aliases.includes(wanted));
}

// Why a step can't happen now, or null when it can.
function obstacle(move: Move, state: MoveState): string | null {
  const concluded = isConcluded(state.status);
  if (state.onHold && move.name !== "resumed" && move.name !== "withdrawn") return "it is on hold; resume it first";
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
    default: {
      const event = lifecycleEvents.find((e) => e.name === move.name)!;
      return (event.from as readonly ModificationStatus[]).includes(state.status)
        ? null
        : `“${move.label}” can't happen while it is ${describeStatus(state.status)}`;
    }
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

/** "Allowed now: CSC says ready for the Panel (`ready`), Withdrawn (`withdrawn`)." */
export function describeAllowed(allowed: readonly Move[]): string {
  if (allowed.length === 0) return "Nothing can be recorded against it now.";
  return `Allowed now: ${allowed.map((m) => `${m.label} (\`${m.aliases[0] ?? m.name}\`)`).join(", ")}.`;
}
