import { readFileSync } from "node:fs";
import { projectFile } from "../../projectFiles.ts";
import type { PrismaClient } from "../database.ts";
import { parseCsvRegister, type CsvProblem } from "./csvRegister.ts";
import { importRegister, type ImportSummary } from "./importRegister.ts";
import { registerFile, type RegisterFile } from "./registerFile.ts";

const demoRegisterPath = projectFile("src/data/register/demo-register.json");

/** The register transcribed from the October 2019 Change Status Report (shared/seed). */
export function readDemoRegister(): RegisterFile {
  return registerFile.parse(JSON.parse(readFileSync(demoRegisterPath, "utf8")));
}

export function importDemoRegister(prisma: PrismaClient): Promise<ImportSummary> {
  return importRegister(prisma, readDemoRegister(), { mode: "replace", actor: "demo register" });
}

export async function importCsvRegister(
  prisma: PrismaClient,
  csv: string,
  asOf: string,
): Promise<{ ok: true; summary: ImportSummary } | { ok: false; problems: CsvProblem[] }> {
  const parsed = parseCsvRegister(csv, asOf);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, summary: await importRegister(prisma, parsed.register, { mode: "merge", actor: "csv import" }) };
  } catch (error) {
    // Problems only the database can see (an unknown party or release) roll the whole file back.
    return { ok: false, problems: [{ line: 1, message: (error as Error).message }] };
  }
}
