import type { AppContext } from "../../../appContext.ts";
import { setWatcherChoices } from "../../../data/watches.ts";
import { pageOf, publishHome } from "../../homeTab.ts";
import { actionValue, type HomeActionArgs } from "./openFromHome.ts";

// Home's "Mute direct messages" / "Messages at any hour" buttons: the button says what it will
// do (its value), so a double click or a stale Home sets the same thing twice, never flips back.
export function homeChoices(ctx: AppContext) {
  return async ({ ack, body, action, client }: HomeActionArgs) => {
    await ack();
    const value = actionValue(action);
    const choice = value === "mute" ? { muted: true } : value === "unmute" ? { muted: false } : value === "any" ? { anyHours: true } : value === "working" ? { anyHours: false } : null;
    if (choice) await setWatcherChoices(ctx.prisma, body.user.id, choice);
    await publishHome(ctx, client, body.user.id, pageOf(body.view));
  };
}
