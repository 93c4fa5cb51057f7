import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/data/database.ts";
import type { Prisma } from "../../src/data/generated/prisma/client.ts";
import { createScheduler, type Scheduler } from "../../src/jobs/scheduler.ts";
import { blockKitViolations, blockTextLength, limits } from "../../src/slack/blocks/contract.ts";
import { fastClient, movableClock, postsTo } from "../support/jobs.ts";
import { startTestApp, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";

// The digest and nudges of a busy register, through Slack's Block Kit contract: 400
// modifications, 150 changes in the week before Monday 7 Oct 2019, 60 late DCC assessments, 20
// due in the next working days. Built with createMany so it takes a second, not a minute. Every
// post goes through the fake Slack, which refuses (and fails the test on) a payload Slack would
// refuse; the test also checks each post itself, and that no line of the digest went missing.

const ADMIN = "UADMIN";
const TODAY = "2019-10-07";
const LATE = 60;
const DUE_SOON = 20;
const CHANGES_IN_WEEK = 150;
const RAISED_IN_WEEK = 30;

const day = (iso: string, plusDays = 0) => new Date(Date.parse(`${iso}T00:00:00Z`) + plusDays * 86_400_000);

/** Long titles (the digest clips them at 90) and, one in ten, hostile ones that escaping lengthens. */
function titleOf(n: number): string {
  return n % 10 === 0
    ? `Tariffs & <Charges> for "A & B" — <!channel> <@U1> <https://x.example|y> *b* _i_ ~s~ &amp; review ${n} & more & more`
    : `Synthetic modification ${n}: an enduring approach to Communication Hub firmware management and the managed move to DUIS 3.1`;
}

/** `count` weekdays from `iso` on: acceptance dates for the late assessments. */
function weekdaysFrom(iso: string, count: number): Date[] {
  const days: Date[] = [];
  for (let d = day(iso); days.length < count; d = new Date(d.getTime() + 86_400_000)) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d);
  }
  return days;
}

async function seedBusyRegister(db: Database): Promise<{ lateReferences: string[]; dueReferences: string[] }> {
  const prisma = db.prisma;
  await prisma.party.createMany({ data: Array.from({ length: 7 }, (_, i) => ({ name: `Busy Party ${i} & <Sons>`, category: "OTHER_SEC_PARTY" as const })) });
  const parties = await prisma.party.findMany({ select: { id: true } });
  // 100–129 are Draft Proposals raised this week; 130–499 Modification Proposals.
  const numbers = Array.from({ length: 400 }, (_, i) => 100 + i);
  const referenceOf = (n: number) => (n < 130 ? `DP${n}` : `MP${n}`);
  await prisma.modification.createMany({
    data: numbers.map((n) => ({
      number: n,
      series: n < 130 ? ("DP" as const) : ("MP" as const),
      reference: referenceOf(n),
      title: titleOf(n),
      status: n < 130 ? ("DRAFT_RAISED" as const) : ("IN_REFINEMENT" as const),
      raisedById: parties[n % parties.length].id,
      raisedOn: n < 130 ? day("2019-10-01", n % 7) : day("2019-03-01"),
    })),
  });
  const ids = new Map((await prisma.modification.findMany({ select: { id: true, number: true } })).map((m) => [m.number, m.id]));
  const recordedAt = new Date("2019-09-01T12:00:00Z");

  // The week's changes: 30 raised, 120 moves (some modifications move twice), between Tue 1 Oct
  // and Mon 7 Oct; and 50 older ones (up to 30 Sep, the last digest's date) that must not show.
  const transitions: Prisma.StageTransitionCreateManyInput[] = [];
  for (let n = 100; n < 130; n++) {
    transitions.push({ modificationId: ids.get(n)!, fromStatus: null, toStatus: "DRAFT_RAISED", event: "Raised", occurredOn: day("2019-10-01", n % 7), actor: "Busy Party", recordedAt });
  }
  for (let i = 0; i < CHANGES_IN_WEEK - RAISED_IN_WEEK; i++) {
    const n = 130 + (i % 90);
    const second = i >= 90;
    transitions.push({
      modificationId: ids.get(n)!,
      fromStatus: second ? "REPORT_PRESENTED" : "IN_REFINEMENT",
      toStatus: second ? "REPORT_CONSULTATION" : "REPORT_PRESENTED",
      event: second
        ? `Modification Report Consultation opened by the Change Sub-Committee & <Panel> (step ${i})`
        : `Modification Report presented to the Change Sub-Committee after refinement (step ${i})`,
      occurredOn: day("2019-10-01", i % 7),
      actor: "Change Sub-Committee",
      recordedAt,
    });
  }
  for (let i = 0; i < 50; i++) {
    transitions.push({
      modificationId: ids.get(300 + i)!,
      fromStatus: "DRAFT_RAISED",
      toStatus: "IN_REFINEMENT",
      event: `Converted to a Modification Proposal by the Panel (old step ${i})`,
      occurredOn: day("2019-09-30", -(i % 20)),
      actor: "SEC Panel",
      recordedAt,
    });
  }
  await prisma.stageTransition.createMany({ data: transitions });

  // 60 late (PA 15 WD or IA 40 WD, accepted on weekdays from 3 June; a quarter with DCC's revised date still
  // ahead, a quarter with it passed), 20 due Wed 9 Oct (accepted Thu 19 Sep, 15 WD), 40 running
  // and not due, 80 delivered, 20 awaiting acceptance.
  const accepted = weekdaysFrom("2019-06-03", LATE);
  const lateReferences: string[] = [];
  const dueReferences: string[] = [];
  const assessments: Prisma.AssessmentCreateManyInput[] = [];
  accepted.forEach((acceptedOn, k) => {
    const n = 130 + k;
    lateReferences.push(referenceOf(n));
    // An IA's 40 WD from acceptance by mid-July have run out by October; a PA's 15 by September.
    const ia = k % 3 === 0 && k < 30;
    assessments.push({
      modificationId: ids.get(n)!,
      type: ia ? "IA" : "PA",
      acceptedOn,
      targetDurationWd: ia ? 40 : 15,
      targetDate: k % 4 === 0 ? day("2019-10-15") : k % 4 === 1 ? day("2019-09-30") : null,
      status: "IN_PROGRESS",
      contact: k % 2 === 0 ? `U${String(k).padStart(4, "0")}` : null,
    });
  });
  for (let n = 190; n < 210; n++) {
    dueReferences.push(referenceOf(n));
    assessments.push({ modificationId: ids.get(n)!, type: "PA", acceptedOn: day("2019-09-19"), targetDurationWd: 15, status: "IN_PROGRESS" });
  }
  for (let n = 210; n < 250; n++) {
    assessments.push({ modificationId: ids.get(n)!, type: "IA", acceptedOn: day("2019-09-23"), targetDurationWd: 40, status: "IN_PROGRESS" });
  }
  for (let n = 250; n < 330; n++) {
    assessments.push({ modificationId: ids.get(n)!, type: "PA", acceptedOn: day("2019-05-01"), targetDurationWd: 15, deliveredOn: day("2019-08-01"), status: "DELIVERED" });
  }
  for (let n = 330; n < 350; n++) {
    assessments.push({ modificationId: ids.get(n)!, type: "PA", requestReceivedOn: day("2019-10-02"), status: "REQUESTED" });
  }
  await prisma.assessment.createMany({ data: assessments });
  return { lateReferences, dueReferences };
}

