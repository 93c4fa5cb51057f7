import type { AppContext } from "../../../appContext.ts";
import { historyReply } from "../../../../commands/history.ts";
import { replyFromButton } from "./openFromButton.ts";

export const statusHistory = (ctx: AppContext) => replyFromButton(ctx, historyReply);
