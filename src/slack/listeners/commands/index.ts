import type { App } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { modCommand } from "./mod.ts";

export function register(app: App, ctx: AppContext): void {
  app.command("/mod", modCommand(ctx));
}
