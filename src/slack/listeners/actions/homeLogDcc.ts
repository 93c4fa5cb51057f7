import type { AppContext } from "../../../appContext.ts";
import { dccModalFor } from "../../../../commands/dcc.ts";
import { openFromHome } from "./openFromHome.ts";

// Home's "Log DCC dates" beside an assessment: the same form as /mod dcc REF.
export const homeLogDcc = (ctx: AppContext) => openFromHome(ctx, (c, userId, reference) => dccModalFor(c, userId, reference), "DCC assessment");
