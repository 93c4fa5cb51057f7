import type { AppContext } from "../../../appContext.ts";
import { voteModalFor } from "../../../../commands/vote.ts";
import { openFromHome } from "./openFromHome.ts";

// Home's "Record vote" beside what awaits the member's group: the same form as /mod vote REF.
export const homeRecordVote = (ctx: AppContext) => openFromHome(ctx, voteModalFor, "Change Board vote");
