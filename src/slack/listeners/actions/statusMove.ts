import type { AppContext } from "../../../appContext.ts";
import { moveModalFor } from "../../../../commands/move.ts";
import { openFromButton } from "./openFromButton.ts";

export const statusMove = (ctx: AppContext) => openFromButton(ctx, (c, userId, reference, channelId) => moveModalFor(c, userId, reference, undefined, channelId));
