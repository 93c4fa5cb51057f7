import type { App } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import type { SurfaceListeners } from "../surfaceListeners.ts";
import { appHomeOpened } from "./appHomeOpened.ts";
import { linkShared } from "./linkShared.ts";
import { refreshHomeAfterWrites } from "./refreshHomeAfterWrites.ts";

export function registerMiddleware(app: App, ctx: AppContext): void {
  app.use(refreshHomeAfterWrites(ctx));
}

export function register(surfaces: SurfaceListeners, ctx: AppContext): void {
  surfaces.event("app_home_opened", appHomeOpened(ctx));
  surfaces.event("link_shared", linkShared(ctx));
}
