import { calendarDate } from "./calendarDate.ts";

// The regulatory year runs 1 April – 31 March; the report labels it "2019/20" and counts
// "assessments completed during 2019/20" within it.

export interface RegulatoryYear {
  /** The calendar year in which it starts: 2019 for 2019/20. */
  startYear: number;
  /** 1 April of startYear. */
  start: Date;
  /** 31 March of the following year, included. */
  end: Date;
  label: string;
}

/** The regulatory year that starts on 1 April `startYear`. */
export function regulatoryYearStarting(startYear: number): RegulatoryYear {
  return {
    startYear,
    start: calendarDate(startYear, 4, 1),
    end: calendarDate(startYear + 1, 3, 31),
    label: `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`,
  };
}

/** The regulatory year `date` falls in: 31 Mar 2020 is in 2019/20, 1 Apr 2020 in 2020/21. */
export function regulatoryYearOf(date: Date): RegulatoryYear {
  const year = date.getUTCFullYear();
  return regulatoryYearStarting(date.getUTCMonth() >= 3 ? year : year - 1);
}

/** Whether `date` falls in the regulatory year given by its start year or as returned above. */
export function isInRegulatoryYear(date: Date, year: number | RegulatoryYear): boolean {
  return regulatoryYearOf(date).startYear === (typeof year === "number" ? year : year.startYear);
}
