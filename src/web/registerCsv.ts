import type * as CsvStringify from "csv-stringify/sync";
import { onFirstUse } from "../onFirstUse.ts";
import type { AppContext } from "../appContext.ts";
import { csvColumns } from "../data/register/csvRegister.ts";
import { revisedTargetDateOf } from "../domain/assessmentTiming.ts";
import { toIsoDate } from "../domain/calendarDate.ts";

// /register.csv: the register in the CSV import's own columns (csvColumns), so a file exported
// here imports back unchanged. An assessment's status is written only when the dates don't give
// it (on hold, cancelled), and its target date only when DCC revised it — as the import reads them.

type Row = Record<(typeof csvColumns)[number], string>;

const csvStringify = onFirstUse<typeof CsvStringify>("csv-stringify/sync");
const day = (date: Date | null | undefined) => (date ? toIsoDate(date) : "");

export async function registerCsv(ctx: AppContext): Promise<string> {
  const rows = await ctx.cache.remember("web:register.csv", () => registerCsvRows(ctx));
  return csvStringify().stringify(rows, { header: true, columns: [...csvColumns] });
}

export async function registerCsvRows(ctx: AppContext): Promise<Row[]> {
  const mods = await ctx.prisma.modification.findMany({
    include: { raisedBy: true, release: true, assessments: { orderBy: [{ type: "asc" }, { sequence: "asc" }] } },
    orderBy: { number: "asc" },
  });
  return mods.map((m) => {
    const row = Object.fromEntries(csvColumns.map((c) => [c, ""])) as Row;
    Object.assign(row, {
      reference: m.reference,
      title: m.title,
      status: m.status,
      path: m.path ?? "",
      raised_by: m.raisedBy?.name ?? "",
      raised_by_category: m.raisedBy?.category ?? "",
      raised_on: day(m.raisedOn),
      summary: m.summary ?? "",
      on_hold: m.onHold ? "yes" : "no",
      on_hold_reason: m.onHoldReason ?? "",
      concluded_on: day(m.concludedOn),
      release: m.release?.name ?? "",
      release_date: day(m.release?.plannedDate),
      dcc_note: m.dccNote ?? "",
      lead_analyst: m.leadAnalyst ?? "",
      solution: m.solution ?? "",
      impacted_parties: m.impactedParties ?? "",
      affected_documents: m.affectedDocuments ?? "",
    });
    for (const prefix of ["pa", "ia"] as const) {
      const a = m.assessments.filter((x) => x.type === prefix.toUpperCase()).at(-1);
      if (!a) continue;
      const explicit = a.status === "ON_HOLD" || a.status === "CANCELLED" || (a.status === "DELIVERED" && !a.deliveredOn);
      Object.assign(row, {
        [`${prefix}_request_received`]: day(a.requestReceivedOn),
        [`${prefix}_accepted`]: day(a.acceptedOn),
        [`${prefix}_target_wd`]: a.targetDurationWd === null ? "" : String(a.targetDurationWd),
        [`${prefix}_target_date`]: day(revisedTargetDateOf(a) ?? (a.acceptedOn ? null : a.targetDate)),
        [`${prefix}_delivered`]: day(a.deliveredOn),
        [`${prefix}_status`]: explicit ? a.status : "",
        [`${prefix}_note`]: a.note ?? "",
      });
    }
    return row;
  });
}
