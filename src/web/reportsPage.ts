import type { AppContext } from "../appContext.ts";
import { calendarDate, compareDates, formatLongDate, parseIsoDate, toIsoDate } from "../domain/calendarDate.ts";
import { nthWorkingDay } from "../domain/workingDays.ts";
import { buildChangeStatusReport } from "../report/build.ts";
import { renderReportFormat, reportBaseName, type ReportFormat } from "../report/files.ts";
import { html, page } from "./html.ts";

// /reports: the Change Status Report for each month, latest first, as at the month's first SEC
// working day (when the report goes to the Panel), in every format the CLI writes.

const MONTHS_LISTED = 24;
const downloads: { format: ReportFormat; suffix: string; label: string; type: string }[] = [
  { format: "html", suffix: ".html", label: "HTML", type: "text/html; charset=utf-8" },
  { format: "pdf", suffix: ".pdf", label: "PDF", type: "application/pdf" },
  { format: "md", suffix: ".md", label: "Markdown", type: "text/markdown; charset=utf-8" },
  { format: "zip", suffix: "-csv.zip", label: "CSV (zip)", type: "application/zip" },
  { format: "png", suffix: "-stages.png", label: "Stage chart (PNG)", type: "image/png" },
];

/** The report dates listed: each month's first working day up to today, latest first. */
export function reportDates(today: Date, months = MONTHS_LISTED): Date[] {
  const dates: Date[] = [];
  for (let i = 0; i < months; i++) {
    const months = today.getUTCFullYear() * 12 + today.getUTCMonth() - i;
    const first = calendarDate(Math.floor(months / 12), (months % 12) + 1, 1);
    const day = nthWorkingDay(first, 1);
    if (compareDates(day, today) <= 0) dates.push(day);
  }
  return dates;
}

export function reportsPage(today: Date): string {
  const body = html`<h1>Change Status Reports</h1>
<p>The monthly report to the SEC Panel, computed from the register as at each month's first working day. Latest first.</p>
<table>
<caption>Reports by month</caption>
<thead><tr><th scope="col">Report</th><th scope="col">Downloads</th></tr></thead>
<tbody>
${reportDates(today).map((date) => {
    const base = `change-status-report-${toIsoDate(date)}`;
    return html`<tr><th scope="row">${formatLongDate(date)}</th><td>${downloads.map(
      (d, i) => html`${i ? " · " : ""}<a href="/reports/${base}${d.suffix}">${d.label}</a>`,
    )}</td></tr>`;
  })}
</tbody>
</table>`;
  return page({ title: "Change Status Reports", body });
}

const FILE = /^change-status-report-(\d{4}-\d{2}-\d{2})(\.html|\.pdf|\.md|-csv\.zip|-stages\.png)$/;

/** A report file by its name, or null when the name is not one (or the date is in the future). */
export async function reportFile(ctx: AppContext, name: string): Promise<{ content: string | Uint8Array; type: string; filename: string } | null> {
  const match = FILE.exec(name);
  if (!match) return null;
  let date: Date;
  try {
    date = parseIsoDate(match[1]!);
  } catch {
    return null;
  }
  if (toIsoDate(date) !== match[1] || compareDates(date, ctx.today()) > 0) return null;
  const download = downloads.find((d) => d.suffix === match[2])!;
  return ctx.cache.remember(`web:report:${name}`, async () => {
    const report = await buildChangeStatusReport(ctx.prisma, date);
    const [file] = await renderReportFormat(report, download.format);
    return { content: file!.content, type: download.type, filename: `${reportBaseName(report)}${download.suffix}` };
  });
}
