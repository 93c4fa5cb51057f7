import type { AppContext } from "../../../appContext.ts";
import { unwatchReply } from "../../../../commands/unwatch.ts";
import type { ButtonArgs } from "./openFromButton.ts";

// "Unwatch" on a status card: the same as /mod unwatch REF, answered to the clicker alone.
export function statusUnwatch(ctx: AppContext) {
  return async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const reply = await unwatchReply(ctx, body.user.id, action.value ?? "");
    await respond({ response_type: "ephemeral", replace_original: false, text: reply.text });
  };
}
