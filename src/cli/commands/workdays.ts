import { formatReportDate, todayInLondon } from "../../domain/calendarDate.ts";
import { parseWorkdaysQuery } from "../../domain/plainDates.ts";
import { firstWorkingDayOnOrAfter, nthWorkingDay, whyNotAWorkingDay, workingDaysBetween } from "../../domain/workingDays.ts";
import type { CliCommand } from "./types.ts";

const HELP = [
  'Usage: modbot workdays "DATE + N" | "DATE to DATE"',
  '  "30 Sep 2019 + 15"          the 15th SEC working day counting 30 Sep 2019 as day 1 (18 Oct 2019)',
  '  "29 May 2019 to 1 Oct 2019" the working days between two dates, both counted (89)',
  "  SEC working days leave out weekends and bank holidays in England and Wales.",
].join("\n");

export const workdays: CliCommand = {
  name: "workdays",
  usage: 'workdays "30 Sep 2019 + 15" | "29 May 2019 to 1 Oct 2019"',
  summary: "SEC working-day arithmetic",
  help: HELP,
  async run(args) {
    if (!args.length) {
      console.error(HELP);
      return 2;
    }
    const query = parseWorkdaysQuery(args.join(" "), todayInLondon());
    if (query.kind === "error") {
      console.error(`${query.message}\nUsage: modbot workdays "30 Sep 2019 + 15" | "29 May 2019 to 1 Oct 2019"`);
      return 2;
    }
    // The answer alone on stdout (scripts read it); why day 1 moved goes to stderr.
    const why = query.kind === "nth" ? whyNotAWorkingDay(query.start) : null;
    if (query.kind === "nth" && why) {
      console.error(`${formatReportDate(query.start)} is ${why}, so day 1 is ${formatReportDate(firstWorkingDayOnOrAfter(query.start))}.`);
    }
    if (query.kind === "nth") console.log(formatReportDate(nthWorkingDay(query.start, query.n)));
    else console.log(String(workingDaysBetween(query.from, query.to)));
    return 0;
  },
};
