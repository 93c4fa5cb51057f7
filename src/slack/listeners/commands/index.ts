import type { AppContext } from "../../../appContext.ts";
import type { SurfaceListeners } from "../surfaceListeners.ts";
import { modCommand, type ModCommandOptions } from "./mod.ts";

export function register(surfaces: SurfaceListeners, ctx: AppContext, options: ModCommandOptions = {}): void {
  surfaces.command("/mod", modCommand(ctx, options));
}
