import type { AppContext } from "../appContext.ts";
import { compareDates, formatReportDate } from "../domain/calendarDate.ts";
import { describeStatus, type ModificationPath, type ModificationStatus } from "../domain/lifecycle.ts";
import { checkMove, describeAllowed, type MoveName, type MoveState } from "../domain/moves.ts";
import { formatReference } from "../domain/references.ts";
import { nthWorkingDay } from "../domain/workingDays.ts";
import type { Prisma } from "./generated/prisma/client.ts";
import { audit, Refusal, StaleEdit, writeOnce, type Once, type Tx } from "./writes.ts";

// Recording lifecycle steps: the status change (or the step within a status), what the step
// brings with it (a new reference, a consultation, a decision), the stage transition and the
// audit entry, in one transaction on a locked modification row.

/** The Modification Report Consultation is open for 15 working days (DOMAIN.md, "Opine"). */
export const REPORT_CONSULTATION_WORKING_DAYS = 15;

export interface LockedModification {
  id: number;
  number: number;
  reference: string;
  title: string;
  status: ModificationStatus;
  path: ModificationPath | null;
  onHold: boolean;
  raisedOn: Date | null;
  version: number;
  openConsultations: ("REFINEMENT" | "MODIFICATION_REPORT")[];
  lastStepOn: Date | null;
}

/** Loads the modification and locks its row until the transaction ends: writes to one modification queue. */
export async function lockModification(tx: Tx, id: number): Promise<LockedModification> {
  await tx.$executeRaw`SELECT id FROM modification WHERE id = ${id} FOR UPDATE`;
  const row = await tx.modification.findUniqueOrThrow({
    where: { id },
    include: {
      consultations: { where: { status: "OPEN" }, select: { kind: true } },
      transitions: { orderBy: { occurredOn: "desc" }, take: 1, select: { occurredOn: true } },
    },
  });
  return {
    id: row.id,
    number: row.number,
    reference: row.reference,
    title: row.title,
    status: row.status,
    path: row.path,
    onHold: row.onHold,
    raisedOn: row.raisedOn,
    version: row.version,
    openConsultations: row.consultations.map((c) => c.kind),
    lastStepOn: row.transitions[0]?.occurredOn ?? null,
  };
}

export function moveStateOf(m: LockedModification): MoveState {
  return { status: m.status, path: m.path, onHold: m.onHold, openConsultations: m.openConsultations };
}

export function describeNow(m: LockedModification): string {
  return `${m.reference} is now ${describeStatus(m.status)}${m.onHold ? " and on hold" : ""}`;
}

export interface MoveResult {
  reference: string;
  previousReference: string;
  label: string;
  from: ModificationStatus;
  to: ModificationStatus;
  occurredOn: string;
  /** The Modification Report Consultation's closing date, when this step opened it. */
  closesOn: string | null;
  /** When this step closed a consultation before its closing date: the date it was due to close. */
  closedEarlyFrom?: string;
}

export async function recordMove(
  ctx: AppContext,
  args: { modificationId: number; move: MoveName; occurredOn: Date; note: string | null; expectedVersion: number | null },
  by: { userId: string; key: string },
): Promise<Once<MoveResult>> {
  return writeOnce(ctx.prisma, by.key, async (tx) => {
    const m = await lockModification(tx, args.modificationId);
    if (args.expectedVersion !== null && m.version !== args.expectedVersion) throw new StaleEdit(describeNow(m));
    return applyMove(tx, ctx, m, { ...args, actor: by.userId });
  });
}