interface Posted {
  text: string;
  blocks: Record<string, any>[];
  thread_ts?: string;
}

/** The lines of a message's mrkdwn sections: what the digest lists, one item a line. */
function sectionLines(message: Posted): string[] {
  return message.blocks.filter((b) => b.type === "section" && b.text).flatMap((b) => String(b.text.text).split("\n"));
}

/** The fallback text and every mrkdwn text object: where Slack turns `<!channel>` into a ping. */
function mrkdwnTexts(message: Posted): string[] {
  const texts = [message.text];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const object = node as Record<string, unknown>;
      if (object.type === "mrkdwn" && typeof object.text === "string") texts.push(object.text);
      Object.values(object).forEach(visit);
    }
  };
  visit(message.blocks);
  return texts;
}

function expectWithinSlackLimits(message: Posted): void {
  expect(blockKitViolations(message, "message")).toEqual([]);
  expect(message.blocks.length).toBeLessThanOrEqual(limits.messageBlocks);
  const text = message.blocks.reduce((sum, block) => sum + blockTextLength(block), 0);
  expect(text).toBeLessThan(limits.messageBlocksTotalText);
  expect(message.text.length).toBeGreaterThan(0);
}

describe.each(databaseKinds)("a busy register's digest and nudges (%s database)", (database) => {
  let app: TestApp;
  let scheduler: Scheduler;
  let expected: { lateReferences: string[]; dueReferences: string[] };
  const clock = movableClock("2019-10-06T12:00:00Z");

  beforeAll(async () => {
    app = await startTestApp({
      database,
      now: clock.now,
      admins: [ADMIN],
      seed: async (db) => {
        expected = await seedBusyRegister(db);
      },
    });
    scheduler = createScheduler({
      ctx: app.ctx,
      client: fastClient(app.slack.apiUrl),
      nudges: { warnWorkingDaysBefore: [2], defaultContact: "S0DCC" },
    });
  });
  // Each test subscribes its own channel: a digest left failing by one must not run in the next.
  beforeEach(async () => {
    await app.db.prisma.channelSubscription.deleteMany();
    await app.db.prisma.jobRun.deleteMany();
    await app.db.prisma.nudgeSent.deleteMany();
    app.slack.reset();
  });
  afterAll(async () => {
    await scheduler?.stop();
    await app?.close();
  });

  it("posts a digest Slack accepts, split across a thread, with every change and every late assessment in it", async () => {
    clock.at("2019-10-06T12:00:00Z");
    expect((await app.command("subscribe digest", { channelId: "CDIGEST", userId: ADMIN })).json().text).toContain("weekly digest");
    clock.at("2019-10-07T08:00:00Z");
    await scheduler.tick();

    const calls = postsTo(app, "CDIGEST");
    const messages = calls.map((call) => call.body as unknown as Posted);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expectWithinSlackLimits(message);
    const run = await app.db.prisma.jobRun.findUniqueOrThrow({ where: { key: `digest:CDIGEST:${TODAY} 09:00` } });
    expect(run.status).toBe("SUCCEEDED");
    const [parent, ...thread] = messages;
    expect(parent.thread_ts).toBeUndefined();
    const parentTs = (run.output as { posted: string[] }).posted[0];
    for (const reply of thread) expect(reply.thread_ts).toBe(parentTs);
    expect(parent.text).toBe(
      `Modifications digest 7 Oct 2019: ${CHANGES_IN_WEEK} changes, ${DUE_SOON} due by 11 Oct 2019, ${LATE} late DCC assessments. Continued in the thread.`,
    );

    const lines = messages.flatMap(sectionLines);
    expect(lines).toContain(`*What changed in the week to 7 Oct 2019* (${CHANGES_IN_WEEK})`);
    expect(lines).toContain(`*Late DCC assessments* (${LATE})`);
    // Nothing silently dropped: each change, due date and late assessment is a line somewhere.
    const raised = lines.filter((l) => l.startsWith("🆕 "));
    const moved = lines.filter((l) => l.startsWith("➡️ "));
    expect(raised).toHaveLength(RAISED_IN_WEEK);
    expect(moved).toHaveLength(CHANGES_IN_WEEK - RAISED_IN_WEEK);
    expect(new Set(moved.map((l) => /\(step (\d+)\)/.exec(l)?.[1])).size).toBe(CHANGES_IN_WEEK - RAISED_IN_WEEK);
    expect(lines.some((l) => l.includes("old step"))).toBe(false);
    const late = lines.filter((l) => l.startsWith("⚠️ "));
    expect(late.map((l) => /^⚠️ \*(\w+)\*/.exec(l)?.[1]).sort()).toEqual([...expected.lateReferences].sort());
    const due = lines.filter((l) => l.startsWith("🎯 "));
    expect(due.map((l) => /^🎯 \*(\w+)\*/.exec(l)?.[1]).sort()).toEqual([...expected.dueReferences].sort());

    // Hostile titles arrive escaped wherever Slack reads mrkdwn, whatever message they land in.
    const mrkdwn = messages.flatMap(mrkdwnTexts).join("\n");
    expect(mrkdwn).not.toContain("<!channel>");
    expect(mrkdwn).not.toContain("<@U1>");
    expect(mrkdwn).toContain("&lt;!channel&gt;");
    // Each message offers the status cards of what it lists.
    for (const message of messages) {
      const menu = message.blocks.find((b) => b.type === "actions")?.elements[0];
      const listed = new Set(sectionLines(message).flatMap((l) => /^\S+ \*((?:DP|MP)\d+)\*/.exec(l)?.[1] ?? []));
      expect(new Set(menu.options.map((o: { value: string }) => o.value))).toEqual(listed);
    }
  });

  it("posts one nudge Slack accepts per late assessment, and one warning per assessment due in two working days", async () => {
    clock.at("2019-10-06T12:00:00Z");
    await app.command("subscribe nudges", { channelId: "CNUDGE", userId: ADMIN });
    clock.at("2019-10-07T08:00:00Z");
    await scheduler.tick();

    const messages = postsTo(app, "CNUDGE").map((call) => call.body as unknown as Posted);
    for (const message of messages) expectWithinSlackLimits(message);
    const referenceOf = (m: Posted) => /^[⏰⏳] (\w+) /u.exec(m.text)?.[1];
    const lateNudges = messages.filter((m) => m.text.startsWith("⏰ "));
    const warnings = messages.filter((m) => m.text.startsWith("⏳ "));
    expect(lateNudges.map(referenceOf).sort()).toEqual([...expected.lateReferences].sort());
    expect(warnings.map(referenceOf).sort()).toEqual([...expected.dueReferences].sort());
    expect(messages).toHaveLength(LATE + DUE_SOON);
    // Every nudge names who should act: the assessment's contact, else the DCC user group.
    const mentioned = lateNudges.map((m) => /<@(U\d{4})>|<!subteam\^(S0DCC)>/.exec(m.blocks[0].text.text)?.slice(1).find(Boolean));
    expect(mentioned.filter((who) => who?.startsWith("U"))).toHaveLength(LATE / 2);
    expect(mentioned.filter((who) => who === "S0DCC")).toHaveLength(LATE / 2);
    expect(await app.db.prisma.nudgeSent.count({ where: { channelId: "CNUDGE", messageTs: { not: null } } })).toBe(LATE + DUE_SOON);
    const mrkdwn = messages.flatMap(mrkdwnTexts).join("\n");
    expect(mrkdwn).not.toContain("<!channel>");
    expect(mrkdwn).toContain("&lt;!channel&gt;");

    // The next morning, nothing new is due: no nudge is posted twice.
    clock.at("2019-10-08T08:00:00Z");
    await scheduler.tick();
    expect(postsTo(app, "CNUDGE")).toHaveLength(LATE + DUE_SOON);
  });
});
