import type { App } from "@slack/bolt";
import type { AppContext } from "../../appContext.ts";
import * as actions from "./actions/index.ts";
import * as commands from "./commands/index.ts";
import * as events from "./events/index.ts";
import * as views from "./views/index.ts";

export function registerListeners(app: App, ctx: AppContext): void {
  commands.register(app, ctx);
  views.register(app, ctx);
  actions.register(app, ctx);
  events.register(app, ctx);
}
