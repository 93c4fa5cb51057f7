import type { AnyMiddlewareArgs, AllMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { homeViewersOf, publishHome } from "../../homeTab.ts";

// After someone's own request (a form saved, a /mod command, a button) their Home is drawn
// again if they have it open here, so what they just did shows there. Home's own buttons
// redraw it themselves. A failure to redraw is logged, never shown: the write itself succeeded.
export function refreshHomeAfterWrites(ctx: AppContext) {
  return async ({ body, next, client, logger }: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    await next();
    const b = body as { type?: string; user?: { id?: string }; user_id?: string; command?: string; view?: { type?: string }; actions?: { action_id?: string }[] };
    const fromHome = b.view?.type === "home" || b.actions?.some((a) => a.action_id?.startsWith("home."));
    const userId = b.type === "view_submission" || b.type === "block_actions" ? b.user?.id : b.command ? b.user_id : undefined;
    if (!userId || fromHome || !homeViewersOf(ctx).has(userId)) return;
    await publishHome(ctx, client, userId).catch((error: unknown) => logger.warn(`Could not redraw ${userId}'s Home: ${error instanceof Error ? error.message : String(error)}`));
  };
}
