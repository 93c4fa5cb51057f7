import pg from "pg";
import { randomBytes } from "node:crypto";
import { openDatabase, type Database, type DatabaseTarget } from "../src/data/database.ts";
import { addCalendarDays, calendarDate } from "../src/domain/calendarDate.ts";
import { modificationStatuses } from "../src/domain/lifecycle.ts";
import { buildChangeStatusReport } from "../src/report/build.ts";
import { renderReportFiles } from "../src/report/files.ts";

// The Change Status Report for 1,000 and 10,000 modifications: load + build, then each format.
// Target: under 500 ms for 1,000 (build and Markdown). Prints one line per database and size.

const REPORT_DATE = calendarDate(2019, 10, 4);
const SERVER_ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

// A small deterministic generator so every run measures the same register.
function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export async function seedRegister(db: Database, count: number): Promise<void> {
  const random = prng(count);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const day = (from: Date, spread: number) => addCalendarDays(from, Math.floor(random() * spread));
  const start = calendarDate(2015, 1, 5);
  const rows = Array.from({ length: count }, (_, i) => {
    const status = pick(modificationStatuses);
    const raisedOn = day(start, 1700);
    const concluded = ["IMPLEMENTED", "REJECTED", "WITHDRAWN"].includes(status);
    return {
      number: i + 1,
      series: "SECMP" as const,
      reference: `SECMP${String(i + 1).padStart(4, "0")}`,
      title: `Synthetic modification ${i + 1}`,
      summary: "A problem statement of a typical length, written by the proposer for the Panel.",
      raisedOn,
      status,
      onHold: random() < 0.05,
      concludedOn: concluded ? addCalendarDays(raisedOn, 30 + Math.floor(random() * 400)) : null,
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await db.prisma.modification.createMany({ data: rows.slice(i, i + 1000) });
  const ids = await db.prisma.modification.findMany({ select: { id: true, raisedOn: true } });
  const assessments = ids.flatMap(({ id, raisedOn }) => {
    const acceptedOn = addCalendarDays(raisedOn!, 20 + Math.floor(random() * 60));
    const delivered = random() < 0.8;
    return [
      {
        modificationId: id,
        type: "PA" as const,
        acceptedOn,
        targetDurationWd: 15,
        deliveredOn: delivered ? addCalendarDays(acceptedOn, 10 + Math.floor(random() * 60)) : null,
        status: delivered ? ("DELIVERED" as const) : ("IN_PROGRESS" as const),
      },
      ...(random() < 0.4 ? [{ modificationId: id, type: "IA" as const, acceptedOn: addCalendarDays(acceptedOn, 90), targetDurationWd: 40, status: "IN_PROGRESS" as const }] : []),
    ];
  });
  const transitions = ids.map(({ id, raisedOn }) => ({
    modificationId: id,
    toStatus: "DRAFT_RAISED" as const,
    event: "Raised",
    occurredOn: raisedOn!,
    actor: "Proposer",
  }));
  for (let i = 0; i < assessments.length; i += 1000) await db.prisma.assessment.createMany({ data: assessments.slice(i, i + 1000) });
  for (let i = 0; i < transitions.length; i += 1000) await db.prisma.stageTransition.createMany({ data: transitions.slice(i, i + 1000) });
}

async function time<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function measure(kind: string, target: DatabaseTarget, count: number): Promise<void> {
  const db = await openDatabase(target);
  try {
    await seedRegister(db, count);
    await buildChangeStatusReport(db.prisma, REPORT_DATE); // warm-up: first-query planning, JIT
    const builds: number[] = [];
    let report;
    for (let i = 0; i < 3; i++) {
      const [built, ms] = await time(() => buildChangeStatusReport(db.prisma, REPORT_DATE));
      builds.push(ms);
      report = built;
    }
    const formats: string[] = [];
    for (const format of ["md", "html", "json", "zip", "png"] as const) {
      const [, ms] = await time(() => renderReportFiles(report!, format));
      formats.push(`${format} ${ms.toFixed(0)} ms`);
    }
    const median = builds.sort((a, b) => a - b)[1];
    console.log(
      `report  ${kind.padEnd(8)} ${String(count).padStart(6)} modifications: load+build ${median.toFixed(0)} ms (median of 3) · ${formats.join(" · ")}`,
    );
  } finally {
    await db.close();
  }
}

async function withServerDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const name = `modbot_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: SERVER_ADMIN_URL });
  try {
    await admin.connect();
  } catch {
    console.log("report  server   skipped: no PostgreSQL server at", new URL(SERVER_ADMIN_URL).host);
    return;
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER_ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

export async function run(): Promise<void> {
  for (const count of [1_000, 10_000]) {
    await measure("embedded", { kind: "embedded", dataDir: "memory://" }, count);
    await withServerDatabase((url) => measure("server", { kind: "server", url }, count));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
