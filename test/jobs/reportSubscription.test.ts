import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/appContext.ts";
import { openDatabase } from "../../src/data/database.ts";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { createScheduler, type Scheduler } from "../../src/jobs/scheduler.ts";
import { fastClient, movableClock, postsTo } from "../support/jobs.ts";
import { smallRegister } from "../support/registers.ts";
import { readableText, startTestApp, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";

// The monthly Change Status Report subscription and the daily housekeeping, driven by the
// scheduler with the test's clock, against the real app and database and the fake Slack.

const ADMIN = "UADMIN";

describe.each(databaseKinds)("the monthly report subscription and housekeeping (%s database)", (database) => {
  let app: TestApp;
  const clock = movableClock("2019-05-20T12:00:00Z");
  const at = clock.at;
  let scheduler: Scheduler;
  const posts = (channel: string) => postsTo(app, channel);
  const uploads = (channel: string) => app.slack.callsTo("files.completeUploadExternal").filter((call) => call.body.channel_id === channel);
  const say = async (text: string, channelId = "CADMIN", userId = ADMIN) => readableText((await app.command(text, { userId, channelId })).json());
  const newScheduler = (prisma = app.db.prisma) =>
    createScheduler({
      ctx: createAppContext({ prisma, now: clock.now, initialAdmins: [ADMIN] }),
      client: fastClient(app.slack.apiUrl, { retries: 0 }),
      nudges: { warnWorkingDaysBefore: [] },
    });

  beforeAll(async () => {
    app = await startTestApp({
      database,
      now: clock.now,
      admins: [ADMIN],
      seed: (db) => importRegister(db.prisma, smallRegister(), { mode: "replace", actor: "test" }).then(() => undefined),
    });
  });
  afterAll(async () => {
    await scheduler?.stop();
    await app?.close();
  });
  beforeEach(async () => {
    await scheduler?.stop();
    scheduler = newScheduler();
    await app.db.prisma.channelSubscription.deleteMany();
    await app.db.prisma.jobRun.deleteMany();
    app.slack.reset();
  });

  it("subscribes a channel to the report on the first working day of each month, by name only", async () => {
    at("2019-05-20T12:00:00Z");
    const answer = (await app.command("subscribe report", { channelId: "CPANEL", userId: ADMIN })).json();
    expect(answer.response_type).toBe("in_channel");
    // 1 Jun 2019 is a Saturday: the first working day of June is Monday 3 Jun.
    expect(answer.text).toContain("• monthly report on the first working day of each month at 09:00 (London time); next: Mon 3 Jun 2019 at 09:00");
    expect(answer.text).toContain("as `/mod report` posts it");
    expect(answer.text).toContain("`/mod unsubscribe report` stops it.");
    expect(await say("subscribe report friday", "CPANEL")).toContain("The report goes out on the first SEC working day of each month, so only a time counts");
    expect((await app.command("subscribe monthly 10:30", { channelId: "CPANEL", userId: ADMIN })).json().text).toContain(
      "monthly report on the first working day of each month at 10:30 (London time); next: Mon 3 Jun 2019 at 10:30 — changed",
    );
    expect(await say("subscribe report", "CPANEL", "U0001")).toContain("Changing subscriptions needs the administrator role");

    // "all" is the digest and the nudges: the report goes where it is asked for by name.
    await app.command("subscribe all", { channelId: "CTEAM", userId: ADMIN });
    const list = await say("subscriptions", "CPANEL");
    expect(list).toContain("#CPANEL (this channel) — monthly report, on the first working day of each month at 10:30 · next: Mon 3 Jun 2019 at 10:30");
    expect(list).not.toMatch(/#CTEAM — monthly report/);
    expect(await say("help")).toContain("/mod subscribe [digest|nudges|report|all] [DAY] [TIME]");

    expect(await say("unsubscribe reports", "CTEAM")).toContain("This channel isn't subscribed to that. It has the weekly digest and the late-assessment nudges.");
    expect((await app.command("unsubscribe report", { channelId: "CPANEL", userId: ADMIN })).json().text).toContain(
      "stopped the monthly report in this channel. `/mod subscribe report` brings it back.",
    );
    expect((await app.command("unsubscribe", { channelId: "CTEAM", userId: ADMIN })).json().text).toContain(
      "stopped the weekly digest and the late-assessment nudges in this channel. `/mod subscribe all` brings them back.",
    );
  });

  it("posts the report on the first working day when the 1st is a weekend, once, as /mod report does", async () => {
    at("2019-05-20T12:00:00Z");
    await app.command("subscribe report", { channelId: "CPANEL", userId: ADMIN });
    at("2019-06-01T08:00:00Z"); // Saturday 1 Jun, 09:00 London
    await scheduler.tick();
    expect(posts("CPANEL")).toHaveLength(0);
    at("2019-06-03T07:59:00Z");
    await scheduler.tick();
    expect(posts("CPANEL")).toHaveLength(0);
    at("2019-06-03T08:00:00Z");
    await scheduler.tick();
    at("2019-06-03T08:01:00Z");
    await scheduler.tick();

    expect(posts("CPANEL")).toHaveLength(1);
    const summary = posts("CPANEL")[0];
    const text = readableText(summary.body as { blocks: unknown[] });
    expect(text).toContain("Change Status Report as at 3 Jun 2019");
    expect(text).toContain("Timescales as at the end of May 2019");
    const [complete] = uploads("CPANEL");
    expect(complete.body.thread_ts).toBeTruthy();
    expect(Object.keys(Object.fromEntries(app.slack.uploadedFiles.map((f) => [f.filename, true]))).sort()).toEqual([
      "change-status-report-2019-06-03-stages.png",
      "change-status-report-2019-06-03.html",
      "change-status-report-2019-06-03.md",
      "change-status-report-2019-06-03.pdf",
    ]);
    const markdown = app.slack.uploadedFiles.find((f) => f.filename.endsWith(".md"))!;
    expect(markdown.bytes.toString("utf8")).toContain("3 Jun 2019");

    // The same as /mod report as at that day posts.
    const runs = await app.db.prisma.jobRun.findMany({ where: { job: "report" } });
    expect(runs.map((run) => [run.key, run.status])).toEqual([["report:CPANEL:2019-06-03 09:00", "SUCCEEDED"]]);
    app.slack.reset();
    await app.command("report 3 Jun 2019", { channelId: "CMANUAL", userId: ADMIN });
    expect(readableText(posts("CMANUAL")[0].body as { blocks: unknown[] })).toBe(text);

    expect(await say("jobs")).toContain("✅ Mon 3 Jun 2019 at 09:00 · report · #CPANEL · posted, with 4 files in its thread");
    expect(await say("subscriptions")).toContain("next: Mon 1 Jul 2019 at 09:00 · last: ✅ Mon 3 Jun 2019 at 09:00");
  });

  it("skips New Year's Day, a bank holiday, and posts on 2 January", async () => {
    at("2019-12-20T12:00:00Z");
    await app.command("subscribe report", { channelId: "CPANEL", userId: ADMIN });
    for (const instant of ["2020-01-01T09:00:00Z", "2020-01-02T09:00:00Z"]) {
      at(instant);
      await scheduler.tick();
    }
    expect(posts("CPANEL")).toHaveLength(1);
    expect(readableText(posts("CPANEL")[0].body as { blocks: unknown[] })).toContain("Change Status Report as at 2 Jan 2020");
    expect(readableText(posts("CPANEL")[0].body as { blocks: unknown[] })).toContain("Timescales as at the end of December 2019");
  });

  it("posts a report missed at 09:00 late the same day, and only records one missed on an earlier day", async () => {
    at("2019-09-20T12:00:00Z");
    await app.command("subscribe report", { channelId: "CLATE", userId: ADMIN });
    at("2019-10-01T14:30:00Z"); // modbot was down until the afternoon of Tue 1 Oct
    await scheduler.tick();
    await scheduler.tick();
    expect(posts("CLATE")).toHaveLength(1);
    expect(readableText(posts("CLATE")[0].body as { blocks: unknown[] })).toContain("Change Status Report as at 1 Oct 2019");

    await app.db.prisma.jobRun.deleteMany();
    app.slack.reset();
    at("2019-10-02T10:00:00Z"); // ...or down until the next day: too late for "the first working day"
    await newScheduler().tick();
    expect(posts("CLATE")).toHaveLength(0);
    expect(await say("jobs skipped")).toContain("⏭ Tue 1 Oct 2019 at 09:00 · report · #CLATE · Missed: modbot was not running at the time");
  });

  it("posts once when several instances tick at the same moment", async () => {
    at("2019-09-20T12:00:00Z");
    await app.command("subscribe report", { channelId: "CREPLICA", userId: ADMIN });
    const other = app.databaseUrl ? await openDatabase({ kind: "server", url: app.databaseUrl }) : null;
    try {
      const instances = [newScheduler(), newScheduler(other?.prisma), newScheduler(other?.prisma)];
      at("2019-10-01T08:00:00Z");
      const reports = await Promise.all(instances.map((instance) => instance.tick()));
      expect(reports.flatMap((report) => report.ran).filter((key) => key.startsWith("report:"))).toEqual(["report:CREPLICA:2019-10-01 09:00"]);
      expect(posts("CREPLICA")).toHaveLength(1);
      expect(uploads("CREPLICA")).toHaveLength(1);
    } finally {
      await other?.close();
    }
  });

  it("after a failed upload, attaches the files to the summary already posted instead of posting again", async () => {
    at("2019-09-20T12:00:00Z");
    await app.command("subscribe report", { channelId: "CFLAKY", userId: ADMIN });
    app.slack.failNext("files.getUploadURLExternal", { error: "internal_error" }, 4);
    at("2019-10-01T08:00:00Z");
    expect((await scheduler.tick()).failed).toEqual(["report:CFLAKY:2019-10-01 09:00"]);
    expect(posts("CFLAKY")).toHaveLength(1);
    expect(uploads("CFLAKY")).toHaveLength(0);
    expect(await say("jobs failed")).toContain("❌ Tue 1 Oct 2019 at 09:00 · report · #CFLAKY · internal_error (the summary is posted; a retry attaches the files to it)");

    at("2019-10-01T08:01:00Z");
    await scheduler.tick();
    at("2019-10-01T08:02:00Z");
    await scheduler.tick();
    expect(posts("CFLAKY")).toHaveLength(1);
    expect(uploads("CFLAKY")).toHaveLength(1);
    const { summaryTs } = (await app.db.prisma.jobRun.findUniqueOrThrow({ where: { key: "report:CFLAKY:2019-10-01 09:00" } })).output as { summaryTs: string };
    expect(uploads("CFLAKY")[0].body.thread_ts).toBe(summaryTs);
    expect(await say("jobs")).toContain("✅ Tue 1 Oct 2019 at 09:00 · report · #CFLAKY · attempt 2 · posted, with 4 files in its thread");
  });

  it("pauses the subscription when the bot is not in the channel, and tells the administrators how to resume it", async () => {
    at("2019-09-20T12:00:00Z");
    await app.command("subscribe report", { channelId: "CGONE", userId: ADMIN });
    app.slack.failNext("chat.postMessage", { error: "not_in_channel" });
    at("2019-10-01T08:00:00Z");
    await scheduler.tick();
    const dm = posts(ADMIN);
    expect(dm).toHaveLength(1);
    expect(dm[0].body.text).toContain("I couldn't post the monthly report to <#CGONE>: I am not a member of the channel");
    expect(dm[0].body.text).toContain("run `/mod subscribe report` there");
    expect(await say("subscriptions")).toContain("paused since 1 Oct 2019: Slack said `not_in_channel`. Invite me and run `/mod subscribe report` in the channel to resume.");
    at("2019-10-01T08:05:00Z");
    await scheduler.tick();
    expect(posts("CGONE")).toHaveLength(1);
    expect(uploads("CGONE")).toHaveLength(0);
  });

  it("once a day, deletes Slack request keys older than a week, on one instance only", async () => {
    const prisma = app.db.prisma;
    await prisma.processedRequest.deleteMany();
    await prisma.processedRequest.createMany({
      data: [
        { key: "old-1", createdAt: new Date("2019-09-20T10:00:00Z") },
        { key: "old-2", createdAt: new Date("2019-09-29T23:00:00Z") },
        { key: "recent", createdAt: new Date("2019-10-05T10:00:00Z") },
      ],
    });
    const other = app.databaseUrl ? await openDatabase({ kind: "server", url: app.databaseUrl }) : null;
    try {
      // No channel is subscribed: housekeeping runs all the same.
      at("2019-10-07T00:00:30Z");
      const instances = [newScheduler(), newScheduler(other?.prisma), newScheduler(other?.prisma)];
      const reports = await Promise.all(instances.map((instance) => instance.tick()));
      expect(reports.flatMap((report) => report.ran)).toEqual(["housekeeping:2019-10-07"]);
      expect((await prisma.processedRequest.findMany({ orderBy: { key: "asc" } })).map((r) => r.key)).toEqual(["recent"]);
      const run = await prisma.jobRun.findUniqueOrThrow({ where: { key: "housekeeping:2019-10-07" } });
      expect(run).toMatchObject({ job: "housekeeping", status: "SUCCEEDED", output: { deletedRequests: 2 } });

      // Later the same day nothing runs again; the next day it does.
      at("2019-10-07T15:00:00Z");
      expect((await scheduler.tick()).ran).toEqual([]);
      at("2019-10-13T01:00:00Z");
      expect((await scheduler.tick()).ran).toEqual(["housekeeping:2019-10-13"]);
      expect(await prisma.processedRequest.count()).toBe(0);

      expect(await say("jobs")).not.toContain("housekeeping");
      expect(await say("jobs succeeded")).toContain("· housekeeping · deleted 2 Slack request records older than 7 days");
    } finally {
      await other?.close();
    }
  });
});
