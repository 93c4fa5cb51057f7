import { z } from "zod";
import { assignRelease, decideReleaseRevision, listReleases, requestReleaseRevision } from "../src/data/releases.ts";
import { checkRole } from "../src/data/roles.ts";
import { Refusal } from "../src/data/writes.ts";
import { formatReportDate, parseIsoDate } from "../src/domain/calendarDate.ts";
import { parsePlainDate } from "../src/domain/plainDates.ts";
import { announcement } from "../src/slack/blocks/confirmations.ts";
import { escapeMrkdwn } from "../src/slack/blocks/mrkdwn.ts";
import { resolveReference } from "./support/reference.ts";
import { defineSubcommand, type CommandReply } from "./types.ts";

// SEC Releases from the channel: list them, assign an approved modification to one (or to a new
// standalone release), request and decide a release date revision.

const usage = "/mod release [REF RELEASE | REF standalone NAME [on DATE] | revise RELEASE to DATE | decide RELEASE approve|reject]";

type ReleaseArgs =
  | { kind: "list"; name?: string }
  | { kind: "assign"; reference: string; name: string }
  | { kind: "standalone"; reference: string; name: string; when: string | null }
  | { kind: "revise"; name: string; date: string }
  | { kind: "decide"; name: string; approve: boolean };

/** Digits, a month, a weekday or a relative word: meant as a date, so a failure to read it is a mistake. */
function looksLikeADate(text: string): boolean {
  return /\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(next|last|this|today|tomorrow|yesterday|week|month)\b/i.test(text);
}

const unquote = (text: string) => text.trim().replace(/^["\u201C]|["\u201D]$/g, "").trim();

export const releaseArgs = z.string().trim().transform((text, ctx): ReleaseArgs => {
  const fail = (message: string): never => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER as never;
  };
  if (!text) return { kind: "list" };
  const revise = /^revise\s+(.+?)\s+to\s+(.+)$/i.exec(text);
  if (revise) return { kind: "revise", name: unquote(revise[1]!), date: revise[2]! };
  if (/^revise\b/i.test(text)) return fail(`Which release, and to which date? e.g. /mod release revise "November 2019 SEC Release" to 24 Nov 2019`);
  const decide = /^decide\s+(.+?)\s+(approve|approved|reject|rejected)$/i.exec(text);
  if (decide) return { kind: "decide", name: unquote(decide[1]!), approve: decide[2]!.toLowerCase().startsWith("approve") };
  if (/^decide\b/i.test(text)) return fail(`Approve or reject? e.g. /mod release decide "November 2019 SEC Release" approve`);
  const [reference, ...rest] = text.split(/\s+/);
  // A reference always has a number in it; "November 2019 SEC Release" starts with a word, so it names a release.
  if (!/\d/.test(reference!)) return { kind: "list", name: unquote(text) };
  if (rest.length === 0) return fail(`Which release? Usage: ${usage}`);
  if (rest[0]!.toLowerCase() === "standalone") {
    const named = rest.slice(1).join(" ");
    const on = /^(.+?)\s+on\s+(.+)$/i.exec(named);
    const name = unquote(on ? on[1]! : named);
    if (!name) return fail(`Name the standalone release, e.g. /mod release SECMP0025 standalone "EU Exit Day release" on 31 Oct 2019`);
    return { kind: "standalone", reference: reference!, name, when: on ? on[2]! : null };
  }
  return { kind: "assign", reference: reference!, name: unquote(rest.join(" ")) };
});

