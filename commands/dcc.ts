import { z } from "zod";
import type { AppContext } from "../src/appContext.ts";
import { latestAssessment } from "../src/data/assessments.ts";
import { checkRole } from "../src/data/roles.ts";
import type { AssessmentType } from "../src/domain/assessmentEntry.ts";
import { describeAssessment } from "../src/slack/blocks/assessmentLines.ts";
import { dccModal, dccValuesFrom } from "../src/slack/blocks/dccModal.ts";
import { openModal, type ModalOrReply } from "./support/modals.ts";
import { resolveReference } from "./support/reference.ts";
import { defineSubcommand } from "./types.ts";

export const LOGGING_DCC = "Logging DCC assessment dates";
const usage = "/mod dcc REF [PA|IA]";

/** The modal for the modification's PA or IA; without a type, the one still open, else the latest. */
export async function dccModalFor(ctx: AppContext, userId: string, typed: string, type?: AssessmentType): Promise<ModalOrReply> {
  const allowed = await checkRole(ctx, userId, "DCC", LOGGING_DCC);
  if (!allowed.ok) return { text: allowed.message };
  const found = await resolveReference(ctx, typed);
  if (!found.ok) return found.reply;
  const chosen = type ?? (await defaultType(ctx, found.id));
  const stored = await latestAssessment(ctx, found.id, chosen);
  const heading = stored ? describeAssessment(stored, ctx.today()).map((line) => `Now: ${line}`) : [];
  if (stored?.targetDate) heading.push("Changing the accepted date or the duration keeps the old target in the history.");
  return {
    view: dccModal({ modificationId: found.id, reference: found.reference, type: chosen, version: stored?.version ?? null }, dccValuesFrom(stored, chosen), ctx.today(), heading),
  };
}

async function defaultType(ctx: AppContext, modificationId: number): Promise<AssessmentType> {
  const all = await ctx.prisma.assessment.findMany({ where: { modificationId }, orderBy: [{ updatedAt: "desc" }], select: { type: true, status: true } });
  const open = all.find((a) => a.status === "IN_PROGRESS" || a.status === "REQUESTED");
  return (open ?? all.find((a) => a.type === "IA") ?? all[0])?.type ?? "PA";
}

export default defineSubcommand({
  name: "dcc",
  aliases: ["assessment"],
  usage,
  summary: "Log a DCC Preliminary or Impact Assessment's dates (opens a form)",
  examples: ["/mod dcc SECMP0024", "/mod dcc MP080 IA"],
  args: z
    .string()
    .trim()
    .min(1, `Which modification? Usage: ${usage}`)
    .transform((text, ctx) => {
      const [reference, ...rest] = text.split(/\s+(?=(?:pa|ia)$)/i);
      const type = rest[0]?.toUpperCase() as AssessmentType | undefined;
      if (!reference) {
        ctx.addIssue({ code: "custom", message: `Which modification? Usage: ${usage}` });
        return z.NEVER;
      }
      return { reference, type };
    }),
  async run({ reference, type }, ctx, invocation) {
    return openModal(invocation.client, invocation.triggerId, await dccModalFor(ctx, invocation.userId, reference, type));
  },
});
