import { closestReferences, parseReference } from "../domain/references.ts";
import { statusesInStage, type Stage } from "../domain/lifecycle.ts";
import type { PrismaClient } from "./database.ts";
import { MODIFICATIONS, type CachedReads, type ReadCache } from "./readCache.ts";
import type { Prisma } from "./generated/prisma/client.ts";

// Finding and loading modifications. A reference resolves by its number, so DP080 still finds
// the modification after the Panel converted it to MP080, and mp53 finds SECMP0053.

export type ReferenceLookup =
  | { kind: "found"; id: number; reference: string }
  | { kind: "not-found"; typed: string; suggestions: { reference: string; title: string }[] }
  | { kind: "not-a-reference"; typed: string };

export async function lookUpReference(prisma: PrismaClient, typed: string): Promise<ReferenceLookup> {
  const parsed = parseReference(typed);
  if (!parsed) return { kind: "not-a-reference", typed };
  const found = await prisma.modification.findUnique({
    where: { number: parsed.number },
    select: { id: true, reference: true },
  });
  if (found) return { kind: "found", id: found.id, reference: found.reference };
  return notFound(prisma, typed);
}

export const modificationCardInclude = {
  raisedBy: true,
  release: { include: { revisionRequests: { orderBy: { requestedOn: "asc" } } } },
  assessments: { orderBy: [{ type: "asc" }, { sequence: "asc" }] },
  consultations: { orderBy: { createdAt: "asc" } },
  changeBoardVotes: { include: { meeting: true, categoryVotes: true }, orderBy: { meeting: { heldOn: "desc" } }, take: 1 },
  authorityDecisions: { orderBy: { decidedOn: "desc" }, take: 1 },
  transitions: { orderBy: [{ occurredOn: "desc" }, { id: "desc" }], take: 1 },
} satisfies Prisma.ModificationInclude;

export type ModificationCard = Prisma.ModificationGetPayload<{ include: typeof modificationCardInclude }>;

// What a cached card is dropped for (see readCache.ts): a change to its own modification's rows
// ("m:<id>", announced by the triggers of the per_modification_changes migration), to the party
// that raised it ("party:<id>") or to a table that cards share. A table added to
// modificationCardInclude needs its name here, or a trigger that announces "m:<id>".
const SHARED_CARD_TABLES = ["release", "release_revision_request", "change_board_meeting"];

export function cardTags(card: ModificationCard | null): string[] {
  if (!card) return [MODIFICATIONS];
  return [`m:${card.id}`, ...(card.raisedById === null ? [] : [`party:${card.raisedById}`]), ...SHARED_CARD_TABLES];
}

const cardKey = (number: number) => `card:${number}`;
/** How a card is read and what it is tagged with, for lookups and for refreshing a warmed card. */
const cardReading = (prisma: PrismaClient, number: number) => ({
  read: () => prisma.modification.findUnique({ where: { number }, include: modificationCardInclude }),
  tagsOf: cardTags,
});
const REFERENCES = "references";
const referencesTags = () => [MODIFICATIONS];

/**
 * Reads every status card and the list of references into the cache in one query, so the first
 * burst of lookups after start is answered from memory. Returns how many entries were stored and
 * the references read (for whatever else start warms from them).
 */
export async function warmModificationCards(prisma: PrismaClient, cache: ReadCache): Promise<{ stored: number; references: string[] }> {
  let references: string[] = [];
  const stored = await cache.warm(async () => {
    const cards = await prisma.modification.findMany({ include: modificationCardInclude });
    references = cards.map((card) => card.reference);
    return [
      ...cards.map((card) => ({
        key: cardKey(card.number),
        value: card as unknown,
        tags: cardTags(card),
        readAgain: cardReading(prisma, card.number) as { read: () => Promise<unknown>; tagsOf: (value: unknown) => string[] },
      })),
      { key: REFERENCES, value: cards.map(({ reference, title, number }) => ({ reference, title, number })), tags: referencesTags() },
    ];
  });
  return { stored, references };
}

export type CardLookup = { kind: "found"; card: ModificationCard } | Exclude<ReferenceLookup, { kind: "found" }>;

/**
 * The status card for what the user typed: one query when the reference exists, none when the
 * same card was read since the register last changed.
 */
export async function lookUpModificationCard(prisma: PrismaClient, typed: string, cache?: CachedReads): Promise<CardLookup> {
  const parsed = parseReference(typed);
  if (!parsed) return { kind: "not-a-reference", typed };
  const { read, tagsOf } = cardReading(prisma, parsed.number);
  // Refreshed ahead: a move, vote or DCC date is usually followed by people looking at the card.
  const card = await (cache ? cache.remember(cardKey(parsed.number), read, tagsOf, { refreshAhead: true }) : read());
  if (card) return { kind: "found", card };
  return notFound(prisma, typed, cache);
}

async function notFound(prisma: PrismaClient, typed: string, cache?: CachedReads): Promise<ReferenceLookup & { kind: "not-found" }> {
  const read = () => prisma.modification.findMany({ select: { reference: true, title: true, number: true } });
  const candidates = await (cache ? cache.remember(REFERENCES, read, referencesTags) : read());
  return { kind: "not-found", typed, suggestions: closestReferences(typed, candidates, 2) };
}

export type ListFilter = { kind: "open" } | { kind: "late" } | { kind: "stage"; stage: Stage } | { kind: "all" };

// Whether an assessment is open and late is the verdict's to say (assessmentTiming.ts), from its
// dates as at the day asked about; these only leave out what can never be: on hold, cancelled.
const clockCanRun = { acceptedOn: { not: null }, status: { notIn: ["ON_HOLD", "CANCELLED"] } } satisfies Prisma.AssessmentWhereInput;

export const listInclude = {
  assessments: { where: clockCanRun, orderBy: [{ type: "asc" }, { sequence: "asc" }] },
} satisfies Prisma.ModificationInclude;

export type ModificationListItem = Prisma.ModificationGetPayload<{ include: typeof listInclude }>;

/** Modifications matching a filter; "late" is narrowed by the caller, which knows the date. */
export function listModifications(prisma: PrismaClient, filter: ListFilter): Promise<ModificationListItem[]> {
  const where: Prisma.ModificationWhereInput =
    filter.kind === "stage"
      ? { status: { in: statusesInStage(filter.stage) } }
      : filter.kind === "open"
        ? { status: { notIn: statusesInStage("Closed") } }
        : filter.kind === "late"
          ? { assessments: { some: clockCanRun } }
          : {};
  return prisma.modification.findMany({ where, include: listInclude, orderBy: { number: "asc" } });
}
