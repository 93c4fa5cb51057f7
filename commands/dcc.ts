import { z } from "zod";
import { parseReference } from "../src/domain/references.ts";
import type { AppContext } from "../src/appContext.ts";
import { latestAssessment } from "../src/data/assessments.ts";
import { checkRole } from "../src/data/roles.ts";
import { assessmentLabel, assessmentStatusLabels, isClosedAssessment, type AssessmentType } from "../src/domain/assessmentEntry.ts";
import { isModificationProposal } from "../src/domain/references.ts";
import { dccFormView } from "../src/slack/blocks/dccModal.ts";
import { openModal, type ModalOrReply } from "./support/modals.ts";
import { resolveReference } from "./support/reference.ts";
import { defineSubcommand } from "./types.ts";

export const LOGGING_DCC = "Logging DCC assessment dates";
const usage = "/mod dcc REF [PA|IA] [new]";

/**
 * The modal for the modification's PA or IA; without a type, the one still open, else the latest.
 * `newRequest`: a new request after the latest was delivered or cancelled (PA 2, say).
 */
export async function dccModalFor(ctx: AppContext, userId: string, typed: string, type?: AssessmentType, newRequest = false): Promise<ModalOrReply> {
  const allowed = await checkRole(ctx, userId, "DCC", LOGGING_DCC);
  if (!allowed.ok) return { text: allowed.message };
  const found = await resolveReference(ctx, typed);
  if (!found.ok) return found.reply;
  const draft = await draftProposalAnswer(ctx, found.id);
  if (draft) return { text: draft };
  const chosen = type ?? (await defaultType(ctx, found.id));
  const stored = await latestAssessment(ctx, found.id, chosen);
  if (newRequest && stored && !isClosedAssessment(stored.status)) {
    const label = assessmentLabel(chosen, stored.sequence);
    return {
      text:
        `${found.reference}'s ${label} is ${assessmentStatusLabels[stored.status].toLowerCase()}, so there is no room for a new request yet. ` +
        `Log its delivery or cancel it first: /mod dcc ${found.reference} ${chosen}`,
    };
  }
  return { view: dccFormView({ modificationId: found.id, reference: found.reference, type: chosen }, stored, ctx.today(), { newRequest: newRequest && !!stored }) };
}

/** Why a Draft Proposal has no DCC form, and when it will; null for a Modification Proposal. */
async function draftProposalAnswer(ctx: AppContext, id: number): Promise<string | null> {
  const m = await ctx.prisma.modification.findUniqueOrThrow({ where: { id }, select: { reference: true, series: true, status: true } });
  if (isModificationProposal(m.series)) return null;
  const next = m.status === "READY_FOR_PANEL" ? `once the Panel converts it (/mod move ${m.reference} convert)` : "once the Change Sub-Committee has found it ready and the Panel has converted it";
  return `${m.reference} is a Draft Proposal, and the DCC assesses Modification Proposals: there are no DCC dates to log for it yet. Its Preliminary Assessment can be logged ${next}.`;
}

async function defaultType(ctx: AppContext, modificationId: number): Promise<AssessmentType> {
  const all = await ctx.prisma.assessment.findMany({ where: { modificationId }, orderBy: [{ updatedAt: "desc" }], select: { type: true, status: true } });
  const open = all.find((a) => a.status === "IN_PROGRESS" || a.status === "REQUESTED");
  return (open ?? all.find((a) => a.type === "IA") ?? all[0])?.type ?? "PA";
}

/** "SECMP0024", "MP080 IA", "MP080 ia new", "MP080 new" → the reference, the type and whether it is a new request. */
export function parseDccArgs(text: string): { reference: string; type?: AssessmentType; newRequest: boolean } | null {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let newRequest = false;
  let type: AssessmentType | undefined;
  for (;;) {
    const last = words.at(-1)?.toLowerCase();
    if (words.length > 1 && last === "new" && !newRequest) {
      words.pop();
      newRequest = true;
    } else if (words.length > 1 && (last === "pa" || last === "ia") && !type) {
      words.pop();
      type = last.toUpperCase() as AssessmentType;
    } else break;
  }
  return words.length ? { reference: words.join(" "), type, newRequest } : null;
}

export default defineSubcommand({
  name: "dcc",
  aliases: ["assessment"],
  usage,
  summary: "Log a Modification Proposal's DCC Preliminary or Impact Assessment: dates, DCC's revised date, contact (opens a form); new: a new request after the last was delivered",
  examples: ["/mod dcc SECMP0024", "/mod dcc MP080 IA", "/mod dcc MP062 PA new"],
  args: z
    .string()
    .trim()
    .min(1, `Which modification? Usage: ${usage}`)
    .transform((text, ctx) => {
      const parsed = parseDccArgs(text);
      if (!parsed) {
        ctx.addIssue({ code: "custom", message: `Which modification? Usage: ${usage}` });
        return z.NEVER;
      }
      // "53 XA": a reference followed by a word that is neither type is a slip in the type.
      const words = parsed.reference.split(/\s+/);
      const last = words.at(-1)!;
      if (words.length > 1 && /^[a-z]+$/i.test(last) && parseReference(words.slice(0, -1).join(" "))) {
        ctx.addIssue({ code: "custom", message: `"${last}" isn't PA or IA: say which assessment, e.g. /mod dcc ${words.slice(0, -1).join(" ")} PA. Usage: ${usage}` });
        return z.NEVER;
      }
      return parsed;
    }),
  async run({ reference, type, newRequest }, ctx, invocation) {
    return openModal(invocation, await dccModalFor(ctx, invocation.userId, reference, type, newRequest));
  },
});
