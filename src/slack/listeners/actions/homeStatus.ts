import type { AppContext } from "../../../appContext.ts";
import { statusModal } from "../../homeTab.ts";
import { openFromHome } from "./openFromHome.ts";

// "Status" on Home, in a watcher's direct message, and Home's "Open a status card…" menu.
export const homeStatus = (ctx: AppContext) => openFromHome(ctx, async (c, _userId, reference) => ({ view: await statusModal(c, reference) }), "Status");
