import { readFileSync } from "node:fs";
import { readDatabaseSettings } from "../../config.ts";
import { databaseTargetFrom, openDatabase } from "../../data/database.ts";
import { importCsvRegister, importDemoRegister } from "../../data/register/registerSources.ts";
import { toIsoDate, todayInLondon } from "../../domain/calendarDate.ts";
import type { CliCommand } from "./types.ts";

export const importCommand: CliCommand = {
  name: "import",
  usage: "import demo|FILE.csv",
  summary: "Load the demo register (from the October 2019 report) or a register CSV",
  help: [
    "Usage: modbot import demo|FILE.csv",
    "  demo      the demo register, transcribed from the SECAS Change Status Report of 4 Oct 2019",
    "            (replaces what the database has for those modifications)",
    '  FILE.csv  a register CSV (columns: README.md, "Importing a register from CSV"); every row is checked',
    "            first and nothing is imported while any row has a problem",
  ].join("\n"),
  async run(args) {
    const [source] = args;
    if (!source || args.length > 1 || source.startsWith("-")) {
      console.error(`${source ? `modbot import takes one source (got "${args.join(" ")}"). ` : ""}Usage: modbot import demo|FILE.csv`);
      return 2;
    }
    let csv: string | undefined;
    if (source !== "demo") {
      // Read before opening the database: a mistyped path is answered at once, in one line.
      try {
        csv = readFileSync(source, "utf8");
      } catch (error) {
        console.error(`modbot: cannot read ${source}: ${readProblem(error as NodeJS.ErrnoException)}`);
        return 1;
      }
    }
    const db = await openDatabase(databaseTargetFrom(readDatabaseSettings()));
    try {
      if (csv === undefined) {
        const summary = await importDemoRegister(db.prisma);
        console.log(`Demo register loaded: ${summary.created} new and ${summary.updated} updated modifications, ${summary.assessments} DCC assessments.`);
        return 0;
      }
      const result = await importCsvRegister(db.prisma, csv, toIsoDate(todayInLondon()));
      if (!result.ok) {
        console.error(`Nothing was imported from ${source}; fix these and run it again:`);
        for (const problem of result.problems) console.error(`  line ${problem.line}: ${problem.message}`);
        return 1;
      }
      console.log(`Imported ${source}: ${result.summary.created} new and ${result.summary.updated} updated modifications.`);
      return 0;
    } finally {
      await db.close();
    }
  },
};

function readProblem(error: NodeJS.ErrnoException): string {
  if (error.code === "ENOENT") return "no such file";
  if (error.code === "EISDIR") return "it is a folder, not a CSV file";
  if (error.code === "EACCES") return "permission denied";
  return error.message;
}
