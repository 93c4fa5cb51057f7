import type { App } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { appHomeOpened } from "./appHomeOpened.ts";
import { registerLinkShared } from "./linkShared.ts";
import { refreshHomeAfterWrites } from "./refreshHomeAfterWrites.ts";

export function register(app: App, ctx: AppContext): void {
  app.use(refreshHomeAfterWrites(ctx));
  app.event("app_home_opened", appHomeOpened(ctx));
  registerLinkShared(app, ctx);
}
