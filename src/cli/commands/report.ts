import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readDatabaseSettings } from "../../config.ts";
import { databaseTargetFrom, openDatabase } from "../../data/database.ts";
import { compareDates, formatReportDate, todayInLondon } from "../../domain/calendarDate.ts";
import { parsePlainDate } from "../../domain/plainDates.ts";
import { buildChangeStatusReport } from "../../report/build.ts";
import { reportBaseName, renderReportFormat, reportFormats, type ReportFormat } from "../../report/files.ts";
import type { CliCommand } from "./types.ts";

const USAGE = `Usage: modbot report [--as-of DATE] [--format ${reportFormats.join("|")}] [--out PATH]
  --as-of   the report date (default today); "2019-10-04", "4 Oct 2019", "last Friday"
  --format  md (default), html or json to stdout or --out FILE; csv writes one file per table into
            the folder --out (default ./change-status-report-DATE-csv); pdf (the Panel's paper), zip
            and png write a file (--out, default named for the date) in the current folder`;

export const report: CliCommand = {
  name: "report",
  usage: `report [--as-of DATE] [--format ${reportFormats.join("|")}] [--out PATH]`,
  summary: "The monthly Change Status Report as at a date",
  help: USAGE,
  async run(args) {
    let options: { "as-of"?: string; format?: string; out?: string; help?: boolean };
    try {
      options = parseArgs({
        args,
        options: { "as-of": { type: "string" }, format: { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
      }).values;
    } catch (error) {
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (options.help) {
      console.log(USAGE);
      return 0;
    }
    const format = (options.format ?? "md").toLowerCase();
    if (!(reportFormats as readonly string[]).includes(format)) {
      console.error(`"${options.format}" isn't a report format. Use one of ${reportFormats.join(", ")}.`);
      return 2;
    }
    const today = todayInLondon();
    let asOf = today;
    if (options["as-of"]) {
      const parsed = parsePlainDate(options["as-of"], { today });
      if (!parsed.ok) {
        console.error(parsed.message);
        return 2;
      }
      if (compareDates(parsed.date, today) > 0) {
        console.error(`${formatReportDate(parsed.date)} is in the future; a report can be as at today or earlier.`);
        return 2;
      }
      asOf = parsed.date;
    }

    const db = await openDatabase(databaseTargetFrom(readDatabaseSettings()));
    try {
      if ((await db.prisma.modification.count()) === 0) {
        // An all-zero report reads as "nothing happened"; the truth is that nothing is loaded.
        console.error("The register is empty: there is nothing to report. Load one with modbot import demo (the October 2019 report) or modbot import FILE.csv.");
        return 1;
      }
      const built = await buildChangeStatusReport(db.prisma, asOf);
      const files = await renderReportFormat(built, format as ReportFormat);
      if (format === "csv") {
        const folder = options.out ?? `${reportBaseName(built)}-csv`;
        mkdirSync(folder, { recursive: true });
        for (const file of files) writeFileSync(join(folder, file.filename), file.content);
        console.error(`Wrote ${files.length} CSV files to ${folder}`);
        return 0;
      }
      const [file] = files;
      const binary = format === "zip" || format === "png" || format === "pdf";
      if (!options.out && !binary) {
        process.stdout.write(file.content);
        return 0;
      }
      const path = options.out ?? file.filename;
      writeFileSync(path, file.content);
      console.error(`Wrote ${path}`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
