import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { publishHome } from "../../homeTab.ts";

// Someone opened modbot's Home tab: draw it for them as the register stands now.
export function appHomeOpened(ctx: AppContext) {
  return async ({ event, client }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs) => {
    if (event.tab !== "home") return;
    await publishHome(ctx, client, event.user);
  };
}
