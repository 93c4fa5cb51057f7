import type { SurfaceListeners } from "../surfaceListeners.ts";
import type { AppContext } from "../../../appContext.ts";
import { DCC_CALLBACK } from "../../blocks/dccModal.ts";
import { MOVE_CALLBACK } from "../../blocks/moveModal.ts";
import { RAISE_CALLBACK } from "../../blocks/raiseModal.ts";
import { VOTE_CALLBACK } from "../../blocks/voteModal.ts";
import { dccSubmitted } from "./dccSubmitted.ts";
import { moveSubmitted } from "./moveSubmitted.ts";
import { raiseSubmitted } from "./raiseSubmitted.ts";
import { voteSubmitted } from "./voteSubmitted.ts";

export function register(surfaces: SurfaceListeners, ctx: AppContext): void {
  surfaces.view(RAISE_CALLBACK, raiseSubmitted(ctx));
  surfaces.view(DCC_CALLBACK, dccSubmitted(ctx));
  surfaces.view(VOTE_CALLBACK, voteSubmitted(ctx));
  surfaces.view(MOVE_CALLBACK, moveSubmitted(ctx));
}
