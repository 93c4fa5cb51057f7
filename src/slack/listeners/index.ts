import type { App } from "@slack/bolt";
import type { AppContext } from "../../appContext.ts";
import * as actions from "./actions/index.ts";
import * as commands from "./commands/index.ts";
import * as events from "./events/index.ts";
import * as views from "./views/index.ts";
import type { ModCommandOptions } from "./commands/mod.ts";
import { listenBySurface } from "./surfaceListeners.ts";

export function registerListeners(app: App, ctx: AppContext, options: ModCommandOptions = {}): void {
  commands.register(app, ctx, options);
  const surfaces = listenBySurface(app);
  views.register(surfaces, ctx);
  actions.register(surfaces, ctx);
  events.register(app, ctx);
}
