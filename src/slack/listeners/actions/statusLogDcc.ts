import type { AppContext } from "../../../appContext.ts";
import { dccModalFor } from "../../../../commands/dcc.ts";
import { openFromButton } from "./openFromButton.ts";

export const statusLogDcc = (ctx: AppContext) => openFromButton(ctx, (c, userId, reference) => dccModalFor(c, userId, reference));
