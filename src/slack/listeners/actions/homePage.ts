import type { AppContext } from "../../../appContext.ts";
import { publishHome } from "../../homeTab.ts";
import { actionValue, type HomeActionArgs } from "./openFromHome.ts";

// Home's "Next page" / "Previous page" when it is longer than Slack's 100 blocks.
export function homePage(ctx: AppContext) {
  return async ({ ack, body, action, client }: HomeActionArgs) => {
    await ack();
    const page = Number(actionValue(action));
    await publishHome(ctx, client, body.user.id, Number.isInteger(page) && page >= 0 ? page : 0);
  };
}
