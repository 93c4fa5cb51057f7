import type { App } from "@slack/bolt";
import type { AppContext } from "../../appContext.ts";
import * as actions from "./actions/index.ts";
import * as commands from "./commands/index.ts";
import * as events from "./events/index.ts";
import * as views from "./views/index.ts";
import type { ModCommandOptions } from "./commands/mod.ts";
import { listenBySurface } from "./surfaceListeners.ts";

export function registerListeners(app: App, ctx: AppContext, options: ModCommandOptions = {}): void {
  // Global middleware runs in the order it is registered, and the listeners' router must come
  // last: what wraps the handling (redrawing Home after it) goes first.
  events.registerMiddleware(app, ctx);
  const surfaces = listenBySurface(app);
  commands.register(surfaces, ctx, options);
  views.register(surfaces, ctx);
  actions.register(surfaces, ctx);
  events.register(surfaces, ctx);
}
