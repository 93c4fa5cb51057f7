import { formatReportDate, todayInLondon } from "../../domain/calendarDate.ts";
import { parseWorkdaysQuery } from "../../domain/plainDates.ts";
import { nthWorkingDay, workingDaysBetween } from "../../domain/workingDays.ts";
import type { CliCommand } from "./types.ts";

export const workdays: CliCommand = {
  name: "workdays",
  usage: 'workdays "30 Sep 2019 + 15" | "29 May 2019 to 1 Oct 2019"',
  summary: "SEC working-day arithmetic",
  async run(args) {
    const query = parseWorkdaysQuery(args.join(" "), todayInLondon());
    if (query.kind === "error") {
      console.error(query.message);
      return 2;
    }
    if (query.kind === "nth") console.log(formatReportDate(nthWorkingDay(query.start, query.n)));
    else console.log(String(workingDaysBetween(query.from, query.to)));
    return 0;
  },
};
