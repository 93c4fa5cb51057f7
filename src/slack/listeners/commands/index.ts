import type { App } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { modCommand, type ModCommandOptions } from "./mod.ts";

export function register(app: App, ctx: AppContext, options: ModCommandOptions = {}): void {
  app.command("/mod", modCommand(ctx, options));
}