/** The step itself, inside a caller's transaction (a final Change Board vote uses it too). */
export async function applyMove(
  tx: Tx,
  ctx: AppContext,
  m: LockedModification,
  args: { move: MoveName; occurredOn: Date; note: string | null; actor: string },
): Promise<MoveResult> {
  const check = checkMove(moveStateOf(m), args.move);
  if (!check.ok) throw new Refusal(`${m.reference}: ${check.reason}. ${describeAllowed(check.allowed)}`, "move");
  const move = check.move;
  const on = args.occurredOn;
  if (compareDates(on, ctx.today()) > 0) throw new Refusal(`${formatReportDate(on)} is in the future; record a step once it has happened.`, "date");
  const floor = m.lastStepOn ?? m.raisedOn;
  if (floor && compareDates(on, floor) < 0) {
    throw new Refusal(`${m.reference}'s last recorded step was on ${formatReportDate(floor)}; this one can't be earlier.`, "date");
  }
  const to = move.to ?? m.status;
  const data: Prisma.ModificationUncheckedUpdateManyInput = { status: to, version: { increment: 1 } };
  let reference = m.reference;
  let closesOn: Date | null = null;
  let closedEarlyFrom: Date | null = null;
  switch (move.name) {
    case "convert":
    case "panel-approves":
    case "panel-rejects":
      // The Panel's own decision on a fast-track proposal is on a Modification Proposal.
      if (m.reference.startsWith("DP")) {
        reference = formatReference("MP", m.number);
        Object.assign(data, { series: "MP", reference });
      }
      break;
    case "on-hold":
      Object.assign(data, { onHold: true, onHoldReason: args.note });
      break;
    case "resumed":
      Object.assign(data, { onHold: false, onHoldReason: null });
      break;
    case "working-group-meeting": {
      const meeting = await tx.workingGroupMeeting.upsert({ where: { heldOn: on }, create: { heldOn: on }, update: {} });
      await tx.workingGroupItem.upsert({
        where: { meetingId_modificationId: { meetingId: meeting.id, modificationId: m.id } },
        create: { meetingId: meeting.id, modificationId: m.id },
        update: {},
      });
      break;
    }
    case "refinement-consultation-issued":
      await tx.consultation.create({ data: { modificationId: m.id, kind: "REFINEMENT", status: "OPEN", opensOn: on } });
      break;
    case "refinement-consultation-closed":
      await tx.consultation.updateMany({ where: { modificationId: m.id, kind: "REFINEMENT", status: "OPEN" }, data: { status: "CLOSED", closesOn: on } });
      break;
    case "report-consultation-opened": {
      closesOn = nthWorkingDay(on, REPORT_CONSULTATION_WORKING_DAYS);
      const opened = { status: "OPEN" as const, opensOn: on, closesOn, openWorkingDays: REPORT_CONSULTATION_WORKING_DAYS };
      const { count } = await tx.consultation.updateMany({ where: { modificationId: m.id, kind: "MODIFICATION_REPORT", status: "EXPECTED" }, data: opened });
      if (count === 0) await tx.consultation.create({ data: { modificationId: m.id, kind: "MODIFICATION_REPORT", ...opened } });
      break;
    }
    case "report-consultation-closed": {
      const open = await tx.consultation.findFirst({ where: { modificationId: m.id, kind: "MODIFICATION_REPORT", status: "OPEN" }, select: { closesOn: true } });
      if (open?.closesOn && on < open.closesOn) closedEarlyFrom = open.closesOn;
      await tx.consultation.updateMany({ where: { modificationId: m.id, kind: "MODIFICATION_REPORT", status: "OPEN" }, data: { status: "CLOSED" } });
      break;
    }
    case "authority-approves":
    case "authority-rejects":
      await tx.authorityDecision.create({
        data: { modificationId: m.id, decidedOn: on, outcome: move.name === "authority-approves" ? "APPROVED" : "REJECTED", note: args.note, recordedBy: args.actor },
      });
      break;
    case "sent-back":
      if (m.status === "AWAITING_AUTHORITY") {
        await tx.authorityDecision.create({ data: { modificationId: m.id, decidedOn: on, outcome: "SENT_BACK", note: args.note, recordedBy: args.actor } });
      }
      break;
  }
  if (to === "APPROVED" || to === "REJECTED" || to === "WITHDRAWN") data.concludedOn = on;
  if (to === "IN_REFINEMENT" && m.status !== "IN_REFINEMENT") data.concludedOn = null;
  const { count } = await tx.modification.updateMany({ where: { id: m.id, version: m.version }, data });
  if (count === 0) throw new StaleEdit("someone changed it a moment ago");
  await tx.stageTransition.create({
    data: { modificationId: m.id, fromStatus: m.status, toStatus: to, event: move.label, occurredOn: on, actor: args.actor, note: args.note, recordedAt: ctx.now() },
  });
  const before = { status: m.status, onHold: m.onHold, reference: m.reference };
  const after = { status: to, onHold: move.name === "on-hold" ? true : move.name === "resumed" ? false : m.onHold, reference, on, closesOn, note: args.note };
  await audit(tx, { modificationId: m.id, entity: "modification", entityId: m.id, action: move.label, before, after, actor: args.actor, at: ctx.now() });
  return {
    reference,
    previousReference: m.reference,
    label: move.label,
    from: m.status,
    to,
    occurredOn: on.toISOString().slice(0, 10),
    closesOn: closesOn ? closesOn.toISOString().slice(0, 10) : null,
    ...(closedEarlyFrom ? { closedEarlyFrom: closedEarlyFrom.toISOString().slice(0, 10) } : {}),
  };
}

