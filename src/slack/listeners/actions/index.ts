import type { App } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { digestActions } from "../../blocks/digest.ts";
import { nudgeActions } from "../../blocks/nudge.ts";
import { openStatusFromDigest } from "./digestOpenStatus.ts";
import { snoozeNudge } from "./nudgeSnooze.ts";
import { statusCardActions } from "../../blocks/statusCard.ts";
import { viewStatusAction } from "../../blocks/confirmations.ts";
import { DCC_CALLBACK, DCC_NEW_REQUEST_ACTION, dccFields } from "../../blocks/dccModal.ts";
import { dccNewRequest } from "./dccNewRequest.ts";
import { dccRecompute } from "./dccRecompute.ts";
import { statusHistory } from "./statusHistory.ts";
import { statusLogDcc } from "./statusLogDcc.ts";
import { statusMove } from "./statusMove.ts";
import { statusRecordVote } from "./statusRecordVote.ts";
import { viewStatus } from "./viewStatus.ts";

export function register(app: App, ctx: AppContext): void {
  app.action(nudgeActions.snooze, snoozeNudge(ctx));
  app.action(digestActions.openStatus, openStatusFromDigest(ctx));
  app.action(statusCardActions.history, statusHistory(ctx));
  app.action(statusCardActions.logDcc, statusLogDcc(ctx));
  app.action(statusCardActions.recordVote, statusRecordVote(ctx));
  app.action(statusCardActions.move, statusMove(ctx));
  app.action(viewStatusAction, viewStatus(ctx));
  app.action({ type: "block_actions", callback_id: DCC_CALLBACK, action_id: new RegExp(`^(${dccFields.acceptedOn}|${dccFields.targetDurationWd}|${dccFields.revisedTargetDate})(\\..+)?$`) }, dccRecompute(ctx));
  app.action(DCC_NEW_REQUEST_ACTION, dccNewRequest(ctx));
}
