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
    expect(nudge).toMatchObject({ kind: "late", threshold: "late", alsoCovers: [], verdict: { workingDaysOverTarget: 1, currentDurationWd: 16 } });
    expect(nudge.verdict.originalTargetDate).toEqual(day("2019-08-23"));
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
    expect(nudgeLine(warning)).toBe("PA accepted 5 Aug 2019: 12 of 15 WD, due 23 Aug 2019, in 3 working days.");
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
    expect(nudgesDue([snoozed], until, sentLate)).toMatchObject([{ kind: "reminder", threshold: "reminder-2019-08-30", verdict: { workingDaysOverTarget: 4 } }]);
  });

  it("nudge once when the target duration passes and once more when DCC's revised date passes", () => {
    // SECMP0007's IA: accepted 30 Jul 2019, 40 WD (due 24 Sep 2019), DCC's revised date 4 Nov 2019.
    const secmp7: NudgeAssessment = { ...beforeBankHoliday, id: 70, type: "IA", acceptedOn: day("2019-07-30"), targetDurationWd: 40, targetDate: day("2019-11-04") };
    expect(nudgesDue([secmp7], day("2019-09-24"), none)).toEqual([]);
    const [late] = nudgesDue([secmp7], day("2019-09-25"), none);
    expect(late).toMatchObject({ kind: "late", threshold: "late", alsoCovers: [] });
    expect(nudgeLine(late)).toBe("IA accepted 30 Jul 2019: 41 of 40 WD, due 24 Sep 2019. *Late: 1 WD over the 40 WD target; DCC's revised date 4 Nov 2019 not yet passed.*");
    const sentLate = { warnWorkingDaysBefore: [], alreadySent: new Set(["70:late"]) };
    expect(nudgesDue([secmp7], day("2019-11-04"), sentLate)).toEqual([]);
    const [past] = nudgesDue([secmp7], day("2019-11-05"), sentLate);
    expect(past).toMatchObject({ kind: "past-agreed", threshold: "past-agreed" });
    expect(nudgeLine(past)).toBe("IA accepted 30 Jul 2019: 70 of 40 WD, due 24 Sep 2019. *Late: 30 WD over the 40 WD target and 1 WD past DCC's revised date 4 Nov 2019.*");
    const sentBoth = { warnWorkingDaysBefore: [], alreadySent: new Set(["70:late", "70:past-agreed"]) };
    expect(nudgesDue([secmp7], day("2019-11-06"), sentBoth)).toEqual([]);
    // A channel that first hears of it after both dates gets one nudge that says both.
    const [both] = nudgesDue([secmp7], day("2019-11-06"), none);
    expect(both).toMatchObject({ kind: "late", threshold: "late", alsoCovers: ["past-agreed"] });
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
    expect(nudgeLine(nudge)).toBe("PA accepted 13 Jun 2019: 78 of 15 WD, due 3 Jul 2019. *Late: 63 WD over the 15 WD target.*");
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
