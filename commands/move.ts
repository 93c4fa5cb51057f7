import { escapeMrkdwn } from "../src/slack/blocks/mrkdwn.ts";
import { z } from "zod";
import type { AppContext } from "../src/appContext.ts";
import { checkRole } from "../src/data/roles.ts";
import { recordMove, type MoveResult } from "../src/data/transitions.ts";
import { Refusal, StaleEdit } from "../src/data/writes.ts";
import { formatReportDate, parseIsoDate } from "../src/domain/calendarDate.ts";
import { describeStatus } from "../src/domain/lifecycle.ts";
import { decisionStepsByPath, moveNamed, moves, movesAllowed, movesNamed, stepWords, type MoveName, type MoveState } from "../src/domain/moves.ts";
import { parsePlainDate } from "../src/domain/plainDates.ts";
import { pluralise } from "../src/domain/text.ts";
import { workingDaysBetween } from "../src/domain/workingDays.ts";
import { moveModal } from "../src/slack/blocks/moveModal.ts";
import { announcement } from "../src/slack/blocks/confirmations.ts";
import { openModal, type ModalOrReply } from "./support/modals.ts";
import { resolveReference } from "./support/reference.ts";
import { defineSubcommand, type CommandOutcome } from "./types.ts";

export const RECORDING_STEPS = "Recording lifecycle steps";
const usage = "/mod move REF [STEP] [DATE]";

async function stateOf(ctx: AppContext, id: number) {
  return ctx.prisma.modification.findUniqueOrThrow({
    where: { id },
    include: { consultations: { where: { status: "OPEN" }, select: { kind: true } } },
  });
}

function moveStateFrom(m: Awaited<ReturnType<typeof stateOf>>): MoveState {
  return { status: m.status, path: m.path, onHold: m.onHold, openConsultations: m.consultations.map((c) => c.kind) };
}

export async function moveModalFor(ctx: AppContext, userId: string, typed: string, chosen?: MoveName, channelId?: string): Promise<ModalOrReply> {
  const allowed = await checkRole(ctx, userId, "ADMIN", RECORDING_STEPS);
  if (!allowed.ok) return { text: allowed.message };
  const found = await resolveReference(ctx, typed);
  if (!found.ok) return found.reply;
  const m = await stateOf(ctx, found.id);
  const options = movesAllowed(moveStateFrom(m));
  if (options.length === 0) return { text: `${m.reference} is ${describeStatus(m.status)}: there are no more steps to record.` };
  return {
    view: moveModal({ meta: { modificationId: m.id, reference: m.reference, version: m.version, channelId }, title: m.title, status: m.status, path: m.path, onHold: m.onHold, allowed: options, today: ctx.today(), chosen }),
  };
}

/** "MP080: Panel converts … recorded on 3 Oct 2019 (was DP080). Now with the Working Group." */
export function describeMoveResult(r: MoveResult): string {
  const on = formatReportDate(parseIsoDate(r.occurredOn));
  const renamed = r.reference !== r.previousReference ? ` (was ${r.previousReference}; ${r.previousReference} still finds it)` : "";
  const closes = r.closesOn ? ` It closes on ${formatReportDate(parseIsoDate(r.closesOn))} (15 working days).` : "";
  const early = r.closedEarlyFrom
    ? `\n⚠ Closed early: it was due to close on ${formatReportDate(parseIsoDate(r.closedEarlyFrom))}, ${pluralise(workingDaysBetween(parseIsoDate(r.occurredOn), parseIsoDate(r.closedEarlyFrom)) - 1, "working day")} later.`
    : "";
  const holdLabel = moves.find((m) => m.name === "on-hold")?.label;
  // On hold it stays where it was: "Now on hold, with the Working Group", not just "Now with the Working Group".
  const now = r.label === holdLabel ? `Now on hold (${describeStatus(r.to)})` : `Now ${describeStatus(r.to)}`;
  return `*${r.reference}*${renamed}: ${r.label}, on ${on}. ${now}.${closes}${early}`;
}

const stepList = stepWords().join(", ");

export default defineSubcommand({
  name: "move",
  aliases: ["step", "transition"],
  usage,
  summary: "Record a lifecycle step (CSC ready, Panel conversion, consultations, decisions, hold…); without STEP, opens a form",
  details: [
    `Steps: ${moves.map((m) => `\`${m.word}\` (${m.label})`).join(", ")}.`,
    `\`approved\` and \`rejected\` mean the decision its path allows now. Decisions by path: ${decisionStepsByPath().join("; ")}.`,
  ].join("\n"),
  examples: ["/mod move DP084", "/mod move DP084 ready", "/mod move MP080 report-consultation 14 Oct 2019", "/mod move MP079 hold"],
  args: z
    .string()
    .trim()
    .min(1, `Which modification? Usage: ${usage}`)
    .transform((text, ctx) => {
      const [reference, step, ...date] = text.split(/\s+/);
      if (step && movesNamed(step).length === 0) {
        ctx.addIssue({ code: "custom", message: `"${step}" isn't a step I know. Steps: ${stepList}. Or leave it out to choose from a form.` });
        return z.NEVER;
      }
      return { reference: reference!, step, date: date.join(" ") };
    }),
  async run({ reference, step, date }, ctx, invocation): Promise<CommandOutcome> {
    if (!step) return openModal(invocation, await moveModalFor(ctx, invocation.userId, reference, undefined, invocation.channelId));
    const allowed = await checkRole(ctx, invocation.userId, "ADMIN", RECORDING_STEPS);
    if (!allowed.ok) return { text: allowed.message };
    const found = await resolveReference(ctx, reference);
    if (!found.ok) return found.reply;
    // "approved" means the decision this modification's path allows now.
    const move = moveNamed(step, moveStateFrom(await stateOf(ctx, found.id)))!.name;
    const on = date ? parsePlainDate(date, { today: ctx.today() }) : { ok: true as const, date: ctx.today() };
    if (!on.ok) return { text: on.message };
    try {
      const saved = await recordMove(
        ctx,
        { modificationId: found.id, move, occurredOn: on.date, note: null, expectedVersion: null },
        { userId: invocation.userId, key: `command:${invocation.triggerId}` },
      );
      if (!saved.result) return { text: "Already recorded." };
      return { ...announcement(describeMoveResult(saved.result), invocation.userId), visibility: "in_channel" };
    } catch (error) {
      if (error instanceof Refusal || error instanceof StaleEdit) return { text: `Nothing was recorded. ${escapeMrkdwn(error.message)}` };
      throw error;
    }
  },
});

