import { z } from "zod";
import { recentRuns, type JobRun, type JobRunStatus } from "../src/data/jobRuns.ts";
import { checkRole } from "../src/data/roles.ts";
import { describeInstant, describeSlotKey } from "../src/jobs/schedule.ts";
import { PROCESSED_REQUEST_RETENTION_DAYS } from "../src/data/processedRequests.ts";
import { pluralise } from "../src/domain/text.ts";
import { pagedAnswer } from "../src/slack/blocks/limits.ts";
import { defineSubcommand, pagedReply } from "./types.ts";

const usage = "/mod jobs [failed|skipped|running|succeeded]";
const SHOWN = 25;
const statusWords = new Map<string, JobRunStatus>([
  ["failed", "FAILED"],
  ["skipped", "SKIPPED"],
  ["running", "RUNNING"],
  ["succeeded", "SUCCEEDED"],
]);
const statusIcons: Record<JobRunStatus, string> = { SUCCEEDED: "✅", FAILED: "❌", SKIPPED: "⏭", RUNNING: "⏳" };

const filterArg = z
  .string()
  .trim()
  .toLowerCase()
  .transform((text, context): JobRunStatus | undefined => {
    if (text === "" || text === "all") return undefined;
    const status = statusWords.get(text);
    if (status) return status;
    context.addIssue({ code: "custom", message: `"${text}" isn't a kind of run. Try failed, skipped, running or succeeded: ${usage}` });
    return z.NEVER;
  });

function outcomeOf(run: JobRun): string {
  const output = (run.output ?? {}) as { posted?: unknown[]; summary?: string; summaryTs?: string; files?: string[]; deletedRequests?: number; asOf?: string };
  const posted = Array.isArray(output.posted) ? output.posted : [];
  switch (run.status) {
    case "SUCCEEDED":
      if (run.job === "digest") return `posted${posted.length > 1 ? ` in ${posted.length} messages (thread)` : ""}`;
      if (run.job === "report") return `posted, with ${pluralise(output.files?.length ?? 0, "file")} in its thread`;
      if (run.job === "housekeeping") return `deleted ${pluralise(output.deletedRequests ?? 0, "Slack request record")} older than ${PROCESSED_REQUEST_RETENTION_DAYS} days`;
      return posted.length ? `${pluralise(posted.length, "nudge")} sent` : "nothing was due";
    case "FAILED":
      if (run.job === "report" && output.summaryTs) return `${run.error ?? "failed"} (the summary is posted; a retry attaches the files to it)`;
      return `${run.error ?? "failed"}${posted.length ? ` (after ${posted.length} posted)` : ""}`;
    case "SKIPPED":
      return run.error ?? "skipped";
    case "RUNNING":
      return `running since ${describeInstant(run.startedAt, "Europe/London")}`;
  }
}

export default defineSubcommand({
  name: "jobs",
  usage,
  summary: "Administrators: the latest scheduled runs (digest, nudges, monthly report, daily housekeeping) and how each went",
  examples: ["/mod jobs", "/mod jobs failed"],
  args: filterArg,
  async run(status, ctx, invocation) {
    const permission = await checkRole(ctx, invocation.userId, "ADMIN", "Seeing scheduled jobs");
    if (!permission.ok) return { text: permission.message };
    // A day's successful housekeeping is noise beside what was posted; `/mod jobs succeeded` shows it.
    const runs = await recentRuns(ctx.prisma, { limit: SHOWN, status, hideSucceeded: status ? [] : ["housekeeping"] });
    const which = status ? `${status.toLowerCase()} ` : "";
    if (runs.length === 0) {
      return { text: `No ${which}runs yet. Runs appear here once a subscribed channel's digest, nudges or report fall due (\`/mod subscriptions\`).` };
    }
    const lines = runs.map((run) => {
      const [, channel] = run.key.split(":");
      const when = describeSlotKey(run.key) ?? describeInstant(run.scheduledFor, "Europe/London");
      const attempts = run.attempts > 1 ? ` · attempt ${run.attempts}` : "";
      const where = run.job === "housekeeping" ? "" : ` · <#${channel}>`;
      return `${statusIcons[run.status]} ${when} · ${run.job}${where}${attempts} · ${outcomeOf(run)}`;
    });
    const heading = `*Latest ${which}scheduled runs* (${runs.length}${runs.length === SHOWN ? ", newest first" : ""})`;
    const footer = "_A failed run is retried every minute the same day (up to 5 attempts); a paused subscription resumes with `/mod subscribe` in its channel._";
    return pagedReply(pagedAnswer({ heading, text: heading, lines, footer, tooMany: "`/mod jobs failed` shows only the failures." }));
  },
});
