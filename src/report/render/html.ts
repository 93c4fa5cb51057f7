import { formatLongDate } from "../../domain/calendarDate.ts";
import { reportDocument, type DocumentBlock } from "../document.ts";
import type { ChangeStatusReport } from "../model.ts";

const STYLE = `
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1b; line-height: 1.45; }
h1 { color: #004b6b; } h2 { color: #004b6b; border-bottom: 2px solid #7fb9cf; padding-bottom: .2rem; margin-top: 2.2rem; }
table { border-collapse: collapse; margin: .8rem 0; font-size: .92rem; }
th, td { border: 1px solid #b8c7cf; padding: .3rem .55rem; text-align: left; vertical-align: top; }
th { background: #e6f0f4; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; } h2 { page-break-before: auto; } }
`;

/** A standalone HTML page; the chart is inlined as SVG so the file needs nothing beside it. */
export function renderHtml(report: ChangeStatusReport, options: { chartSvg?: string } = {}): string {
  const body = reportDocument(report)
    .map((block) => htmlBlock(block, options.chartSvg))
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Change Status Report — ${escapeHtml(formatLongDate(report.reportDate))}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function htmlBlock(block: DocumentBlock, chartSvg: string | undefined): string {
  switch (block.kind) {
    case "heading":
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case "paragraph":
      return `<p>${escapeHtml(block.text)}</p>`;
    case "list":
      return `<ul>\n${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("\n")}\n</ul>`;
    case "table": {
      const { columns, rows, title } = block.table;
      const head = `<tr>${columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("")}</tr>`;
      const body = rows.map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n");
      return `<table aria-label="${escapeHtml(title)}">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
    }
    case "chart":
      return chartSvg ? `<figure role="img" aria-label="${escapeHtml(block.alt)}">${chartSvg}</figure>` : "";
  }
}

export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}
