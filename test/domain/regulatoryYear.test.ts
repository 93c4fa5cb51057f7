import { describe, expect, it } from "vitest";
import { calendarDate } from "../../src/domain/calendarDate.ts";
import { isInRegulatoryYear, regulatoryYearOf, regulatoryYearStarting } from "../../src/domain/regulatoryYear.ts";

const d = calendarDate;

describe("regulatoryYearStarting", () => {
  it("runs 1 April to 31 March with the report's label", () => {
    expect(regulatoryYearStarting(2019)).toEqual({ startYear: 2019, start: d(2019, 4, 1), end: d(2020, 3, 31), label: "2019/20" });
    expect(regulatoryYearStarting(1999).label).toBe("1999/00");
    expect(regulatoryYearStarting(2009).label).toBe("2009/10");
  });
});

describe("regulatoryYearOf", () => {
  it("puts 31 March in the year that began the April before", () => {
    expect(regulatoryYearOf(d(2020, 3, 31)).label).toBe("2019/20");
    expect(regulatoryYearOf(d(2019, 3, 31)).label).toBe("2018/19");
  });

  it("starts a new year on 1 April", () => {
    expect(regulatoryYearOf(d(2020, 4, 1)).label).toBe("2020/21");
    expect(regulatoryYearOf(d(2019, 4, 1))).toEqual(regulatoryYearStarting(2019));
  });

  it("keeps January to March with the previous April", () => {
    expect(regulatoryYearOf(d(2020, 1, 1)).startYear).toBe(2019);
    expect(regulatoryYearOf(d(2019, 12, 31)).startYear).toBe(2019);
    expect(regulatoryYearOf(d(2019, 9, 30)).label).toBe("2019/20");
  });

  it("reads the UTC date of a timestamp", () => {
    expect(regulatoryYearOf(new Date("2020-03-31T23:59:59Z")).label).toBe("2019/20");
  });
});

describe("isInRegulatoryYear", () => {
  it("includes both ends and nothing outside them", () => {
    expect(isInRegulatoryYear(d(2019, 4, 1), 2019)).toBe(true);
    expect(isInRegulatoryYear(d(2020, 3, 31), 2019)).toBe(true);
    expect(isInRegulatoryYear(d(2019, 3, 31), 2019)).toBe(false);
    expect(isInRegulatoryYear(d(2020, 4, 1), 2019)).toBe(false);
  });

  it("takes the year as returned by regulatoryYearOf", () => {
    const year = regulatoryYearOf(d(2019, 9, 30));
    // "Assessments completed during 2019/20": SECMP0007's PA returned 11 Apr 2019 counts.
    expect(isInRegulatoryYear(d(2019, 4, 11), year)).toBe(true);
    expect(isInRegulatoryYear(d(2019, 3, 29), year)).toBe(false);
  });
});
