import type { View } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { AppContext } from "../appContext.ts";
import { loadHome } from "../data/home.ts";
import { lookUpModificationCard } from "../data/modifications.ts";
import { buildDigest, digestHorizon } from "../jobs/digestContent.ts";
import { homeView, type HomeLines } from "./blocks/home.ts";
import { statusCardBlocks } from "./blocks/statusCard.ts";

// Publishing a person's Home tab. It is drawn when they open it and again after their own
// writes (a form saved, a command, a button), so what they just did shows; changes made by others
// show the next time they open it. The administrators' "falls due" and "late" lines are the
// digest's own (buildDigest), as at today.

/** People who opened Home on this instance: only their tab is worth redrawing after a write. */
const viewers = new WeakMap<AppContext, Set<string>>();

export function homeViewersOf(ctx: AppContext): Set<string> {
  let seen = viewers.get(ctx);
  if (!seen) viewers.set(ctx, (seen = new Set()));
  return seen;
}

export async function homeFor(ctx: AppContext, userId: string, page = 0): Promise<View> {
  const today = ctx.today();
  const data = await loadHome(ctx, userId, digestHorizon(today));
  let admin: HomeLines | null = null;
  if (data.admin) {
    const digest = buildDigest(data.admin, { today, since: ctx.now(), sinceDate: today, firstDigest: false, publicUrl: ctx.publicUrl });
    admin = { due: digest.sections[1].lines, late: digest.sections[2].lines };
  }
  return homeView(data, admin, page);
}

export async function publishHome(ctx: AppContext, client: WebClient, userId: string, page = 0): Promise<void> {
  homeViewersOf(ctx).add(userId);
  await client.views.publish({ user_id: userId, view: (await homeFor(ctx, userId, page)) as never });
}

/** The page a Home view was showing (its private_metadata), for redrawing the same page. */
export function pageOf(view: { private_metadata?: string } | undefined): number {
  try {
    const page = JSON.parse(view?.private_metadata ?? "{}").page;
    return Number.isInteger(page) && page >= 0 ? page : 0;
  } catch {
    return 0;
  }
}

/** A status card in a modal (from Home or a direct message, where there is no channel to answer in). */
export async function statusModal(ctx: AppContext, reference: string): Promise<View> {
  const lookup = await lookUpModificationCard(ctx.prisma, reference, ctx.cache);
  if (lookup.kind !== "found") {
    return { type: "modal", title: { type: "plain_text", text: "Status" }, close: { type: "plain_text", text: "Close" }, blocks: [{ type: "section", text: { type: "mrkdwn", text: `${reference} is no longer in the register.` } }] };
  }
  // The card's buttons answer in a channel; a modal has none, so they are left out here.
  const blocks = statusCardBlocks(lookup.card, ctx.today(), { publicUrl: ctx.publicUrl }).filter((block) => block.type !== "actions");
  return { type: "modal", title: { type: "plain_text", text: `${lookup.card.reference} status`.slice(0, 24) }, close: { type: "plain_text", text: "Close" }, blocks };
}
