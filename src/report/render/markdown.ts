import { reportDocument, type DocumentBlock } from "../document.ts";
import type { ChangeStatusReport } from "../model.ts";
import type { ReportTable } from "../tables.ts";

/** The report as Markdown; `chartFile` is the PNG's name when it travels alongside. */
export function renderMarkdown(report: ChangeStatusReport, options: { chartFile?: string } = {}): string {
  return `${reportDocument(report)
    .map((block) => markdownBlock(block, options.chartFile))
    .filter((text) => text !== "")
    .join("\n\n")}\n`;
}

function markdownBlock(block: DocumentBlock, chartFile: string | undefined): string {
  switch (block.kind) {
    case "heading":
      return `${"#".repeat(block.level)} ${inline(block.text)}`;
    case "paragraph":
      return inline(block.text);
    case "list":
      return block.items.map((item) => `- ${inline(item)}`).join("\n");
    case "table":
      return markdownTable(block.table);
    case "chart":
      return chartFile ? `![${inline(block.alt)}](${chartFile})` : "";
  }
}

export function markdownTable(table: ReportTable): string {
  const cell = (text: string) => inline(text).replaceAll("|", "\\|").replaceAll("\n", " ");
  const line = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(table.columns), `|${table.columns.map(() => " --- ").join("|")}|`, ...table.rows.map(line)].join("\n");
}

// Titles are people's text: keep Markdown from reading *, _, [, < or ` in them as formatting.
function inline(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, "\\$1");
}
