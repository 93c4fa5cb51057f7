import { toIsoDate } from "../domain/calendarDate.ts";
import type { ChangeStatusReport } from "./model.ts";
import { renderStageChartPng, renderStageChartSvg } from "./render/chart.ts";
import { renderCsvFiles, renderCsvZip } from "./render/csv.ts";
import { renderHtml } from "./render/html.ts";
import { renderJson } from "./render/json.ts";
import { renderMarkdown } from "./render/markdown.ts";
import { renderPdf } from "./render/pdf.ts";

// The report's file formats, named for the report date, for the CLI and the Slack upload.

export const reportFormats = ["md", "html", "pdf", "json", "csv", "zip", "png"] as const;
export type ReportFormat = (typeof reportFormats)[number];
/** Formats renderReportFiles makes at once; the PDF is laid out asynchronously (renderReportFile). */
export type SyncReportFormat = Exclude<ReportFormat, "pdf">;

export interface ReportFile {
  filename: string;
  content: string | Uint8Array;
}

export function reportBaseName(report: ChangeStatusReport): string {
  return `change-status-report-${toIsoDate(report.reportDate)}`;
}

export function chartFileName(report: ChangeStatusReport): string {
  return `${reportBaseName(report)}-stages.png`;
}

/** The files of one format: one file, except CSV (a file per table). */
export function renderReportFiles(report: ChangeStatusReport, format: SyncReportFormat): ReportFile[] {
  const base = reportBaseName(report);
  switch (format) {
    case "md":
      return [{ filename: `${base}.md`, content: renderMarkdown(report, { chartFile: chartFileName(report) }) }];
    case "html":
      return [{ filename: `${base}.html`, content: renderHtml(report, { chartSvg: renderStageChartSvg(report) }) }];
    case "json":
      return [{ filename: `${base}.json`, content: renderJson(report) }];
    case "csv":
      return renderCsvFiles(report);
    case "zip":
      return [{ filename: `${base}-csv.zip`, content: renderCsvZip(report) }];
    case "png":
      return [{ filename: chartFileName(report), content: renderStageChartPng(report) }];
  }
}

/** Any format, the PDF included. */
export async function renderReportFormat(report: ChangeStatusReport, format: ReportFormat): Promise<ReportFile[]> {
  if (format === "pdf") return [{ filename: `${reportBaseName(report)}.pdf`, content: await renderPdf(report) }];
  return renderReportFiles(report, format);
}
