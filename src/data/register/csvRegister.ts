import type * as CsvParse from "csv-parse/sync";
import { onFirstUse } from "../../onFirstUse.ts";
import { z } from "zod";
import { assessmentDateProblems, assessmentStatusFor, STATUS_FROM_DATES, type AssessmentStatusChoice } from "../../domain/assessmentDates.ts";
import { parsePath, pathTitles, modificationPaths as paths } from "../../domain/lifecycle.ts";
import { parseReference, formatReference } from "../../domain/references.ts";
import { assessmentStatuses, modificationStatuses, partyCategories, registerFile, type RegisterFile } from "./registerFile.ts";

// A register as a spreadsheet exports it: one row per modification, PA and IA in columns.
// Every row is checked before anything is imported; a file with any bad row imports nothing.
// The columns are documented in the README ("Importing a register from CSV").

export const csvColumns = [
  "reference", "title", "status", "path", "raised_by", "raised_by_category", "raised_on", "summary",
  "on_hold", "on_hold_reason", "concluded_on", "release", "release_date", "dcc_note",
  "pa_request_received", "pa_accepted", "pa_target_wd", "pa_target_date", "pa_delivered", "pa_status", "pa_note",
  "ia_request_received", "ia_accepted", "ia_target_wd", "ia_target_date", "ia_delivered", "ia_status", "ia_note",
  "lead_analyst", "solution", "impacted_parties", "affected_documents",
] as const;

export interface CsvProblem {
  line: number;
  message: string;
}

export type CsvParseResult = { ok: true; register: RegisterFile } | { ok: false; problems: CsvProblem[] };

const csvParse = onFirstUse<typeof CsvParse>("csv-parse/sync");
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : typeof value === "string" ? value.trim() : value);

const csvDate = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((text, context) => {
      const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
      const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : [];
      const date = y ? new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))) : null;
      if (!date || date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(m) - 1) {
        context.addIssue({ code: "custom", message: `"${text}" is not a date (use YYYY-MM-DD or DD/MM/YYYY)` });
        return z.NEVER;
      }
      return date.toISOString().slice(0, 10);
    })
    .optional(),
);

/** Accepts the enum name in any case, with spaces or hyphens for underscores ("in refinement"). */
function csvEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    normaliseEnumText,
    z.enum(values, {
      error: (issue) => (issue.input === undefined ? "is empty" : `"${String(issue.input)}" is not one of ${values.join(", ")}`),
    }),
  );
}

function optionalCsvEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    normaliseEnumText,
    z.enum(values, { error: (issue) => `"${String(issue.input)}" is not one of ${values.join(", ")}` }).optional(),
  );
}

function normaliseEnumText(value: unknown): unknown {
  const text = blankToUndefined(value);
  return typeof text === "string" ? text.toUpperCase().replace(/[\s-]+/g, "_") : text;
}

const optionalText = z.preprocess(blankToUndefined, z.string().optional());

const csvRow = z.object({
  reference: z.preprocess(
    blankToUndefined,
    z.string({ error: "reference is empty" }).transform((text, context) => {
      const parsed = parseReference(text);
      if (!parsed?.series) {
        context.addIssue({ code: "custom", message: `"${text}" is not a reference like DP084, MP079 or SECMP0053` });
        return z.NEVER;
      }
      return formatReference(parsed.series, parsed.number);
    }),
  ),
  title: z.preprocess(blankToUndefined, z.string({ error: "title is empty" })),
  status: csvEnum(modificationStatuses),
  path: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((text, context) => {
        const path = parsePath(text);
        if (!path) {
          context.addIssue({ code: "custom", message: `"${text}" is not a path: use ${paths.map((p) => `${p} (${pathTitles[p]})`).join(", ")}` });
          return z.NEVER;
        }
        return path;
      })
      .optional(),
  ),
  raised_by: optionalText,
  raised_by_category: optionalCsvEnum(partyCategories),
  raised_on: csvDate,
  summary: optionalText,
  on_hold: z.preprocess(
    (value) => blankToUndefined(value)?.toString().toLowerCase(),
    z.enum(["yes", "no", "true", "false", "y", "n"], { error: "on_hold is yes or no" }).optional(),
  ),
  on_hold_reason: optionalText,
  concluded_on: csvDate,
  release: optionalText,
  release_date: csvDate,
  dcc_note: optionalText,
  lead_analyst: optionalText,
  solution: optionalText,
  impacted_parties: optionalText,
  affected_documents: optionalText,
  ...assessmentColumns("pa"),
  ...assessmentColumns("ia"),
});

function assessmentColumns<P extends "pa" | "ia">(prefix: P) {
  return {
    [`${prefix}_request_received`]: csvDate,
    [`${prefix}_accepted`]: csvDate,
    [`${prefix}_target_wd`]: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
    [`${prefix}_target_date`]: csvDate,
    [`${prefix}_delivered`]: csvDate,
    [`${prefix}_status`]: optionalCsvEnum([...assessmentStatuses, STATUS_FROM_DATES] as const),
    [`${prefix}_note`]: optionalText,
  } as Record<`${P}_${"request_received" | "accepted" | "target_date" | "delivered"}`, typeof csvDate> &
    Record<`${P}_target_wd`, z.ZodType<number | undefined>> &
    Record<`${P}_status`, z.ZodType<AssessmentStatusChoice | undefined>> &
    Record<`${P}_note`, typeof optionalText>;
}

type CsvRow = z.infer<typeof csvRow>;

