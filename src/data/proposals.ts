import type { AppContext } from "../appContext.ts";
import { formatReference } from "../domain/references.ts";
import { raisingPartyProblem, type ModificationPath } from "../domain/lifecycle.ts";
import type { PartyCategory } from "../domain/parties.ts";
import { audit, Refusal, writeOnce, type Once } from "./writes.ts";

// Raising a Draft Proposal: the next free number (numbers are shared by DP, MP and SECMP),
// the raising party (new parties are added on the way), the first stage transition.

// Serialises number allocation across replicas: two proposals raised at once get two numbers.
const NUMBER_LOCK = 0x5ec_d9;

export interface NewProposal {
  title: string;
  summary: string;
  solution?: string;
  impactedParties?: string;
  affectedDocuments?: string;
  leadAnalyst?: string;
  path: ModificationPath;
  raisedOn: Date;
  party: { id: number } | { name: string; category: PartyCategory };
}

export interface RaisedProposal {
  id: number;
  reference: string;
  title: string;
  /** The raising party, and the date it raised it (ISO), for the channel's confirmation. */
  partyName: string;
  raisedOn: string;
}

/** The parties for the raise form; from memory until a party changes, so the form opens without the database. */
export function listParties(ctx: AppContext) {
  return ctx.cache.remember(
    "parties",
    () => ctx.prisma.party.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, category: true } }),
    () => ["party"],
  );
}

export async function raiseProposal(ctx: AppContext, proposal: NewProposal, by: { userId: string; key: string }): Promise<Once<RaisedProposal>> {
  return writeOnce(ctx.prisma, by.key, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${NUMBER_LOCK})`;
    let party: { id: number; name: string; category: PartyCategory };
    if ("id" in proposal.party) {
      const found = await tx.party.findUnique({ where: { id: proposal.party.id } });
      if (!found) throw new Refusal("That party no longer exists; pick another.", "party");
      party = found;
    } else {
      const existing = await tx.party.findFirst({ where: { name: { equals: proposal.party.name, mode: "insensitive" } } });
      if (existing) party = existing;
      else {
        const created = await tx.party.create({ data: { name: proposal.party.name, category: proposal.party.category } });
        party = created;
        await audit(tx, { modificationId: null, entity: "party", entityId: created.id, action: "added", after: { name: created.name, category: created.category }, actor: by.userId, at: ctx.now() });
      }
    }
    // Only the Panel raises Fast-Track Self-Governance modifications (the transaction undoes a party just added).
    const partyProblem = raisingPartyProblem(proposal.path, party);
    if (partyProblem) throw new Refusal(partyProblem, "path");
    const highest = await tx.modification.aggregate({ _max: { number: true } });
    const number = (highest._max.number ?? 0) + 1;
    const reference = formatReference("DP", number);
    const row = await tx.modification.create({
      data: {
        number,
        series: "DP",
        reference,
        title: proposal.title,
        summary: proposal.summary,
        solution: proposal.solution ?? null,
        impactedParties: proposal.impactedParties ?? null,
        affectedDocuments: proposal.affectedDocuments ?? null,
        leadAnalyst: proposal.leadAnalyst ?? null,
        raisedById: party.id,
        raisedOn: proposal.raisedOn,
        path: proposal.path,
        status: "DRAFT_RAISED",
        transitions: {
          create: { toStatus: "DRAFT_RAISED", event: "Draft Proposal raised", occurredOn: proposal.raisedOn, actor: by.userId },
        },
      },
    });
    await audit(tx, {
      modificationId: row.id,
      entity: "modification",
      entityId: row.id,
      action: "raised",
      after: { reference, title: row.title, path: row.path, raisedOn: row.raisedOn, raisedBy: party.name, status: row.status },
      actor: by.userId,
      at: ctx.now(),
    });
    return { id: row.id, reference, title: row.title, partyName: party.name, raisedOn: proposal.raisedOn.toISOString().slice(0, 10) };
  });
}
