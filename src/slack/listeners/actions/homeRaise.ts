import type { AppContext } from "../../../appContext.ts";
import { raiseModalFor } from "../../../../commands/raise.ts";
import { openFromHome } from "./openFromHome.ts";

// Home's "Raise a Draft Proposal": the raise form; its confirmation goes to the person's
// direct messages with modbot, since Home has no channel.
export const homeRaise = (ctx: AppContext) => openFromHome(ctx, (c, userId) => raiseModalFor(c, userId, userId), "Raise a Draft Proposal");
