import { toIsoDate } from "../../domain/calendarDate.ts";
import type { ChangeStatusReport } from "../model.ts";

/** The content model as JSON; dates are ISO calendar dates (YYYY-MM-DD) for machines. */
export function renderJson(report: ChangeStatusReport): string {
  return `${JSON.stringify(
    { format: "modbot-change-status-report", version: 1, ...report },
    function (this: Record<string, unknown>, key, value) {
      // JSON.stringify has already turned Dates into strings by the time `value` arrives.
      const raw = this[key];
      return raw instanceof Date ? toIsoDate(raw) : value;
    },
    2,
  )}\n`;
}
