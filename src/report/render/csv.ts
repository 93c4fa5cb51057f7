import type * as Fflate from "fflate";
import { onFirstUse } from "../../onFirstUse.ts";

const fflate = onFirstUse<typeof Fflate>("fflate");
import { toIsoDate } from "../../domain/calendarDate.ts";
import type { ChangeStatusReport } from "../model.ts";
import { allTables, type ReportTable } from "../tables.ts";

// One CSV file per table (RFC 4180: quoted where needed, CRLF line ends), or all of them in a zip.

export function csvOf(table: ReportTable): string {
  const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  return [table.columns, ...table.rows].map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}

export function renderCsvFiles(report: ChangeStatusReport): { filename: string; content: string }[] {
  return allTables(report).map((table) => ({ filename: `${table.name}.csv`, content: csvOf(table) }));
}

/** Every table's CSV in one zip, named for the report date. */
export function renderCsvZip(report: ChangeStatusReport): Uint8Array {
  const folder = `change-status-report-${toIsoDate(report.reportDate)}`;
  const { strToU8, zipSync } = fflate();
  const files = Object.fromEntries(renderCsvFiles(report).map((f) => [`${folder}/${f.filename}`, strToU8(f.content)]));
  // A fixed timestamp keeps the zip of the same report byte-for-byte the same.
  return zipSync(files, { level: 6, mtime: report.reportDate });
}
