import { z } from "zod";
import { formatReportDate } from "../src/domain/calendarDate.ts";
import { parseWorkdaysQuery } from "../src/domain/plainDates.ts";
import { firstWorkingDayOnOrAfter, nthWorkingDay, whyNotAWorkingDay, workingDaysBetween } from "../src/domain/workingDays.ts";
import { pluralise } from "../src/domain/text.ts";
import { defineSubcommand } from "./types.ts";

export default defineSubcommand({
  name: "workdays",
  aliases: ["wd"],
  usage: "/mod workdays DATE + N  |  /mod workdays DATE to DATE",
  summary: "SEC working-day arithmetic (weekends and England & Wales bank holidays excluded)",
  examples: ["/mod workdays 30 Sep 2019 + 15", "/mod workdays 29 May 2019 to 1 Oct 2019"],
  args: z.string().trim().min(1, "Give a start and a count, or two dates: /mod workdays 30 Sep 2019 + 15 or /mod workdays 29 May 2019 to 1 Oct 2019"),
  async run(text, ctx) {
    const query = parseWorkdaysQuery(text, ctx.today());
    if (query.kind === "error") return { text: query.message };
    if (query.kind === "nth") {
      const day = nthWorkingDay(query.start, query.n);
      const why = whyNotAWorkingDay(query.start);
      if (why) {
        const first = firstWorkingDayOnOrAfter(query.start);
        return {
          text: `${formatReportDate(query.start)} is ${why}, not a working day, so day 1 is the next working day, ${formatReportDate(first)}. Working day ${query.n} is *${formatReportDate(day)}*.`,
        };
      }
      return {
        text: `Working day ${query.n} counting ${formatReportDate(query.start)} as day 1 is *${formatReportDate(day)}*.`,
      };
    }
    const count = workingDaysBetween(query.from, query.to);
    const notes = [query.from, query.to]
      .map((date) => ({ date, why: whyNotAWorkingDay(date) }))
      .filter((d, i, all) => d.why && (i === 0 || all[0]!.date.getTime() !== d.date.getTime()))
      .map((d) => ` ${formatReportDate(d.date)} is ${d.why}, so it isn't counted.`);
    return {
      text: `From ${formatReportDate(query.from)} to ${formatReportDate(query.to)} is *${pluralise(count, "working day")}* (both days counted).${notes.join("")}`,
    };
  },
});
