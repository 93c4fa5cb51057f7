import { describe, expect, it } from "vitest";
import { averageText } from "../../src/report/tables.ts";
import { calendarDate, toIsoDate } from "../../src/domain/calendarDate.ts";
import {
  assessmentStateAt,
  assessmentTimescales,
  averageWholeDays,
  figuresDateAtEndOf,
  figuresDateOf,
  proposalTimescales,
  reportingWindowOf,
  statusAt,
  type DatedAssessment,
  type StatusHistory,
} from "../../src/domain/metrics.ts";

const d = calendarDate;
const iso = (date: Date) => toIsoDate(date);

function assessment(type: "PA" | "IA", acceptedOn: string | null, deliveredOn: string | null = null, status: DatedAssessment["status"] = deliveredOn ? "DELIVERED" : "IN_PROGRESS"): DatedAssessment {
  const day = (text: string | null) => (text ? new Date(`${text}T00:00:00Z`) : null);
  return { type, status, acceptedOn: day(acceptedOn), deliveredOn: day(deliveredOn) };
}

// The open assessments the October 2019 report lists, plus MP078, which Appendix A has as accepted
// on 30 Sep 2019 but the report's figures leave out.
const seedOpen = [
  assessment("IA", "2019-07-30"), // SECMP0007
  assessment("PA", "2019-05-29"), // SECMP0024
  assessment("IA", "2019-07-02"), // SECMP0056
  assessment("PA", "2019-06-13", "2019-10-01"), // SECMP0066, delivered on the counting day
];
const mp078 = assessment("PA", "2019-09-30");

describe("figuresDateOf", () => {
  it("takes a report dated 4 Oct 2019 as at the end of September, counted on 1 Oct", () => {
    const figures = figuresDateOf(d(2019, 10, 4));
    expect(iso(figures.periodEnd)).toBe("2019-09-30");
    expect(iso(figures.countedThrough)).toBe("2019-10-01");
    expect(figures.regulatoryYear.label).toBe("2019/20");
  });

  it("counts on the first working day after a month that ends at a weekend", () => {
    // 31 Aug 2019 was a Saturday.
    expect(iso(figuresDateOf(d(2019, 9, 5)).countedThrough)).toBe("2019-09-02");
  });

  it("skips a bank holiday: the end of December is counted on 2 January", () => {
    expect(iso(figuresDateOf(d(2020, 1, 10)).countedThrough)).toBe("2020-01-02");
  });

  it("puts the end of March in the old regulatory year and the end of April in the new", () => {
    expect(figuresDateOf(d(2020, 4, 2)).regulatoryYear.label).toBe("2019/20");
    expect(figuresDateOf(d(2020, 5, 5)).regulatoryYear.label).toBe("2020/21");
  });
});

describe("reportingWindowOf", () => {
  it("looks back a month from the report date", () => {
    const window = reportingWindowOf(d(2019, 10, 4));
    expect([iso(window.from), iso(window.to)]).toEqual(["2019-09-05", "2019-10-04"]);
  });

  it("crosses a year and never reaches into a month's missing days", () => {
    expect(iso(reportingWindowOf(d(2020, 1, 15)).from)).toBe("2019-12-16");
    expect(iso(reportingWindowOf(d(2019, 3, 31)).from)).toBe("2019-03-01");
  });
});

describe("averageWholeDays", () => {
  it("rounds halves up as the report does, and has no average of nothing", () => {
    expect(averageWholeDays([89, 78])).toBe(84);
    expect(averageWholeDays([45, 65])).toBe(55);
    expect(averageWholeDays([])).toBeNull();
  });
});

describe("assessmentStateAt", () => {
  const countingDay = d(2019, 10, 1);

  it("treats a delivery on the counting day as not yet happened", () => {
    expect(assessmentStateAt(seedOpen[3], countingDay)).toBe("open");
    expect(assessmentStateAt(assessment("PA", "2019-06-13", "2019-09-30"), countingDay)).toBe("delivered");
  });

  it("does not count a request accepted on the counting day", () => {
    expect(assessmentStateAt(assessment("PA", "2019-10-01"), countingDay)).toBe("not-accepted");
    expect(assessmentStateAt(mp078, countingDay)).toBe("open");
  });

  it("keeps on-hold and cancelled assessments out of the open ones", () => {
    expect(assessmentStateAt(assessment("IA", "2019-07-01", null, "ON_HOLD"), countingDay)).toBe("on-hold");
    expect(assessmentStateAt(assessment("IA", "2019-07-01", null, "CANCELLED"), countingDay)).toBe("cancelled");
    expect(assessmentStateAt(assessment("PA", null, null, "DELIVERED"), countingDay)).toBe("delivered");
  });
});

