import type { App } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { registerLinkShared } from "./linkShared.ts";

export function register(app: App, ctx: AppContext): void {
  registerLinkShared(app, ctx);
}
