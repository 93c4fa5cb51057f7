import type { App } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";

export function register(_app: App, _ctx: AppContext): void {}
