import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { allReferences } from "../../../data/home.ts";
import { parseReference } from "../../../domain/references.ts";

// The options of Home's "Open a status card…" menu, searched as the person types: a reference
// in any of its spellings (mp53, SECMP0053), or words of the title. Slack shows at most 100.
const MAX_OPTIONS = 100;
const OPTION_TEXT = 75;

export function homeStatusOptions(ctx: AppContext) {
  return async ({ ack, payload }: SlackOptionsMiddlewareArgs<"block_suggestion"> & AllMiddlewareArgs) => {
    const typed = (payload.value ?? "").trim();
    const wanted = parseReference(typed)?.number;
    const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
    const all = await allReferences(ctx);
    const matches = all
      .filter((m) => (wanted !== undefined && m.number === wanted) || (words.length > 0 && words.every((w) => `${m.reference} ${m.title}`.toLowerCase().includes(w))))
      .sort((a, b) => Number(b.number === wanted) - Number(a.number === wanted) || a.number - b.number)
      .slice(0, MAX_OPTIONS);
    await ack({
      options: matches.map((m) => {
        const label = `${m.reference} · ${m.title}`;
        return { text: { type: "plain_text" as const, text: label.length > OPTION_TEXT ? `${label.slice(0, OPTION_TEXT - 1)}…` : label }, value: m.reference };
      }),
    });
  };
}
