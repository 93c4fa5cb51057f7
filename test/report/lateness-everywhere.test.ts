import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDemoRegister } from "../../src/data/register/registerSources.ts";
import { addCalendarDays, calendarDate } from "../../src/domain/calendarDate.ts";
import { figuresDateAtEndOf } from "../../src/domain/metrics.ts";
import { prepareDigest } from "../../src/jobs/digestJob.ts";
import { createScheduler, type Scheduler } from "../../src/jobs/scheduler.ts";
import { buildChangeStatusReport } from "../../src/report/build.ts";
import { reportSummaryBlocks } from "../../src/slack/blocks/report.ts";
import { fastClient, movableClock, postsTo } from "../support/jobs.ts";
import { eventCallbackBody, postSigned } from "../support/slackRequests.ts";
import { readableText, startTestApp, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";

// One verdict on every surface. The demo register (the October 2019 report) as at 1 Oct, 4 Oct
// and 5 Nov 2019: for each open assessment, what the status card, `/mod list late`, the digest's
// late section (and an administrator's Home, which shows the same lines), the nudges (a channel subscribed from 30 Sep, the scheduler run at 09:00 each
// day) and the report (its figures taken as at that day) say. The words are pinned here; every
// surface must say exactly them.

type Row = {
  ref: string;
  type: "PA" | "IA";
  /** The status card's line(s) for the assessment. */
  card: string[];
  /** How late, in the verdict's words; null when on time or not running. */
  late: string | null;
  /** The nudge posted in the channel that morning, if any. */
  nudge?: "late" | "past-agreed";
  /** The report's open-assessment row (figures as at the start of the day): current duration and how late; absent: not open. */
  report?: { wd: number; late: string | null };
};

const table: { date: string; day: Date; nineAm: string; rows: Row[] }[] = [
  {
    date: "1 Oct 2019",
    day: calendarDate(2019, 10, 1),
    nineAm: "2019-10-01T08:00:00Z",
    rows: [
      {
        ref: "SECMP0007",
        type: "IA",
        card: ["IA in progress · accepted 30 Jul 2019 · 45 of 40 WD, due 24 Sep 2019 · DCC's revised date 4 Nov 2019"],
        late: "5 WD over the 40 WD target; DCC's revised date 4 Nov 2019 not yet passed",
        nudge: "late",
        report: { wd: 45, late: "5 WD over the 40 WD target; DCC's revised date 4 Nov 2019 not yet passed" },
      },
      { ref: "SECMP0015", type: "IA", card: ["IA requested 19 Aug 2019 · awaiting DCC acceptance"], late: null },
      {
        ref: "SECMP0024",
        type: "PA",
        card: ["PA in progress · accepted 29 May 2019 · 89 of 15 WD, due 18 Jun 2019 · DCC's revised date 5 Jul 2019"],
        late: "74 WD over the 15 WD target and 61 WD past DCC's revised date 5 Jul 2019",
        nudge: "late",
        report: { wd: 89, late: "74 WD over the 15 WD target and 61 WD past DCC's revised date 5 Jul 2019" },
      },
      {
        ref: "SECMP0056",
        type: "IA",
        card: ["IA in progress · accepted 2 Jul 2019 · 65 of 40 WD, due 27 Aug 2019 · DCC's revised date 31 Oct 2019"],
        late: "25 WD over the 40 WD target; DCC's revised date 31 Oct 2019 not yet passed",
        nudge: "late",
        report: { wd: 65, late: "25 WD over the 40 WD target; DCC's revised date 31 Oct 2019 not yet passed" },
      },
      {
        // Delivered that day: delivered (late) by the end of it, still open at its start, where the report counts.
        ref: "SECMP0066",
        type: "PA",
        card: ["PA delivered 1 Oct 2019 in 78 of 15 WD — late: 63 WD over the 15 WD target and 44 WD past DCC's revised date 30 Jul 2019"],
        late: null,
        report: { wd: 78, late: "63 WD over the 15 WD target and 44 WD past DCC's revised date 30 Jul 2019" },
      },
      { ref: "MP078", type: "PA", card: ["PA in progress · accepted 30 Sep 2019 · 2 of 15 WD, due 18 Oct 2019"], late: null, report: { wd: 2, late: null } },
    ],
  },
  {
    date: "4 Oct 2019",
    day: calendarDate(2019, 10, 4),
    nineAm: "2019-10-04T08:00:00Z",
    rows: [
      {
        ref: "SECMP0007",
        type: "IA",
        card: ["IA in progress · accepted 30 Jul 2019 · 48 of 40 WD, due 24 Sep 2019 · DCC's revised date 4 Nov 2019"],
        late: "8 WD over the 40 WD target; DCC's revised date 4 Nov 2019 not yet passed",
        report: { wd: 48, late: "8 WD over the 40 WD target; DCC's revised date 4 Nov 2019 not yet passed" },
      },
      { ref: "SECMP0015", type: "IA", card: ["IA requested 19 Aug 2019 · awaiting DCC acceptance"], late: null },
      {
        ref: "SECMP0024",
        type: "PA",
        card: ["PA in progress · accepted 29 May 2019 · 92 of 15 WD, due 18 Jun 2019 · DCC's revised date 5 Jul 2019"],
        late: "77 WD over the 15 WD target and 64 WD past DCC's revised date 5 Jul 2019",
        report: { wd: 92, late: "77 WD over the 15 WD target and 64 WD past DCC's revised date 5 Jul 2019" },
      },
      {
        ref: "SECMP0056",
        type: "IA",
        card: ["IA in progress · accepted 2 Jul 2019 · 68 of 40 WD, due 27 Aug 2019 · DCC's revised date 31 Oct 2019"],
        late: "28 WD over the 40 WD target; DCC's revised date 31 Oct 2019 not yet passed",
        report: { wd: 68, late: "28 WD over the 40 WD target; DCC's revised date 31 Oct 2019 not yet passed" },
      },
      {
        ref: "SECMP0066",
        type: "PA",
        card: ["PA delivered 1 Oct 2019 in 78 of 15 WD — late: 63 WD over the 15 WD target and 44 WD past DCC's revised date 30 Jul 2019"],
        late: null,
      },
      { ref: "MP078", type: "PA", card: ["PA in progress · accepted 30 Sep 2019 · 5 of 15 WD, due 18 Oct 2019"], late: null, report: { wd: 5, late: null } },
    ],
  },
  {
    date: "5 Nov 2019",
    day: calendarDate(2019, 11, 5),
    nineAm: "2019-11-05T09:00:00Z",
    rows: [
      {
        ref: "SECMP0007",
        type: "IA",
        card: ["IA in progress · accepted 30 Jul 2019 · 70 of 40 WD, due 24 Sep 2019 · DCC's revised date 4 Nov 2019"],
        late: "30 WD over the 40 WD target and 1 WD past DCC's revised date 4 Nov 2019",
        nudge: "past-agreed",
        report: { wd: 70, late: "30 WD over the 40 WD target and 1 WD past DCC's revised date 4 Nov 2019" },
      },
      { ref: "SECMP0015", type: "IA", card: ["IA requested 19 Aug 2019 · awaiting DCC acceptance"], late: null },
      {
        ref: "SECMP0024",
        type: "PA",
        card: ["PA in progress · accepted 29 May 2019 · 114 of 15 WD, due 18 Jun 2019 · DCC's revised date 5 Jul 2019"],
        late: "99 WD over the 15 WD target and 86 WD past DCC's revised date 5 Jul 2019",
        report: { wd: 114, late: "99 WD over the 15 WD target and 86 WD past DCC's revised date 5 Jul 2019" },
      },
      {
        ref: "SECMP0056",
        type: "IA",
        card: ["IA in progress · accepted 2 Jul 2019 · 90 of 40 WD, due 27 Aug 2019 · DCC's revised date 31 Oct 2019"],
        late: "50 WD over the 40 WD target and 3 WD past DCC's revised date 31 Oct 2019",
        nudge: "past-agreed",
        report: { wd: 90, late: "50 WD over the 40 WD target and 3 WD past DCC's revised date 31 Oct 2019" },
      },
      {
        ref: "SECMP0066",
        type: "PA",
        card: ["PA delivered 1 Oct 2019 in 78 of 15 WD — late: 63 WD over the 15 WD target and 44 WD past DCC's revised date 30 Jul 2019"],
        late: null,
      },
      {
        ref: "MP078",
        type: "PA",
        card: ["PA in progress · accepted 30 Sep 2019 · 27 of 15 WD, due 18 Oct 2019"],
        late: "12 WD over the 15 WD target",
        nudge: "late",
        report: { wd: 27, late: "12 WD over the 15 WD target" },
      },
    ],
  },
];

describe.each(databaseKinds)("one verdict on lateness on every surface, on the demo register (%s database)", (database) => {
  let app: TestApp;
  const clock = movableClock("2019-09-30T12:00:00Z");
  let scheduler: Scheduler;
  beforeAll(async () => {
    app = await startTestApp({ database, now: clock.now, admins: ["UADMIN"], seed: (db) => importDemoRegister(db.prisma).then(() => undefined) });
    scheduler = createScheduler({ ctx: app.ctx, client: fastClient(app.slack.apiUrl), nudges: { warnWorkingDaysBefore: [] } });
    await app.command("subscribe nudges", { channelId: "CNUDGES", userId: "UADMIN" });
  });
  afterAll(async () => {
    await scheduler?.stop();
    await app?.close();
  });

  // In order: the nudges posted on each date depend on those posted before.
  for (const { date, day, nineAm, rows } of table) {
    it(`as at ${date}`, async () => {
      clock.at(nineAm);
      const lateRows = rows.filter((r) => r.late);

      for (const row of rows) {
        const card = readableText((await app.command(`status ${row.ref}`)).json());
        for (const line of row.card) expect(card, row.ref).toContain(line);
        if (row.late) expect(card, row.ref).toContain(`⚠ Late: ${row.late}`);
        else expect(card, row.ref).not.toContain("⚠ Late");
      }

      const list = readableText((await app.command("list late")).json());
      expect(list).toContain(`Modifications with a late DCC assessment (${lateRows.length})`);
      for (const row of rows) {
        const line = list.split("\n").find((l) => l.startsWith(`${row.ref} `));
        if (row.late) expect(line, row.ref).toContain(`⚠ ${row.type} ${row.late}`);
        else expect(line, row.ref).toBeUndefined();
      }

      const digest = (await prepareDigest(app.ctx, { at: clock.now(), today: day })).content.sections[2].lines;
      expect(digest.map((l) => l.reference).sort()).toEqual(lateRows.map((r) => r.ref).sort());
      for (const row of lateRows) expect(digest.find((l) => l.reference === row.ref)!.text).toContain(`*${row.late}*`);

      // An administrator's Home lists the same late lines as the digest.
      await postSigned(app.url, eventCallbackBody({ type: "app_home_opened", user: "UADMIN", channel: "D1", tab: "home", event_ts: "1.0" }), { contentType: "application/json" });
      const published = app.slack.callsTo("views.publish").at(-1)!.body.view;
      const home = (typeof published === "string" ? JSON.parse(published) : published) as { blocks: { text?: { text: string } }[] };
      const homeLines = home.blocks.flatMap((b) => (b.text?.text ?? "").split("\n"));
      expect(homeLines).toContain(`*Overdue: late DCC assessments* (${lateRows.length})`);
      for (const row of lateRows) expect(homeLines, row.ref).toContain(digest.find((l) => l.reference === row.ref)!.text);

      const before = postsTo(app, "CNUDGES").length;
      await scheduler.tick();
      const nudges = postsTo(app, "CNUDGES").slice(before).map((p) => readableText(p.body as never));
      const nudged = rows.filter((r) => r.nudge);
      expect(nudges).toHaveLength(nudged.length);
      for (const row of nudged) {
        const nudge = nudges.find((n) => n.startsWith(`⏰ ${row.ref} ·`));
        expect(nudge, row.ref).toContain(`Late: ${row.late}.`);
        expect(nudge).toContain(row.nudge === "late" ? "Posted once, when the target duration passed" : "Posted once, now DCC's revised date has passed as well.");
      }

      const report = await buildChangeStatusReport(app.ctx.prisma, day, { figuresAt: figuresDateAtEndOf(addCalendarDays(day, -1)) });
      const open = report.refine.openAssessments.map((a) => [a.reference, a.type, a.currentDurationWd, a.lateness]);
      expect(open).toEqual(rows.filter((r) => r.report).map((r) => [r.ref, r.type, r.report!.wd, r.report!.late]));
      const summary = readableText({ blocks: reportSummaryBlocks(report) });
      for (const row of rows.filter((r) => r.report?.late)) expect(summary).toContain(`⚠ ${row.ref} ${row.type} · ${row.report!.wd} WD: ${row.report!.late} ·`);
      for (const row of rows.filter((r) => r.report && !r.report.late)) expect(summary).not.toContain(`⚠ ${row.ref}`);
    });
  }
});