export function parseCsvRegister(text: string, asOf: string): CsvParseResult {
  let records: Record<string, string>[];
  try {
    records = csvParse().parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, bom: true });
  } catch (error) {
    return { ok: false, problems: [{ line: 1, message: `not readable as CSV: ${(error as Error).message}` }] };
  }
  const header = Object.keys(records[0] ?? {});
  const unknown = header.filter((column) => !(csvColumns as readonly string[]).includes(column));
  const problems: CsvProblem[] = [];
  if (unknown.length) problems.push({ line: 1, message: `unknown column(s): ${unknown.join(", ")}` });
  for (const required of ["reference", "title", "status"]) {
    if (records.length && !header.includes(required)) problems.push({ line: 1, message: `missing column: ${required}` });
  }
  if (records.length === 0) problems.push({ line: 1, message: "the file has no rows to import" });
  if (problems.length) return { ok: false, problems };

  const rows: { line: number; row: CsvRow }[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    const line = index + 2; // the header is line 1
    const parsed = csvRow.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ line, message: `${issue.path.join(".") || "row"}: ${issue.message}` });
      }
      return;
    }
    for (const prefix of ["pa", "ia"] as const) {
      const date = (column: "request_received" | "accepted" | "delivered" | "target_date") => {
        const value = parsed.data[`${prefix}_${column}`];
        return value ? new Date(value) : null;
      };
      const dates = { requestReceivedOn: date("request_received"), acceptedOn: date("accepted"), deliveredOn: date("delivered"), targetDate: date("target_date") };
      for (const problem of assessmentDateProblems(dates)) {
        problems.push({ line, message: `${prefix.toUpperCase()}: ${problem.message}` });
      }
      // The same rule as the DCC form: the status follows the dates unless on hold or cancelled.
      const chosen = parsed.data[`${prefix}_status`];
      const status = assessmentStatusFor(dates, chosen);
      if (!status.ok) {
        problems.push({ line, message: `${prefix.toUpperCase()}: ${status.message}` });
      }
    }
    const earlier = seen.get(parsed.data.reference);
    if (earlier) problems.push({ line, message: `${parsed.data.reference} is also on line ${earlier}` });
    seen.set(parsed.data.reference, line);
    rows.push({ line, row: parsed.data });
  });
  if (problems.length) return { ok: false, problems };

  const register = registerFile.safeParse(toRegister(rows.map((r) => r.row), asOf));
  if (!register.success) {
    return { ok: false, problems: register.error.issues.map((issue) => ({ line: lineOf(issue.path, rows), message: issue.message })) };
  }
  return { ok: true, register: register.data };
}

function lineOf(path: PropertyKey[], rows: { line: number }[]): number {
  return path[0] === "modifications" && typeof path[1] === "number" ? (rows[path[1]]?.line ?? 1) : 1;
}

function toRegister(rows: CsvRow[], asOf: string): unknown {
  const parties = new Map<string, string>();
  const releases = new Map<string, string>();
  for (const row of rows) {
    if (row.raised_by && row.raised_by_category) parties.set(row.raised_by, row.raised_by_category);
    if (row.release && row.release_date) releases.set(row.release, row.release_date);
  }
  return {
    asOf,
    parties: [...parties].map(([name, category]) => ({ name, category })),
    releases: [...releases].map(([name, plannedDate]) => ({ name, kind: "SCHEDULED", plannedDate })),
    modifications: rows.map((row) => ({
      reference: row.reference,
      title: row.title,
      summary: row.summary,
      leadAnalyst: row.lead_analyst,
      solution: row.solution,
      impactedParties: row.impacted_parties,
      affectedDocuments: row.affected_documents,
      raisedBy: row.raised_by,
      raisedOn: row.raised_on,
      path: row.path,
      status: row.status,
      onHold: ["yes", "true", "y"].includes(row.on_hold ?? "no"),
      onHoldReason: row.on_hold_reason,
      concludedOn: row.concluded_on,
      dccNote: row.dcc_note,
      release: row.release,
      assessments: (["pa", "ia"] as const).flatMap((prefix) => assessmentFrom(row, prefix)),
    })),
  };
}

/** The status the rows were checked against (parseCsvRegister refuses the contradictory ones first). */
function statusOf(dates: { acceptedOn?: string; deliveredOn?: string }, chosen: AssessmentStatusChoice | undefined) {
  const answer = assessmentStatusFor({ acceptedOn: dates.acceptedOn ? new Date(dates.acceptedOn) : null, deliveredOn: dates.deliveredOn ? new Date(dates.deliveredOn) : null }, chosen);
  if (!answer.ok) throw new Error(answer.message);
  return answer.status;
}

function assessmentFrom(row: CsvRow, prefix: "pa" | "ia") {
  const accepted = row[`${prefix}_accepted`];
  const received = row[`${prefix}_request_received`];
  const delivered = row[`${prefix}_delivered`];
  const status = row[`${prefix}_status`];
  if (!accepted && !received && !delivered && !status) return [];
  return [
    {
      type: prefix.toUpperCase(),
      requestReceivedOn: received,
      acceptedOn: accepted,
      targetDurationWd: row[`${prefix}_target_wd`] ?? (prefix === "pa" ? 15 : 40),
      targetDate: row[`${prefix}_target_date`],
      deliveredOn: delivered,
      status: statusOf({ acceptedOn: accepted, deliveredOn: delivered }, status),
      note: row[`${prefix}_note`],
    },
  ];
}
