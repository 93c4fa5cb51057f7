import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { AppContext } from "../../../appContext.ts";
import { snoozeAssessment } from "../../../data/nudges.ts";
import { checkRole } from "../../../data/roles.ts";
import { formatReportDate } from "../../../domain/calendarDate.ts";
import { snoozeEndsOn } from "../../../jobs/nudgeRules.ts";
import { nudgeActions } from "../../blocks/nudge.ts";

// "Snooze 3 working days" on a late-assessment nudge: quiet until then, one reminder after.

export function snoozeNudge(ctx: AppContext) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const say = (text: string) => respond({ response_type: "ephemeral", replace_original: false, text });
    const permission = await checkRole(ctx, body.user.id, "DCC", "Snoozing a late-assessment nudge");
    if (!permission.ok) return void (await say(permission.message));
    const assessmentId = Number(action.value);
    if (!Number.isInteger(assessmentId)) return void (await say("That button no longer points at an assessment; nothing was changed."));
    const until = snoozeEndsOn(ctx.today());
    const result = await snoozeAssessment(ctx, { assessmentId, until, actor: body.user.id });
    if (result.kind === "not-found") return void (await say("That assessment has been removed, so there is nothing to snooze."));
    if (result.kind === "not-open") return void (await say(`Nothing to snooze: ${result.reference}'s ${result.type} — ${result.why}.`));
    const note = `💤 <@${body.user.id}> snoozed this until ${formatReportDate(result.until)}; I'll remind the channel then if the ${result.type} is still undelivered.`;
    const original = body.message?.blocks as KnownBlock[] | undefined;
    if (original?.length) {
      await respond({ replace_original: true, text: body.message?.text ?? note, blocks: withSnoozeNote(original, note) });
    } else {
      await say(note);
    }
  };
}

/** The nudge as it was, without its Snooze button and with who snoozed it until when. */
function withSnoozeNote(blocks: KnownBlock[], note: string): KnownBlock[] {
  const kept = blocks
    .map((block) =>
      block.type === "actions"
        ? { ...block, elements: block.elements.filter((e) => !("action_id" in e) || e.action_id !== nudgeActions.snooze) }
        : block,
    )
    .filter((block) => block.type !== "context");
  return [...kept, { type: "context", elements: [{ type: "mrkdwn", text: note }] }];
}
