import { performance } from "node:perf_hooks";
import type { DigestData } from "../src/data/digest.ts";
import { loadDigestData } from "../src/data/digest.ts";
import { openDatabase } from "../src/data/database.ts";
import { addCalendarDays, parseIsoDate } from "../src/domain/calendarDate.ts";
import { buildDigest, digestHorizon } from "../src/jobs/digestContent.ts";
import { planTick } from "../src/jobs/schedule.ts";
import { digestMessages } from "../src/slack/blocks/digest.ts";

// Building the weekly digest for 1,000 and 10,000 modifications (target: under 100 ms for
// 1,000). "build" is the pure part (content + Block Kit messages) from data in memory; "load"
// adds the queries against an embedded database holding that many modifications.

const today = parseIsoDate("2019-10-07");
const sinceDate = parseIsoDate("2019-09-30");
const since = new Date("2019-09-30T08:00:00Z");
const titles = ["Advanced Shipment Notifications for Consignment of Communications Hubs", "Enduring Approach to Communication Hub Firmware Management", "Other User Panel Seating Amendment"];

// Every modification moved stage this week and has an open assessment: a worst case for the
// digest, whose every section then lists every modification.
function syntheticData(count: number): DigestData {
  const data: DigestData = { transitions: [], votes: [], decisions: [], releasesImplemented: [], upcomingReleases: [], releaseRevisions: [], openAssessments: [], consultations: [], meetings: [] };
  for (let i = 0; i < count; i++) {
    const modification = { reference: `MP${1000 + i}`, title: `${titles[i % titles.length]} (${i})` };
    data.transitions.push({ modification, fromStatus: "READY_FOR_PANEL", toStatus: "IN_REFINEMENT", event: "Converted to a Modification Proposal by the Panel", occurredOn: addCalendarDays(sinceDate, 1 + (i % 5)), actor: "SEC Panel" });
    data.openAssessments.push({ modification, type: i % 2 ? "IA" : "PA", status: "IN_PROGRESS", acceptedOn: addCalendarDays(today, -20 - (i % 60)), targetDurationWd: i % 2 ? 40 : 15, targetDate: null, deliveredOn: null });
    if (i % 10 === 0) data.consultations.push({ modification, kind: "REFINEMENT", status: "OPEN", opensOn: null, closesOn: addCalendarDays(today, i % 5), openWorkingDays: null, expectedWeekCommencing: null });
  }
  return data;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time<T>(fn: () => T, runs: number): { ms: number; result: T } {
  let result!: T;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
  }
  return { ms: median(times), result };
}

async function timeLoad(count: number): Promise<number> {
  const db = await openDatabase({ kind: "embedded", dataDir: "memory://" });
  try {
    const prisma = db.prisma;
    const data = syntheticData(count);
    await prisma.modification.createMany({
      data: data.openAssessments.map((a, i) => ({ number: 1000 + i, series: "MP" as const, reference: a.modification.reference, title: a.modification.title, status: "IN_REFINEMENT" as const })),
    });
    const ids = await prisma.modification.findMany({ select: { id: true }, orderBy: { number: "asc" } });
    await prisma.assessment.createMany({
      data: data.openAssessments.map((a, i) => ({ modificationId: ids[i].id, type: a.type, acceptedOn: a.acceptedOn, targetDurationWd: a.targetDurationWd, status: "IN_PROGRESS" as const })),
    });
    await prisma.stageTransition.createMany({
      data: data.transitions.map((t, i) => ({ modificationId: ids[i].id, fromStatus: t.fromStatus, toStatus: t.toStatus, event: t.event, occurredOn: t.occurredOn, actor: t.actor })),
    });
    const period = { since, sinceDate, now: new Date("2019-10-07T08:00:00Z"), today, horizon: digestHorizon(today) };
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const loaded = await loadDigestData(prisma, period);
      digestMessages(buildDigest(loaded, { today, since, sinceDate, firstDigest: false }));
      times.push(performance.now() - start);
    }
    return median(times);
  } finally {
    await db.close();
  }
}

export async function run(): Promise<void> {
  console.log("digest: building the weekly digest (median of runs)");
  for (const count of [1_000, 10_000]) {
    const data = syntheticData(count);
    const { ms, result } = time(() => digestMessages(buildDigest(data, { today, since, sinceDate, firstDigest: false })), count >= 10_000 ? 5 : 15);
    const blocks = result.reduce((sum, message) => sum + message.blocks.length, 0);
    console.log(`  build ${count.toLocaleString("en-GB")} modifications: ${ms.toFixed(1)} ms → ${result.length} messages, ${blocks} blocks${count === 1_000 ? ` (target < 100 ms: ${ms < 100 ? "met" : "MISSED"})` : ""}`);
  }
  // The first tick after a start looks back 8 days for unrecorded slots: minute by minute.
  const subscriptions = Array.from({ length: 20 }, (_, i) => ({
    id: i, channelId: `C${i}`, kind: (i % 2 ? "NUDGES" : "DIGEST") as "NUDGES" | "DIGEST", schedule: i % 2 ? "0 9 * * 1-5" : "0 9 * * 1",
    timezone: "Europe/London", createdAt: new Date("2019-01-01T00:00:00Z"),
  }));
  const plan = time(() => planTick({ subscriptions, lastRecorded: new Map(), now: new Date("2019-10-07T12:00:00Z"), lookbackMs: 8 * 86_400_000 }), 3);
  console.log(`  scheduler: first tick's plan for 20 subscriptions over an 8-day look-back: ${plan.ms.toFixed(1)} ms`);
  const steady = time(() => planTick({ subscriptions, lastRecorded: new Map(subscriptions.map((s) => [s.id, new Date("2019-10-07T11:59:00Z")])), now: new Date("2019-10-07T12:00:00Z"), lookbackMs: 8 * 86_400_000 }), 15);
  console.log(`  scheduler: a minutely tick's plan for 20 subscriptions: ${steady.ms.toFixed(2)} ms`);
  for (const count of [1_000, 10_000]) {
    console.log(`  load + build ${count.toLocaleString("en-GB")} modifications (embedded database): ${(await timeLoad(count)).toFixed(1)} ms`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