describe("assessmentTimescales", () => {
  const figures = figuresDateOf(d(2019, 10, 4));

  it("reproduces the October 2019 report's open figures when MP078 is left out", () => {
    const result = assessmentTimescales(seedOpen, figures);
    expect(result.paOpen).toEqual({ total: 2, averageWd: 84, measured: 2 });
    expect(result.iaOpen).toEqual({ total: 2, averageWd: 55, measured: 2 });
  });

  it("counts MP078, accepted on 30 Sep, as open on its second working day", () => {
    expect(assessmentTimescales([...seedOpen, mp078], figures).paOpen).toEqual({ total: 3, averageWd: 56, measured: 3 });
  });

  it("counts completions by regulatory year, and averages them only when every one has both dates", () => {
    const rows = [
      assessment("PA", "2019-03-04", "2019-03-29"), // 2018/19
      assessment("PA", "2019-03-11", "2019-04-01"), // 2019/20, 16 WD
      assessment("PA", null, "2019-05-02"), // 2019/20, duration unknown
      assessment("IA", "2019-08-05", "2019-09-30"), // 2019/20, 40 WD (26 Aug was a bank holiday)
      assessment("IA", "2019-08-05", "2019-10-01"), // on the counting day: still open
    ];
    const result = assessmentTimescales(rows, figures);
    // One of the two has no accepted date: an average of the other would read as the figure for both.
    expect(result.paCompleted).toEqual({ total: 2, averageWd: null, measured: 1 });
    expect(averageText({ label: "PAs completed", ...result.paCompleted })).toBe("not derivable: 1 of 2 has dates");
    expect(result.iaCompleted).toEqual({ total: 1, averageWd: 40, measured: 1 });
    expect(averageText({ label: "IAs completed", ...result.iaCompleted })).toBe("40 WD");
    expect(averageText({ label: "none", total: 27, averageWd: null, measured: 0 })).toBe("not derivable: none of 27 have dates");
    expect(result.iaOpen.total).toBe(1);
  });
});

describe("statusAt", () => {
  const history = (over: Partial<StatusHistory>): StatusHistory => ({
    status: "IN_REFINEMENT",
    raisedOn: null,
    concludedOn: null,
    path: null,
    transitions: [],
    ...over,
  });

  it("reads the last transition on or before the date", () => {
    const h = history({
      status: "READY_FOR_PANEL",
      transitions: [
        { fromStatus: null, toStatus: "DRAFT_RAISED", event: "Raised", occurredOn: d(2019, 9, 20) },
        { fromStatus: "DRAFT_RAISED", toStatus: "READY_FOR_PANEL", event: "CSC", occurredOn: d(2019, 9, 30) },
      ],
    });
    expect(statusAt(h, d(2019, 9, 19))).toBeNull();
    expect(statusAt(h, d(2019, 9, 29))).toBe("DRAFT_RAISED");
    expect(statusAt(h, d(2019, 9, 30))).toBe("READY_FOR_PANEL");
  });

  it("before the first recorded transition, takes the lifecycle step its event names", () => {
    const h = history({
      status: "REPORT_PRESENTED",
      transitions: [{ fromStatus: null, toStatus: "REPORT_PRESENTED", event: "Modification Report presented to the Panel", occurredOn: d(2019, 10, 4) }],
    });
    expect(statusAt(h, d(2019, 10, 1))).toBe("IN_REFINEMENT");
  });

  it("without history, a modification concluded later was then still undecided", () => {
    const h = history({ status: "REJECTED", concludedOn: d(2019, 6, 1), path: "AUTHORITY_DETERMINED" });
    expect(statusAt(h, d(2019, 5, 1))).toBe("AWAITING_AUTHORITY");
    expect(statusAt(h, d(2019, 6, 1))).toBe("REJECTED");
    expect(statusAt(history({ raisedOn: d(2019, 9, 1) }), d(2019, 8, 31))).toBeNull();
  });
});

describe("proposalTimescales", () => {
  it("counts proposals open before decision and those concluded in the year", () => {
    const figures = figuresDateAtEndOf(d(2020, 3, 31));
    const result = proposalTimescales(
      [
        { status: "DRAFT_RAISED", raisedOn: d(2020, 3, 25), concludedOn: null, path: null, transitions: [] }, // 25 Mar–1 Apr: 6 WD
        { status: "REJECTED", raisedOn: d(2020, 1, 6), concludedOn: d(2020, 3, 31), path: null, transitions: [] }, // 62 WD
        { status: "WITHDRAWN", raisedOn: d(2019, 1, 7), concludedOn: d(2019, 3, 29), path: null, transitions: [] }, // 2018/19
        { status: "APPROVED", raisedOn: d(2019, 1, 7), concludedOn: d(2020, 4, 1), path: "SELF_GOVERNANCE", transitions: [] }, // decided on the counting day
        { status: "IN_REFINEMENT", raisedOn: null, concludedOn: null, path: null, transitions: [] },
      ],
      figures,
    );
    expect(result.open.total).toBe(3);
    expect(result.open.measured).toBe(2);
    expect(result.concluded).toEqual({ total: 1, averageWd: 62, measured: 1 });
  });
});
