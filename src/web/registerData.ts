import type { AppContext } from "../appContext.ts";
import { modificationCardInclude } from "../data/modifications.ts";
import type { Prisma } from "../data/generated/prisma/client.ts";
import { assessmentVerdict, isLateInProgress, verdictLateness } from "../domain/assessmentTiming.ts";
import { assessmentLabel } from "../domain/assessmentEntry.ts";
import { stageOf, type Stage } from "../domain/lifecycle.ts";
import { nextStepOf } from "../domain/nextStep.ts";
import { parseReference } from "../domain/references.ts";

// What the public register pages read. Lateness and the next step come from the domain's one
// answer (assessmentVerdict / isLateInProgress, nextStepOf), as the status card gives them.
// Nothing here selects who recorded what: actors are Slack user ids.

const rowInclude = {
  raisedBy: true,
  release: true,
  assessments: { orderBy: [{ type: "asc" }, { sequence: "asc" }] },
  consultations: { orderBy: { createdAt: "asc" } },
} satisfies Prisma.ModificationInclude;

type RowSource = Prisma.ModificationGetPayload<{ include: typeof rowInclude }>;

export interface RegisterRow {
  number: number;
  reference: string;
  title: string;
  summary: string | null;
  status: RowSource["status"];
  stage: Stage;
  path: RowSource["path"];
  onHold: boolean;
  proposer: string | null;
  proposerCategory: string | null;
  raisedOn: Date | null;
  release: string | null;
  releaseDate: Date | null;
  nextStep: string;
  /** "PA: 74 WD over the 15 WD target …" for each late assessment in progress. */
  lateness: string[];
}

export function registerRowOf(m: RowSource, asOf: Date): RegisterRow {
  const lateness: string[] = [];
  for (const a of m.assessments) {
    const verdict = assessmentVerdict(a, asOf);
    if (isLateInProgress(verdict)) lateness.push(`${assessmentLabel(a.type, a.sequence)}: ${verdictLateness(verdict)}`);
  }
  return {
    number: m.number,
    reference: m.reference,
    title: m.title,
    summary: m.summary,
    status: m.status,
    stage: stageOf(m.status),
    path: m.path,
    onHold: m.onHold,
    proposer: m.raisedBy?.name ?? null,
    proposerCategory: m.raisedBy?.category ?? null,
    raisedOn: m.raisedOn,
    release: m.release?.name ?? null,
    releaseDate: m.release?.plannedDate ?? null,
    nextStep: nextStepOf(m),
    lateness,
  };
}

/** Every modification as a register row, as at today; kept in memory until the register changes. */
export async function loadRegisterRows(ctx: AppContext): Promise<RegisterRow[]> {
  const today = ctx.today();
  return ctx.cache.remember(`web:register:${today.toISOString()}`, async () => {
    const mods = await ctx.prisma.modification.findMany({ include: rowInclude, orderBy: { number: "asc" } });
    return mods.map((m) => registerRowOf(m, today));
  });
}

export const pageInclude = {
  ...modificationCardInclude,
  assessments: { orderBy: [{ type: "asc" }, { sequence: "asc" }], include: { revisions: { orderBy: { revisedAt: "asc" } } } },
  changeBoardVotes: { include: { meeting: true, categoryVotes: true }, orderBy: { meeting: { heldOn: "desc" } } },
  authorityDecisions: { orderBy: { decidedOn: "desc" } },
  transitions: { orderBy: [{ occurredOn: "desc" }, { id: "desc" }] },
  workingGroupItems: { include: { meeting: true } },
} satisfies Prisma.ModificationInclude;

export type ModificationPageData = Prisma.ModificationGetPayload<{ include: typeof pageInclude }>;

export type PageLookup = { kind: "found"; mod: ModificationPageData } | { kind: "not-found" } | { kind: "not-a-reference" };

export async function loadModificationPage(ctx: AppContext, typed: string): Promise<PageLookup> {
  const parsed = parseReference(typed);
  if (!parsed) return { kind: "not-a-reference" };
  const mod = await ctx.cache.remember(`web:mod:${parsed.number}`, () =>
    ctx.prisma.modification.findUnique({ where: { number: parsed.number }, include: pageInclude }),
  );
  return mod ? { kind: "found", mod } : { kind: "not-found" };
}
