import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../../src/domain/calendarDate.ts";
import { nthWorkingDay } from "../../src/domain/workingDays.ts";
import { nudgesDue, snoozeEndsOn, type NudgeAssessment } from "../../src/jobs/nudgeRules.ts";
import { mention } from "../../src/slack/blocks/mrkdwn.ts";
import { nudgeBlocks, nudgeLine } from "../../src/slack/blocks/nudge.ts";

const day = parseIsoDate;

// Accepted Mon 5 Aug 2019 with a 15 WD target: due Fri 23 Aug, the Friday before the Summer
// bank holiday (Mon 26 Aug).
const beforeBankHoliday: NudgeAssessment = {
  id: 7,
  type: "PA",
  status: "IN_PROGRESS",
  acceptedOn: day("2019-08-05"),
  targetDurationWd: 15,
  targetDate: null,
  deliveredOn: null,
  snoozedUntil: null,
  contact: null,
  modification: { reference: "MP090", title: "A modification due before a bank holiday" },
};

const none = { warnWorkingDaysBefore: [], alreadySent: new Set<string>() };

describe("late-assessment nudges", () => {
  it("are not due on the target day, at the weekend or on the bank holiday after it", () => {
    for (const date of ["2019-08-23", "2019-08-24", "2019-08-25", "2019-08-26"]) {
      expect(nudgesDue([beforeBankHoliday], day(date), none), date).toEqual([]);
    }
  });

  it("fall due on the first working day after the target, 1 working day over", () => {
    const [nudge] = nudgesDue([beforeBankHoliday], day("2019-08-27"), none);
    expect(nudge).toMatchObject({ kind: "late", threshold: "late", workingDaysOver: 1, workingDay: 16 });
    expect(nudge.target).toEqual(day("2019-08-23"));
  });

  it("are sent once per threshold, not every morning", () => {
    const alreadySent = new Set(["7:late"]);
    expect(nudgesDue([beforeBankHoliday], day("2019-08-28"), { warnWorkingDaysBefore: [], alreadySent })).toEqual([]);
  });

  it("warn N working days before the target when configured, counting past weekends", () => {
    const options = { warnWorkingDaysBefore: [3], alreadySent: new Set<string>() };
    expect(nudgesDue([beforeBankHoliday], day("2019-08-19"), options)).toEqual([]);
    const [warning] = nudgesDue([beforeBankHoliday], day("2019-08-20"), options);
    expect(warning).toMatchObject({ kind: "warning", threshold: "due-in-3", workingDaysLeft: 3 });
    expect(nudgeLine(warning)).toBe("PA accepted 5 Aug 2019 is due 23 Aug 2019 (15 WD), in 3 working days; today is working day 12.");
  });

  it("leave out delivered, on-hold and snoozed assessments; a snooze ends in one reminder", () => {
    const today = day("2019-08-27");
    expect(nudgesDue([{ ...beforeBankHoliday, deliveredOn: day("2019-08-27") }], today, none)).toEqual([]);
    expect(nudgesDue([{ ...beforeBankHoliday, status: "ON_HOLD" }], today, none)).toEqual([]);
    const until = snoozeEndsOn(today);
    expect(until).toEqual(day("2019-08-30"));
    const snoozed = { ...beforeBankHoliday, snoozedUntil: until };
    const sentLate = { warnWorkingDaysBefore: [], alreadySent: new Set(["7:late"]) };
    expect(nudgesDue([snoozed], day("2019-08-29"), sentLate)).toEqual([]);
    expect(nudgesDue([snoozed], until, sentLate)).toMatchObject([{ kind: "reminder", threshold: "reminder-2019-08-30", workingDaysOver: 4 }]);
  });

  it("read like the example in the channel", () => {
    const secmp66: NudgeAssessment = {
      ...beforeBankHoliday,
      id: 66,
      acceptedOn: day("2019-06-13"),
      contact: "S0DCC",
      modification: { reference: "SECMP0066", title: "Advanced Shipment Notifications for Consignment of Communications Hubs" },
    };
    const today = nthWorkingDay(day("2019-06-13"), 78);
    const [nudge] = nudgesDue([secmp66], today, none);
    expect(nudgeLine(nudge)).toBe("PA accepted 13 Jun 2019 was due 3 Jul 2019 (15 WD); today is working day 78, 63 working days over.");
    const blocks = nudgeBlocks(nudge) as any[];
    expect(blocks[0].text.text).toContain("⏰ *SECMP0066 · Advanced Shipment Notifications for Consignment of Communications Hubs*");
    expect(blocks[0].text.text).toMatch(/<!subteam\^S0DCC>$/);
    expect(blocks[1].elements.map((e: any) => [e.text.text, e.action_id, e.value])).toEqual([
      ["Log delivery", "status.log_dcc", "SECMP0066"],
      ["Snooze 3 working days", "nudge.snooze", "66"],
    ]);
  });

  it("mention users and user groups however they were written", () => {
    expect(mention("S0DCC")).toBe("<!subteam^S0DCC>");
    expect(mention("<!subteam^S0DCC|@dcc-assessments>")).toBe("<!subteam^S0DCC>");
    expect(mention("U123ABC")).toBe("<@U123ABC>");
    expect(mention("<@U123ABC>")).toBe("<@U123ABC>");
    expect(mention(null)).toBe("");
  });
});