export default defineSubcommand({
  name: "release",
  aliases: ["releases"],
  usage,
  summary: "SEC Releases: list them, assign an approved modification (or a standalone release), request or decide a date revision",
  examples: [
    "/mod release",
    `/mod release SECMP0025 November 2019 SEC Release`,
    `/mod release MP076 standalone "EU Exit Day release" on 31 Oct 2019`,
    `/mod release revise "November 2019 SEC Release" to 24 Nov 2019`,
    `/mod release decide "November 2019 SEC Release" approve`,
  ],
  args: releaseArgs,
  async run(args, ctx, invocation): Promise<CommandReply> {
    if (args.kind === "list") {
      const all = await listReleases(ctx);
      if (all.length === 0) return { text: "There are no releases yet. Assign an approved modification to a new one with /mod release REF standalone NAME [on DATE]." };
      const wanted = args.name?.toLowerCase();
      const releases = wanted ? all.filter((r) => r.name.toLowerCase() === wanted || r.name.toLowerCase().includes(wanted)) : all;
      if (releases.length === 0) return { text: `There is no release called "${escapeMrkdwn(args.name!)}". Releases: ${all.map((r) => escapeMrkdwn(r.name)).join("; ")}.` };
      const lines = releases.map((r) => {
        const when = r.plannedDate ? formatReportDate(r.plannedDate) : (r.dateDescription ?? "date to be set");
        const pending = r.revisionRequests.map((q) => ` · revision to ${formatReportDate(q.requestedDate)} requested ${formatReportDate(q.requestedOn)}`).join("");
        const contents = r.modifications.length
          ? r.modifications.map((m) => `\n    ${m.reference} · ${escapeMrkdwn(m.title)}`).join("")
          : "\n    no modifications yet";
        return `• *${escapeMrkdwn(r.name)}* (${r.kind === "STANDALONE" ? "standalone" : "scheduled"}) · ${when}${pending}${contents}`;
      });
      return { text: `*SEC Releases*\n${lines.join("\n")}` };
    }
    const allowed = await checkRole(ctx, invocation.userId, "ADMIN", "Managing releases");
    if (!allowed.ok) return { text: allowed.message };
    const by = { userId: invocation.userId, key: `command:${invocation.triggerId}` };
    try {
      if (args.kind === "revise") {
        const date = parsePlainDate(args.date, { today: ctx.today() });
        if (!date.ok) return { text: date.message };
        const saved = await requestReleaseRevision(ctx, { name: args.name, requestedDate: date.date }, by);
        if (!saved.result) return { text: "Already recorded." };
        return {
          ...announcement(`📅 Date revision requested: *${escapeMrkdwn(saved.result.release)}* to move to ${formatReportDate(parseIsoDate(saved.result.requestedDate))}.`, invocation.userId),
          visibility: "in_channel",
        };
      }
      if (args.kind === "decide") {
        const saved = await decideReleaseRevision(ctx, args, by);
        const r = saved.result;
        if (!r) return { text: "Already recorded." };
        return {
          ...announcement(`📅 *${escapeMrkdwn(r.release)}*: the date revision was ${r.approved ? "approved" : "rejected"}${r.date ? `; its date is ${formatReportDate(parseIsoDate(r.date))}` : ""}.`, invocation.userId),
          visibility: "in_channel",
        };
      }
      const found = await resolveReference(ctx, args.reference);
      if (!found.ok) return found.reply;
      let standalone;
      if (args.kind === "standalone") {
        const date = args.when ? parsePlainDate(unquote(args.when), { today: ctx.today() }) : null;
        // "on UK EU Exit Day" describes a date not yet set; "on next blursday" or "on 31 Feb 2027"
        // is a date mistyped, to point out rather than keep as a description.
        if (date && !date.ok && looksLikeADate(args.when!)) {
          return { text: `Nothing was changed. ${date.message} (For a date not set yet, describe it without numbers or weekdays, e.g. on "UK EU Exit Day".)` };
        }
        standalone = date?.ok ? { date: date.date, description: null } : { date: null, description: args.when };
      }
      const saved = await assignRelease(ctx, { modificationId: found.id, name: args.name, standalone }, by);
      const r = saved.result;
      if (!r) return { text: "Already recorded." };
      const from = r.previousRelease ? ` (moved from *${escapeMrkdwn(r.previousRelease)}*)` : "";
      return {
        ...announcement(`🚀 *${r.reference}* is assigned to *${escapeMrkdwn(r.release)}*${r.when ? `, ${escapeMrkdwn(r.when)}` : ""}${r.created ? ", a new standalone release" : ""}${from}.`, invocation.userId),
        visibility: "in_channel",
      };
    } catch (error) {
      if (error instanceof Refusal) return { text: `Nothing was changed. ${escapeMrkdwn(error.message)}` };
      throw error;
    }
  },
});
