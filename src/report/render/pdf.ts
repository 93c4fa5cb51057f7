import { createRequire } from "node:module";
import type PDFKitDocument from "pdfkit";
import { onFirstUse } from "../../onFirstUse.ts";
import { formatLongDate } from "../../domain/calendarDate.ts";
import { reportDocument, type DocumentBlock } from "../document.ts";
import type { ChangeStatusReport } from "../model.ts";
import type { ReportTable } from "../tables.ts";
import { renderStageChartPng } from "./chart.ts";

// The report as the Panel's PDF paper: the same document blocks as the Markdown and HTML (so the
// three say the same), laid out by pdfkit in-process with the DejaVu fonts the package ships —
// no browser at run time. Headings, paragraphs, lists, ruled tables and the stage chart.

const pdfkit = onFirstUse<typeof PDFKitDocument>("pdfkit");
const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
};

const MARGIN = 50;
const headingSizes = { 1: 18, 2: 14, 3: 12, 4: 11 } as const;

export function renderPdf(report: ChangeStatusReport): Promise<Buffer> {
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // The report's own date, not the clock's, so the same report is the same file.
    info: { Title: `Change Status Report ${formatLongDate(report.reportDate)}`, Author: "modbot", Subject: "SEC Change Status Report", CreationDate: report.reportDate, ModDate: report.reportDate },
  });
  doc.registerFont("regular", FONTS.regular);
  doc.registerFont("bold", FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  for (const block of reportDocument(report)) drawBlock(doc, block, report);
  footers(doc, report);
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFKitDocument>;

const width = (doc: Doc) => doc.page.width - MARGIN * 2;
const bottom = (doc: Doc) => doc.page.height - MARGIN;

function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function drawBlock(doc: Doc, block: DocumentBlock, report: ChangeStatusReport) {
  switch (block.kind) {
    case "heading": {
      const size = headingSizes[block.level];
      ensureRoom(doc, size * 4);
      doc.moveDown(block.level <= 2 ? 0.8 : 0.4);
      doc.font("bold").fontSize(size).fillColor("#1a1a1a").text(block.text, MARGIN, doc.y, { width: width(doc) });
      doc.moveDown(0.3);
      return;
    }
    case "paragraph":
      doc.font("regular").fontSize(10).text(block.text, MARGIN, doc.y, { width: width(doc), align: "left" });
      doc.moveDown(0.5);
      return;
    case "list":
      doc.font("regular").fontSize(10);
      for (const item of block.items) {
        ensureRoom(doc, 14);
        doc.text(`•  ${item}`, MARGIN + 10, doc.y, { width: width(doc) - 10, indent: -10 });
      }
      doc.moveDown(0.5);
      return;
    case "table":
      drawTable(doc, block.table);
      return;
    case "chart": {
      const png = renderStageChartPng(report);
      const w = Math.min(width(doc), 420);
      const h = (w * 450) / 800;
      ensureRoom(doc, h + 10);
      doc.image(png, MARGIN, doc.y, { width: w });
      doc.y += h + 10;
      return;
    }
  }
}

function drawTable(doc: Doc, table: ReportTable) {
  const size = 8.5;
  const pad = 3;
  doc.fontSize(size);
  // Columns share the width by how much they hold (header counts), with a floor.
  const weights = table.columns.map((column, i) =>
    Math.max(column.length * 0.8, 4, ...table.rows.map((row) => Math.min((row[i] ?? "").length, 60))),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * width(doc));
  const rowHeight = (cells: string[], font: "regular" | "bold") => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((cell, i) => doc.heightOfString(cell || " ", { width: widths[i]! - pad * 2 }))) + pad * 2;
  };
  const drawRow = (cells: string[], font: "regular" | "bold", shaded: boolean) => {
    const h = rowHeight(cells, font);
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      if (font === "regular") drawRow(table.columns, "bold", true);
    }
    const top = doc.y;
    let x = MARGIN;
    if (shaded) doc.rect(MARGIN, top, width(doc), h).fill("#eeeeee");
    doc.fillColor("#1a1a1a").font(font).fontSize(size);
    cells.forEach((cell, i) => {
      doc.text(cell, x + pad, top + pad, { width: widths[i]! - pad * 2 });
      x += widths[i]!;
    });
    doc.moveTo(MARGIN, top + h).lineTo(MARGIN + width(doc), top + h).lineWidth(0.5).strokeColor("#999999").stroke();
    doc.x = MARGIN;
    doc.y = top + h;
  };
  ensureRoom(doc, 40);
  if (table.title) {
    doc.font("bold").fontSize(9.5).text(table.title, MARGIN, doc.y, { width: width(doc) });
    doc.moveDown(0.2);
  }
  drawRow(table.columns, "bold", true);
  for (const row of table.rows) drawRow(table.columns.map((_, i) => row[i] ?? ""), "regular", false);
  doc.moveDown(0.8);
}

function footers(doc: Doc, report: ChangeStatusReport) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font("regular").fontSize(8).fillColor("#555555");
    const text = `Change Status Report · ${formatLongDate(report.reportDate)} · page ${i + 1} of ${range.count}`;
    // Written inside the bottom margin without moving onto a new page.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(text, MARGIN, doc.page.height - MARGIN / 2 - 4, { width: width(doc), align: "center", lineBreak: false });
    doc.page.margins.bottom = savedBottom;
  }
}
