import type { AppContext } from "../appContext.ts";
import type { ShownAssessment } from "../domain/assessmentTiming.ts";
import type { NextStepInput } from "../domain/nextStep.ts";
import type { PartyCategory } from "../domain/parties.ts";
import { loadDigestData, type DigestData } from "./digest.ts";
import { rolesOf, type UserRoles } from "./roles.ts";
import { watchedBy, watcherChoices, type WatchedModification, type WatcherChoices } from "./watches.ts";

// Everything one person's Home tab shows, in a handful of queries: their roles, what waits on
// them in each role, what they watch with its latest change, and their message choices. The
// view is drawn from this by a pure function (src/slack/blocks/home.ts).

export interface HomeAssessment extends ShownAssessment {
  reference: string;
  title: string;
  sequence: number;
  contact: string | null;
}

export interface HomeVoteItem {
  reference: string;
  title: string;
  /** The latest Change Board meeting that voted on it, and whether this category voted there. */
  lastMeeting: Date | null;
  votedThere: boolean;
}

export interface HomeWatched extends WatchedModification {
  next: NextStepInput;
}

export interface HomeData {
  userId: string;
  today: Date;
  roles: UserRoles;
  choices: WatcherChoices;
  watched: HomeWatched[];
  /** Open DCC assessments whose contact is this person (DCC role or not: the nudges name them). */
  assessments: HomeAssessment[];
  /** For a Change Board member: their voting group and what awaits its vote. */
  changeBoard: { category: PartyCategory; items: HomeVoteItem[] } | null;
  /** For an administrator: what the digest reads, as at today (no changes, just what falls due and is late). */
  admin: DigestData | null;
}

/** How a contact may be stored: the id, or as Slack wrote the mention. */
function contactForms(userId: string): string[] {
  return [userId, `<@${userId}>`, `@${userId}`];
}

export async function loadHome(ctx: AppContext, userId: string, horizon: Date): Promise<HomeData> {
  const today = ctx.today();
  const now = ctx.now();
  const roles = await rolesOf(ctx, userId);
  const category = roles.roles.find((r) => r.role === "CHANGE_BOARD")?.category ?? null;
  const [choices, watched, assessments, voteItems, admin] = await Promise.all([
    watcherChoices(ctx.prisma, userId),
    // Cached: watches raise the change notification (watching migration), and every audit
    // entry is written with a change to the register, so "latest change" can't go stale.
    ctx.cache.remember(`home:watched:${userId}`, () => watchedBy(ctx.prisma, userId)),
    ctx.cache.remember(`home:contact:${userId}:${today.toISOString()}`, () => ctx.prisma.assessment.findMany({
      where: { contact: { in: contactForms(userId) }, status: { notIn: ["CANCELLED"] }, OR: [{ deliveredOn: null }, { deliveredOn: { gt: today } }] },
      select: {
        type: true,
        sequence: true,
        status: true,
        requestReceivedOn: true,
        acceptedOn: true,
        targetDurationWd: true,
        targetDate: true,
        deliveredOn: true,
        note: true,
        contact: true,
        modification: { select: { reference: true, title: true } },
      },
    })),
    category
      ? ctx.cache.remember("home:awaiting-change-board", () => ctx.prisma.modification.findMany({
          where: { status: "AWAITING_CHANGE_BOARD", onHold: false, OR: [{ path: null }, { path: { not: "FAST_TRACK" } }] },
          orderBy: { number: "asc" },
          select: {
            reference: true,
            title: true,
            changeBoardVotes: { orderBy: { meeting: { heldOn: "desc" } }, take: 1, select: { meeting: { select: { heldOn: true } }, categoryVotes: { select: { category: true } } } },
          },
        }))
      : Promise.resolve(null),
    roles.isAdmin
      ? // The same for every administrator until the register changes (or the day does).
        ctx.cache.remember(`home:admin:${today.toISOString()}:${horizon.toISOString()}`, () => loadDigestData(ctx.prisma, { since: now, sinceDate: today, now, today, horizon }))
      : Promise.resolve(null),
  ]);
  const watchedIds = watched.map((w) => w.modificationId);
  // Register data, so it may be served from memory until the register changes.
  const nextInputs = watched.length
    ? await ctx.cache.remember(`home:next:${watchedIds.join(",")}`, () => ctx.prisma.modification.findMany({
        where: { id: { in: watchedIds } },
        select: {
          id: true,
          status: true,
          path: true,
          onHold: true,
          consultations: { select: { kind: true, status: true, expectedWeekCommencing: true, opensOn: true, closesOn: true, openWorkingDays: true }, orderBy: { createdAt: "asc" } },
          release: { select: { name: true, plannedDate: true, dateDescription: true } },
        },
      }))
    : [];
  const nextById = new Map(nextInputs.map(({ id, ...next }) => [id, next]));
  return {
    userId,
    today,
    roles,
    choices,
    watched: watched.flatMap((w) => {
      const next = nextById.get(w.modificationId);
      return next ? [{ ...w, next }] : [];
    }),
    assessments: assessments.map(({ modification, ...a }) => ({ ...a, reference: modification.reference, title: modification.title })),
    changeBoard:
      category && voteItems
        ? {
            category,
            items: voteItems.map((m) => {
              const last = m.changeBoardVotes[0];
              return { reference: m.reference, title: m.title, lastMeeting: last?.meeting.heldOn ?? null, votedThere: !!last?.categoryVotes.some((c) => c.category === category) };
            }),
          }
        : null,
    admin,
  };
}

/** Every reference and title, for the Home tab's "Open a status card…" search. */
export function allReferences(ctx: AppContext): Promise<{ reference: string; title: string; number: number }[]> {
  return ctx.cache.remember("references", () => ctx.prisma.modification.findMany({ select: { reference: true, title: true, number: true } }));
}
