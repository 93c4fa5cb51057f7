import type { AppContext } from "../../../appContext.ts";
import { statusReply } from "../../../../commands/status.ts";
import { replyFromButton } from "./openFromButton.ts";

// "View status" under a confirmation: the status card, to the clicker alone.
export const viewStatus = (ctx: AppContext) => replyFromButton(ctx, statusReply);
