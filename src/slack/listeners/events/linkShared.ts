import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { lookUpModificationCard } from "../../../data/modifications.ts";
import { statusCardUnfurlBlocks } from "../../blocks/statusCard.ts";

// A register link pasted in Slack (https://…/register/SECMP0053, any spelling) unfurls into the
// status card. Slack sends link_shared for the domains in the manifest's unfurl_domains; links
// that aren't register pages, or name no modification, are left as Slack shows them.

/** The reference a register page's address names, or null when it is not one of ours. */
export function referenceInRegisterUrl(url: string, publicUrl: string): string | null {
  const prefix = `${publicUrl}/register/`;
  if (!url.startsWith(prefix)) return null;
  const rest = url.slice(prefix.length).split(/[?#]/)[0]!.replace(/\/+$/, "");
  if (!rest || rest.includes("/")) return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    return null;
  }
}

export function linkShared(ctx: AppContext) {
  return async ({ event, client }: SlackEventMiddlewareArgs<"link_shared"> & AllMiddlewareArgs) => {
    const publicUrl = ctx.publicUrl;
    if (!publicUrl) return;
    const unfurls: Record<string, { blocks: ReturnType<typeof statusCardUnfurlBlocks> }> = {};
    for (const link of event.links) {
      const typed = referenceInRegisterUrl(link.url, publicUrl);
      if (!typed) continue;
      const lookup = await lookUpModificationCard(ctx.prisma, typed, ctx.cache);
      if (lookup.kind === "found") unfurls[link.url] = { blocks: statusCardUnfurlBlocks(lookup.card, ctx.today(), publicUrl) };
    }
    if (Object.keys(unfurls).length === 0) return;
    // Links in the message composer come with an unfurl_id and source instead of a channel and ts.
    const where = event.unfurl_id && event.source ? { unfurl_id: event.unfurl_id, source: event.source } : { channel: event.channel, ts: event.message_ts };
    await client.chat.unfurl({ ...where, unfurls } as Parameters<typeof client.chat.unfurl>[0]);
  };
}
