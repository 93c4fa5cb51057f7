import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { createAppContext } from "../src/appContext.ts";
import { openDatabase } from "../src/data/database.ts";
import { calendarDate } from "../src/domain/calendarDate.ts";
import { buildChangeStatusReport } from "../src/report/build.ts";
import { renderPdf } from "../src/report/render/pdf.ts";
import { webApp } from "../src/web/routes.ts";
import { seedRegister } from "./report.ts";
import { formatLatency, ms, rssMb, timeSequential } from "./support.ts";

// The public register with 1,000 modifications on the embedded database, over HTTP: /register
// (all rows, and a filtered view), a modification page, each served from memory while the
// register is unchanged and read afresh (no change feed: every request reads the database).
// Then the PDF report's build time. Targets: /register p99 < 50 ms, a modification page
// < 20 ms, the PDF for 1,000 modifications < 2 s.

const MODIFICATIONS = 1000;
const REQUESTS = 200;

async function serve(fetchHandler: (request: Request) => Response | Promise<Response>): Promise<{ url: string; server: Server }> {
  const server = createServer(getRequestListener(fetchHandler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export async function run(): Promise<void> {
  const db = await openDatabase({ kind: "embedded", dataDir: "memory://" });
  try {
    await seedRegister(db, MODIFICATIONS);
    for (const cached of [true, false]) {
      const ctx = createAppContext({ prisma: db.prisma, now: () => new Date("2019-10-04T11:00:00Z"), changes: cached ? db.changes : undefined });
      const { url, server } = await serve(webApp(ctx).fetch);
      const label = cached ? "cached" : "read afresh";
      for (const path of ["/register", "/register?stage=Refine&sort=title", "/register/SECMP0500"]) {
        const call = async () => {
          const response = await fetch(`${url}${path}`);
          if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
          await response.arrayBuffer();
        };
        for (let i = 0; i < 5; i++) await call();
        console.log(formatLatency(`${path} (${MODIFICATIONS} mods, ${label})`, await timeSequential(cached ? REQUESTS : REQUESTS / 10, call)));
      }
      server.close();
    }
    const report = await buildChangeStatusReport(db.prisma, calendarDate(2019, 10, 4));
    await renderPdf(report); // warm-up: fonts
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const pdf = await renderPdf(report);
      samples.push(performance.now() - started);
      if (i === 0) console.log(`PDF report (${MODIFICATIONS} mods): ${Math.round(pdf.length / 1024)} KiB`);
    }
    samples.sort((a, b) => a - b);
    console.log(`PDF report build (${MODIFICATIONS} mods, after the report is computed): median ${ms(samples[2]!)}, max ${ms(samples[4]!)}; RSS ${rssMb()} MB`);
  } finally {
    await db.close();
  }
}
