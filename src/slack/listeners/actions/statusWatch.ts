import type { AppContext } from "../../../appContext.ts";
import { watchReply } from "../../../../commands/watch.ts";
import type { ButtonArgs } from "./openFromButton.ts";

// "Watch" on a status card: the same as /mod watch REF, answered to the clicker alone.
export function statusWatch(ctx: AppContext) {
  return async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const reply = await watchReply(ctx, body.user.id, action.value ?? "");
    await respond({ response_type: "ephemeral", replace_original: false, text: reply.text });
  };
}
