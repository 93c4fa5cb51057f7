import type { AppContext } from "../../../appContext.ts";
import { lookUpModificationCard } from "../../../data/modifications.ts";
import { explainMissing } from "../../../../commands/support/reference.ts";
import { statusCardBlocks, statusCardText } from "../../blocks/statusCard.ts";
import { replyFromButton } from "./openFromButton.ts";

// "View status" under a confirmation: the status card, to the clicker alone.
export const viewStatus = (ctx: AppContext) =>
  replyFromButton(ctx, async (c, reference) => {
    const lookup = await lookUpModificationCard(c.prisma, reference);
    if (lookup.kind !== "found") return explainMissing(lookup);
    return { text: statusCardText(lookup.card), blocks: statusCardBlocks(lookup.card, c.today()) };
  });
