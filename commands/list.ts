import { z } from "zod";
import { stages, stageOf, describeStatus, type Stage } from "../src/domain/lifecycle.ts";
import { assessmentVerdict, isLateInProgress, verdictLateness } from "../src/domain/assessmentTiming.ts";
import { listModifications, type ListFilter, type ModificationListItem } from "../src/data/modifications.ts";
import { pagedAnswer } from "../src/slack/blocks/limits.ts";
import { escapeMrkdwn } from "../src/slack/blocks/mrkdwn.ts";
import { defineSubcommand, pagedReply } from "./types.ts";

const stageNames = new Map<string, Stage>(stages.map((stage) => [stage.toLowerCase(), stage]));

const filterArg = z
  .string()
  .trim()
  .toLowerCase()
  .transform((text, context): ListFilter => {
    if (text === "" || text === "open") return { kind: "open" };
    if (text === "late") return { kind: "late" };
    if (text === "all") return { kind: "all" };
    const stage = stageNames.get(text);
    if (stage) return { kind: "stage", stage };
    context.addIssue({
      code: "custom",
      message: `"${text}" isn't something I can list by. Try open, late, all or a stage: ${stages.map((s) => s.toLowerCase()).join(", ")}.`,
    });
    return z.NEVER;
  });

const titles: Record<ListFilter["kind"], string> = {
  open: "Open modifications",
  late: "Modifications with a late DCC assessment",
  all: "All modifications",
  stage: "Modifications",
};

export default defineSubcommand({
  name: "list",
  aliases: ["ls"],
  usage: "/mod list [open|late|all|define|refine|opine|decide|release|closed]",
  summary: "Modifications by stage, the open ones, or those with a late DCC assessment",
  examples: ["/mod list late", "/mod list refine"],
  args: filterArg,
  async run(filter, ctx) {
    const today = ctx.today();
    const lateOf = (m: ModificationListItem) =>
      m.assessments.map((a) => ({ a, verdict: assessmentVerdict(a, today) })).filter(({ verdict }) => isLateInProgress(verdict));
    let items = await listModifications(ctx.prisma, filter);
    if (filter.kind === "late") items = items.filter((m) => lateOf(m).length > 0);
    // "Closed modifications", not "Modifications in Closed": Closed is a state, the others are stages.
    const heading = filter.kind !== "stage" ? titles[filter.kind] : filter.stage === "Closed" ? "Closed modifications" : `${titles.stage} in ${filter.stage}`;
    if (items.length === 0) return { text: `${heading}: none.` };
    const lines = items.map((m) => {
      // The same verdict as the status card, the digest, the nudges and the report.
      const late = lateOf(m)
        .map(({ a, verdict }) => ` · ⚠ ${a.type} ${verdictLateness(verdict)}`)
        .join("");
      return `*${m.reference}* ${escapeMrkdwn(m.title)} — ${stageOf(m.status)} · ${describeStatus(m.status)}${m.onHold ? " · on hold" : ""}${late}`;
    });
    // A long list goes on in further messages; past what one command may post, it says so.
    return pagedReply(pagedAnswer({ heading: `*${heading}* (${items.length})`, text: `${heading} (${items.length})`, lines, tooMany: "narrow it with a stage, e.g. `/mod list refine`." }));
  },
});
