import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/appContext.ts";
import { openDatabase } from "../../src/data/database.ts";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { createScheduler, type Scheduler } from "../../src/jobs/scheduler.ts";
import { fastClient, movableClock, postsTo } from "../support/jobs.ts";
import { smallRegister } from "../support/registers.ts";
import { readableText, startTestApp, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";

// The scheduler against the real app and database, its clock moved by the test: no waiting.
// Slack is the fake Web API; the client retries fast so failures don't slow the suite.

const ADMIN = "UADMIN";

describe.each(databaseKinds)("scheduled digests and nudges (%s database)", (database) => {
  let app: TestApp;
  const clock = movableClock("2019-09-15T12:00:00Z");
  const at = clock.at;
  let scheduler: Scheduler;
  const posts = (channel: string) => postsTo(app, channel);
  const subscribeAs = (text: string, channelId: string, userId = ADMIN) => app.command(`subscribe ${text}`, { channelId, userId });
  const say = async (text: string, userId = ADMIN, channelId = "CADMIN") => readableText((await app.command(text, { userId, channelId })).json());

  beforeAll(async () => {
    app = await startTestApp({
      database,
      now: clock.now,
      admins: [ADMIN],
      seed: (db) => importRegister(db.prisma, smallRegister(), { mode: "replace", actor: "test" }).then(() => undefined),
    });
    scheduler = createScheduler({ ctx: app.ctx, client: fastClient(app.slack.apiUrl), nudges: { warnWorkingDaysBefore: [], defaultContact: "S0DCC" } });
  });
  afterAll(async () => {
    await scheduler?.stop();
    await app?.close();
  });
  beforeEach(async () => {
    await app.db.prisma.channelSubscription.deleteMany();
    await app.db.prisma.jobRun.deleteMany();
    await app.db.prisma.nudgeSent.deleteMany();
    await app.db.prisma.assessment.updateMany({ data: { snoozedUntil: null } });
    app.slack.reset();
  });

  it("lets administrators subscribe a channel, and says when it will be posted to", async () => {
    at("2019-09-15T12:00:00Z");
    expect(readableText((await subscribeAs("all", "CDIGEST", "U0001")).json())).toContain("Changing subscriptions needs the administrator role");
    const answer = (await subscribeAs("all", "CDIGEST")).json();
    expect(answer.response_type).toBe("in_channel");
    expect(answer.text).toContain("weekly digest every Monday at 09:00 (London time); next: Mon 16 Sep 2019 at 09:00");
    expect(answer.text).toContain("late-assessment nudges every working day at 09:00 (London time); next: Mon 16 Sep 2019 at 09:00");
    expect(readableText((await subscribeAs("nudges friday", "CDIGEST")).json())).toContain("Nudges go out on every SEC working day");
    expect(readableText((await subscribeAs("digest next blursday", "CDIGEST")).json())).toContain(`I couldn't read "next" as a day or a time`);
    expect((await subscribeAs("digest fri 2pm", "CDIGEST")).json().text).toContain("weekly digest every Friday at 14:00 (London time); next: Fri 20 Sep 2019 at 14:00 — changed");

    const list = await say("subscriptions", "U0001", "CDIGEST");
    expect(list).toContain("#CDIGEST (this channel) — late-assessment nudges, every working day at 09:00 · next: Mon 16 Sep 2019 at 09:00");
    expect(list).toContain("#CDIGEST (this channel) — weekly digest, every Friday at 14:00");

    expect(readableText((await app.command("unsubscribe nudges", { channelId: "CDIGEST", userId: "U0001" })).json())).toContain("needs the administrator role");
    expect((await app.command("unsubscribe nudges", { channelId: "CDIGEST", userId: ADMIN })).json().text).toContain("stopped the late-assessment nudges");
    expect(readableText((await app.command("unsubscribe nudges", { channelId: "CDIGEST", userId: ADMIN })).json())).toContain(
      "This channel isn't subscribed to that. It has the weekly digest.",
    );
    expect(await say("help")).toContain("/mod subscribe [digest|nudges|report|all] [DAY] [TIME]");

    app.slack.failNext("conversations.info", { error: "channel_not_found" });
    expect((await subscribeAs("digest", "GPRIVATE")).json().text).toContain("I can't see this channel (a private channel needs an invitation): `/invite @modbot`");
    expect(readableText((await subscribeAs("digest", "D0DM")).json())).toContain("Subscriptions are for channels");
  });

  it("posts the weekly digest at 09:00 on Monday, once, with what changed since the last one", async () => {
    at("2019-09-15T12:00:00Z");
    await subscribeAs("digest", "CDIGEST");
    at("2019-09-16T07:59:00Z");
    await scheduler.tick();
    expect(posts("CDIGEST")).toHaveLength(0);
    at("2019-09-16T08:00:00Z");
    await scheduler.tick();
    at("2019-09-16T08:01:00Z");
    await scheduler.tick();
    expect(posts("CDIGEST")).toHaveLength(1);
    const first = readableText(posts("CDIGEST")[0].body as { blocks: unknown[] });
    expect(first).toContain("📋 Modifications digest · 16 Sep 2019");
    expect(first).toContain("What changed in the week to 16 Sep 2019");
    expect(first).toContain("🆕 DP084 Other User Panel Seating Amendment — new Draft Proposal, raised by Energy Savings Trust on 10 Sep 2019");
    expect(first).toContain("🗳 Change Board meets Wed 18 Sep 2019 (MP076)");
    expect(first).toContain("⚠️ SECMP0024 Enduring Approach to Communication Hub Firmware Management — DCC PA 78 of 15 WD, due 18 Jun 2019: 63 WD over the 15 WD target");

    at("2019-09-23T08:00:00Z");
    await scheduler.tick();
    expect(posts("CDIGEST")).toHaveLength(2);
    const second = readableText(posts("CDIGEST")[1].body as { blocks: unknown[] });
    expect(second).toContain("What changed since the last digest (16 Sep 2019)");
    expect(second).toContain("🗳 MP076 Pursuing Non-Payment in Events of Default — Change Board 18 Sep 2019: approval (recommendation to the Authority)");
    expect(second).not.toContain("DP084");

    const jobs = await say("jobs");
    expect(jobs).toContain("✅ Mon 23 Sep 2019 at 09:00 · digest · #CDIGEST · posted");
    expect(jobs).toContain("✅ Mon 16 Sep 2019 at 09:00 · digest · #CDIGEST · posted");
    expect(await say("jobs", "U0001")).toContain("Seeing scheduled jobs needs the administrator role");
  });

  it("keeps to 09:00 London time across the October clock change", async () => {
    at("2019-10-20T12:00:00Z");
    await subscribeAs("digest", "CDST");
    for (const instant of ["2019-10-21T07:59:00Z", "2019-10-21T08:00:00Z", "2019-10-28T08:00:00Z", "2019-10-28T08:59:00Z", "2019-10-28T09:00:00Z"]) {
      at(instant);
      await scheduler.tick();
    }
    const sent = await app.db.prisma.jobRun.findMany({ where: { job: "digest" }, orderBy: { scheduledFor: "asc" } });
    expect(sent.map((run) => [run.key, run.scheduledFor.toISOString(), run.status])).toEqual([
      ["digest:CDST:2019-10-21 09:00", "2019-10-21T08:00:00.000Z", "SUCCEEDED"],
      ["digest:CDST:2019-10-28 09:00", "2019-10-28T09:00:00.000Z", "SUCCEEDED"],
    ]);
    expect(posts("CDST")).toHaveLength(2);
  });

  it("nudges once when the target has passed, on working days only, and a snooze brings one reminder", async () => {
    at("2019-08-23T12:00:00Z");
    await subscribeAs("nudges", "CNUDGE");
    at("2019-08-26T08:00:00Z"); // Summer bank holiday
    await scheduler.tick();
    expect(posts("CNUDGE")).toHaveLength(0);
    at("2019-08-27T08:00:00Z");
    await scheduler.tick();
    expect(posts("CNUDGE")).toHaveLength(1);
    const nudge = posts("CNUDGE")[0].body as { text: string; blocks: any[] };
    const text = readableText(nudge);
    expect(text).toContain("⏰ SECMP0024 · Enduring Approach to Communication Hub Firmware Management");
    expect(text).toContain("PA accepted 29 May 2019: 64 of 15 WD, due 18 Jun 2019. Late: 49 WD over the 15 WD target. @S0DCC");
    const buttons = nudge.blocks.find((b) => b.type === "actions").elements;
    expect(buttons.map((b: any) => [b.text.text, b.action_id])).toEqual([
      ["Log delivery", "status.log_dcc"],
      ["Snooze 3 working days", "nudge.snooze"],
    ]);

    // "Log delivery" is the status card's button: the DCC modal opens from the nudge too.
    await app.action({ actionId: buttons[0].action_id, value: buttons[0].value, userId: ADMIN, channelId: "CNUDGE" });
    expect(app.slack.callsTo("views.open")).toHaveLength(1);

    at("2019-08-28T08:00:00Z");
    await scheduler.tick();
    expect(posts("CNUDGE")).toHaveLength(1);
    expect(await say("jobs")).toContain("✅ Wed 28 Aug 2019 at 09:00 · nudges · #CNUDGE · nothing was due");

    const snoozeValue = buttons[1].value;
    await app.action({ actionId: "nudge.snooze", value: snoozeValue, userId: "U0001", channelId: "CNUDGE" });
    expect(app.slack.callsTo("response_url").at(-1)?.body.text).toContain("Snoozing a late-assessment nudge needs the DCC role");
    at("2019-08-28T10:00:00Z");
    await app.action({ actionId: "nudge.snooze", value: snoozeValue, userId: ADMIN, channelId: "CNUDGE" });
    expect(app.slack.callsTo("response_url").at(-1)?.body.text).toContain(`<@${ADMIN}> snoozed this until 2 Sep 2019`);
    at("2019-08-30T08:00:00Z");
    await scheduler.tick();
    expect(posts("CNUDGE")).toHaveLength(1);
    at("2019-09-02T08:00:00Z");
    await scheduler.tick();
    expect(posts("CNUDGE")).toHaveLength(2);
    expect(readableText(posts("CNUDGE")[1].body as { blocks: unknown[] })).toContain("A reminder now the snooze has ended");
  });

  it("after downtime, posts a slot missed earlier today late, once, and records older ones as skipped", async () => {
    at("2019-10-06T12:00:00Z");
    await subscribeAs("digest", "CTODAY");
    await subscribeAs("digest", "CYESTERDAY");
    // CYESTERDAY's instance was down all Monday; CTODAY's comes back at 15:00.
    await app.db.prisma.jobRun.create({
      data: { key: "digest:CTODAY:2019-09-30 09:00", job: "digest", scheduledFor: new Date("2019-09-30T08:00:00Z"), status: "SUCCEEDED" },
    });
    at("2019-10-07T14:00:00Z");
    await app.db.prisma.channelSubscription.updateMany({ where: { channelId: "CYESTERDAY" }, data: { brokenAt: new Date() } });
    await scheduler.tick();
    await scheduler.tick();
    expect(posts("CTODAY")).toHaveLength(1);
    await app.db.prisma.channelSubscription.updateMany({ where: { channelId: "CYESTERDAY" }, data: { brokenAt: null } });
    at("2019-10-08T10:00:00Z");
    await scheduler.tick();
    expect(posts("CYESTERDAY")).toHaveLength(0);
    expect(posts("CTODAY")).toHaveLength(1);
    const jobs = await say("jobs skipped");
    expect(jobs).toContain("⏭ Mon 7 Oct 2019 at 09:00 · digest · #CYESTERDAY · Missed: modbot was not running at the time");
  });

  it("stops posting to a channel Slack says is gone, and tells the administrators", async () => {
    at("2019-10-06T12:00:00Z");
    await subscribeAs("digest", "CGONE");
    app.slack.failNext("chat.postMessage", { error: "channel_not_found" });
    at("2019-10-07T08:00:00Z");
    await scheduler.tick();
    const dm = posts(ADMIN);
    expect(dm).toHaveLength(1);
    expect(dm[0].body.text).toContain("I couldn't post the weekly digest to <#CGONE>: the channel no longer exists");
    const subscription = await app.db.prisma.channelSubscription.findFirstOrThrow({ where: { channelId: "CGONE" } });
    expect(subscription).toMatchObject({ brokenReason: "channel_not_found" });
    at("2019-10-07T08:01:00Z");
    await scheduler.tick();
    expect(posts("CGONE")).toHaveLength(1);
    expect(await say("subscriptions")).toContain("⚠️ paused since 7 Oct 2019: Slack said `channel_not_found`");
    expect(await say("jobs failed")).toContain("❌ Mon 7 Oct 2019 at 09:00 · digest · #CGONE · channel_not_found: subscription paused");
    expect((await subscribeAs("digest", "CGONE")).json().text).toContain("— resumed");
  });

  it.each([["not_in_channel"], ["is_archived"]])("treats %s the same way", async (error) => {
    at("2019-10-06T12:00:00Z");
    await subscribeAs("nudges", "CCLOSED");
    app.slack.failNext("chat.postMessage", { error });
    at("2019-10-07T08:00:00Z");
    await scheduler.tick();
    expect(await app.db.prisma.channelSubscription.findFirstOrThrow({ where: { channelId: "CCLOSED" } })).toMatchObject({ brokenReason: error });
    expect(posts(ADMIN)).toHaveLength(1);
  });

  it("waits out a rate limit as Slack asks and posts once", async () => {
    at("2019-10-06T12:00:00Z");
    await subscribeAs("digest", "CBUSY");
    app.slack.failNext("chat.postMessage", { rateLimitedFor: 1 });
    at("2019-10-07T08:00:00Z");
    await scheduler.tick();
    const calls = posts("CBUSY");
    expect(calls).toHaveLength(2);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(900);
    expect(await app.db.prisma.jobRun.findUniqueOrThrow({ where: { key: "digest:CBUSY:2019-10-07 09:00" } })).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
  });

  it("records any other failure and retries it on the next tick, never posting twice", async () => {
    at("2019-10-06T12:00:00Z");
    await subscribeAs("digest", "CFLAKY");
    app.slack.failNext("chat.postMessage", { error: "internal_error" });
    at("2019-10-07T08:00:00Z");
    await scheduler.tick();
    expect(await say("jobs failed")).toContain("❌ Mon 7 Oct 2019 at 09:00 · digest · #CFLAKY · internal_error");
    at("2019-10-07T08:01:00Z");
    await scheduler.tick();
    at("2019-10-07T08:02:00Z");
    await scheduler.tick();
    expect(posts("CFLAKY")).toHaveLength(2); // the refused one and the retry
    expect(await say("jobs")).toContain("✅ Mon 7 Oct 2019 at 09:00 · digest · #CFLAKY · attempt 2 · posted");
  });

  it("continues a long digest in its thread, and a retry carries on where it stopped", async () => {
    const prisma = app.db.prisma;
    for (let n = 0; n < 120; n++) {
      await prisma.modification.create({
        data: {
          number: 500 + n,
          series: "MP",
          reference: `MP${500 + n}`,
          title: `Bulk modification ${n}`,
          status: "IN_REFINEMENT",
          assessments: { create: { type: "PA", acceptedOn: new Date("2019-08-01"), targetDurationWd: 15, status: "IN_PROGRESS" } },
        },
      });
    }
    try {
      at("2019-10-06T12:00:00Z");
      await subscribeAs("digest", "CLONG");
      app.slack.failNext("chat.postMessage", { pass: true });
      app.slack.failNext("chat.postMessage", { error: "internal_error" });
      at("2019-10-07T08:00:00Z");
      await scheduler.tick();
      at("2019-10-07T08:01:00Z");
      await scheduler.tick();
      const calls = posts("CLONG");
      expect(calls).toHaveLength(3);
      expect(calls.filter((call) => !call.body.thread_ts)).toHaveLength(1);
      const parentTs = (await prisma.jobRun.findUniqueOrThrow({ where: { key: "digest:CLONG:2019-10-07 09:00" } })).output as { posted: string[] };
      expect(parentTs.posted).toHaveLength(2);
      expect(calls[2].body.thread_ts).toBe(parentTs.posted[0]);
      expect(readableText(calls[2].body as { blocks: unknown[] })).toContain("Digest continued (2 of 2)");
    } finally {
      await prisma.modification.deleteMany({ where: { number: { gte: 500, lt: 620 } } });
    }
  });

  it("posts each digest and nudge once when several instances tick at the same moment", async () => {
    at("2019-10-06T12:00:00Z");
    await subscribeAs("all", "CREPLICA");
    const other = app.databaseUrl ? await openDatabase({ kind: "server", url: app.databaseUrl }) : null;
    try {
      const instances = [app.db.prisma, other?.prisma ?? app.db.prisma, other?.prisma ?? app.db.prisma].map((prisma) =>
        createScheduler({
          ctx: createAppContext({ prisma, now: clock.now, initialAdmins: [ADMIN] }),
          client: fastClient(app.slack.apiUrl),
          nudges: { warnWorkingDaysBefore: [] },
        }),
      );
      at("2019-10-07T08:00:00Z");
      const reports = await Promise.all(instances.map((instance) => instance.tick()));
      expect(reports.flatMap((report) => report.ran).sort()).toEqual([
        "digest:CREPLICA:2019-10-07 09:00",
        "housekeeping:2019-10-07",
        "nudges:CREPLICA:2019-10-07 09:00",
      ]);
      const posted = posts("CREPLICA").map((call) => String(call.body.text));
      expect(posted.filter((text) => text.startsWith("Modifications digest"))).toHaveLength(1);
      expect(posted.filter((text) => text.startsWith("⏰ SECMP0024"))).toHaveLength(1);
      expect(posted).toHaveLength(2);
    } finally {
      await other?.close();
    }
  });
});
