import type { AppContext } from "../../../appContext.ts";
import { voteModalFor } from "../../../../commands/vote.ts";
import { openFromButton } from "./openFromButton.ts";

export const statusRecordVote = (ctx: AppContext) => openFromButton(ctx, voteModalFor);
