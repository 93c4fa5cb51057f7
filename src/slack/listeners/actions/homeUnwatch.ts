import type { AppContext } from "../../../appContext.ts";
import { lookUpReference } from "../../../data/modifications.ts";
import { unwatch } from "../../../data/watches.ts";
import { pageOf, publishHome } from "../../homeTab.ts";
import { actionValue, type HomeActionArgs } from "./openFromHome.ts";

// "Unwatch" on Home or in a direct message: stops the messages and redraws Home.
export function homeUnwatch(ctx: AppContext) {
  return async ({ ack, body, action, client }: HomeActionArgs) => {
    await ack();
    const found = await lookUpReference(ctx.prisma, actionValue(action));
    if (found.kind === "found") await unwatch(ctx.prisma, body.user.id, found.id);
    await publishHome(ctx, client, body.user.id, body.view?.type === "home" ? pageOf(body.view) : 0);
  };
}
