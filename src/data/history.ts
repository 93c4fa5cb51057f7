import type { AppContext } from "../appContext.ts";

// A modification's history: every write made through the bot (audit_entry, before → after),
// plus the lifecycle steps that came with an imported register and so have no audit entry.

export interface HistoryItem {
  at: Date;
  /** The calendar date the step happened on, when it differs from when it was recorded. */
  occurredOn: Date | null;
  actor: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const SLACK_ID = /^[UW][A-Z0-9]+$/;

export async function historyOf(ctx: AppContext, modificationId: number): Promise<HistoryItem[]> {
  const [entries, transitions] = await Promise.all([
    ctx.prisma.auditEntry.findMany({ where: { modificationId }, orderBy: [{ at: "desc" }, { id: "desc" }] }),
    ctx.prisma.stageTransition.findMany({ where: { modificationId }, orderBy: [{ occurredOn: "desc" }, { id: "desc" }] }),
  ]);
  const fromAudit: HistoryItem[] = entries.map((e) => ({
    at: e.at,
    occurredOn: null,
    actor: e.actor,
    action: e.action,
    before: (e.before ?? null) as Record<string, unknown> | null,
    after: (e.after ?? null) as Record<string, unknown> | null,
  }));
  // Steps recorded through Slack are already in the audit trail under the same user.
  const imported: HistoryItem[] = transitions
    .filter((t) => !SLACK_ID.test(t.actor))
    .map((t) => ({
      at: t.occurredOn,
      occurredOn: t.occurredOn,
      actor: t.actor,
      action: t.event,
      before: t.fromStatus ? { status: t.fromStatus } : null,
      after: { status: t.toStatus, ...(t.note ? { note: t.note } : {}) },
    }));
  return [...fromAudit, ...imported].sort((a, b) => b.at.getTime() - a.at.getTime());
}
