import type { App } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { DCC_CALLBACK } from "../../blocks/dccModal.ts";
import { MOVE_CALLBACK } from "../../blocks/moveModal.ts";
import { RAISE_CALLBACK } from "../../blocks/raiseModal.ts";
import { VOTE_CALLBACK } from "../../blocks/voteModal.ts";
import { dccSubmitted } from "./dccSubmitted.ts";
import { moveSubmitted } from "./moveSubmitted.ts";
import { raiseSubmitted } from "./raiseSubmitted.ts";
import { voteSubmitted } from "./voteSubmitted.ts";

export function register(app: App, ctx: AppContext): void {
  app.view(RAISE_CALLBACK, raiseSubmitted(ctx));
  app.view(DCC_CALLBACK, dccSubmitted(ctx));
  app.view(VOTE_CALLBACK, voteSubmitted(ctx));
  app.view(MOVE_CALLBACK, moveSubmitted(ctx));
}
