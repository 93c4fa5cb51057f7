import type * as ResvgModule from "@resvg/resvg-js";
import { createRequire } from "node:module";
import { formatReportDate } from "../../domain/calendarDate.ts";
import type { ChangeStatusReport } from "../model.ts";
import { escapeHtml } from "./html.ts";
import { onFirstUse } from "../../onFirstUse.ts";

const resvg = onFirstUse<typeof ResvgModule>("@resvg/resvg-js");

// "Proposals currently in each stage" as a bar chart: SVG (inlined in the HTML report) and PNG
// (uploaded to Slack, linked from the Markdown). The PNG is rendered by resvg with the DejaVu
// font shipped in an npm package, so it looks the same on a server with no fonts installed.

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 450;

const STAGE_COLOURS: Record<string, string> = {
  Define: "#7fb9cf",
  Refine: "#2a7fa6",
  Opine: "#f2a541",
  Decide: "#d1495b",
  Release: "#4a9c5d",
};

const FONT_FAMILY = "DejaVu Sans";
const require = createRequire(import.meta.url);
const fontFiles = [require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"), require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")];

export function renderStageChartSvg(report: ChangeStatusReport): string {
  const stages = report.summary.stageCounts;
  const margin = { top: 80, right: 30, bottom: 60, left: 60 };
  const plotWidth = CHART_WIDTH - margin.left - margin.right;
  const plotHeight = CHART_HEIGHT - margin.top - margin.bottom;
  const max = Math.max(1, ...stages.map((s) => s.count));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const slot = plotWidth / stages.length;
  const barWidth = slot * 0.6;
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const parts: string[] = [];
  parts.push(`<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`);
  parts.push(text(margin.left, 36, "Proposals currently in each stage", { size: 22, weight: "bold" }));
  parts.push(text(margin.left, 62, `As at ${formatReportDate(report.reportDate)}`, { size: 14, fill: "#555555" }));
  for (let value = 0; value <= top; value += step) {
    const lineY = y(value);
    parts.push(`<line x1="${margin.left}" x2="${CHART_WIDTH - margin.right}" y1="${lineY}" y2="${lineY}" stroke="#dddddd" stroke-width="1"/>`);
    parts.push(text(margin.left - 10, lineY + 5, String(value), { size: 13, anchor: "end", fill: "#555555" }));
  }
  stages.forEach((stage, index) => {
    const x = margin.left + slot * index + (slot - barWidth) / 2;
    const barTop = y(stage.count);
    const colour = STAGE_COLOURS[stage.stage] ?? "#888888";
    parts.push(`<rect x="${x}" y="${barTop}" width="${barWidth}" height="${margin.top + plotHeight - barTop}" fill="${colour}"/>`);
    parts.push(text(x + barWidth / 2, barTop - 8, String(stage.count), { size: 16, weight: "bold", anchor: "middle" }));
    parts.push(text(x + barWidth / 2, margin.top + plotHeight + 24, stage.stage, { size: 15, anchor: "middle" }));
    if (stage.onHold) {
      parts.push(text(x + barWidth / 2, margin.top + plotHeight + 44, `${stage.onHold} on hold`, { size: 12, anchor: "middle", fill: "#555555" }));
    }
  });
  parts.push(`<line x1="${margin.left}" x2="${CHART_WIDTH - margin.right}" y1="${y(0)}" y2="${y(0)}" stroke="#333333" stroke-width="1.5"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">${parts.join("")}</svg>`;
}

export function renderStageChartPng(report: ChangeStatusReport): Buffer {
  const { Resvg } = resvg();
  const renderer = new Resvg(renderStageChartSvg(report), {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: "original" },
  });
  return renderer.render().asPng();
}

function text(
  x: number,
  y: number,
  content: string,
  style: { size: number; weight?: "bold"; anchor?: "start" | "middle" | "end"; fill?: string },
): string {
  return (
    `<text x="${x}" y="${y}" font-family="${FONT_FAMILY}" font-size="${style.size}"` +
    `${style.weight ? ` font-weight="${style.weight}"` : ""}${style.anchor ? ` text-anchor="${style.anchor}"` : ""}` +
    ` fill="${style.fill ?? "#1d1d1b"}">${escapeHtml(content)}</text>`
  );
}

// Gridlines at 1, 2 or 5 × a power of ten, four to eight of them.
function niceStep(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const multiple = [1, 2, 5, 10].find((m) => m * power >= rough) ?? 10;
  return Math.max(1, multiple * power);
}
