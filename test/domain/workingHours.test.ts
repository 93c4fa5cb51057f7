import { describe, expect, it } from "vitest";
import { isWithinWorkingHours, nextWorkingMoment, parseWorkingHours } from "../../src/domain/workingHours.ts";

describe("working hours for direct messages", () => {
  it("reads MODBOT_DM_HOURS", () => {
    expect(parseWorkingHours("08:00-18:00")).toEqual({ startMinute: 480, endMinute: 1080 });
    expect(parseWorkingHours("7:30 – 19:15")).toEqual({ startMinute: 450, endMinute: 1155 });
    expect(parseWorkingHours("18:00-08:00")).toBeNull();
    expect(parseWorkingHours("25:00-26:00")).toBeNull();
    expect(parseWorkingHours("office hours")).toBeNull();
  });

  it("is London time on SEC working days, in summer and in winter", () => {
    expect(isWithinWorkingHours(new Date("2019-10-01T07:00:00Z"))).toBe(true); // Tue 08:00 BST
    expect(isWithinWorkingHours(new Date("2019-10-01T06:59:00Z"))).toBe(false);
    expect(isWithinWorkingHours(new Date("2019-10-01T17:00:00Z"))).toBe(false); // 18:00 BST
    expect(isWithinWorkingHours(new Date("2019-12-03T17:30:00Z"))).toBe(true); // Tue 17:30 GMT
    expect(isWithinWorkingHours(new Date("2019-10-05T11:00:00Z"))).toBe(false); // Saturday
    expect(isWithinWorkingHours(new Date("2019-12-26T11:00:00Z"))).toBe(false); // Boxing Day
  });

  it("holds until the next working morning", () => {
    // Fri 4 Oct 2019 19:00 BST → Mon 7 Oct 08:00 BST.
    expect(nextWorkingMoment(new Date("2019-10-04T18:00:00Z")).toISOString()).toBe("2019-10-07T07:00:00.000Z");
    // Tue 24 Dec 2019 20:00 GMT → Fri 27 Dec 08:00 GMT (Christmas and Boxing Day are bank holidays).
    expect(nextWorkingMoment(new Date("2019-12-24T20:00:00Z")).toISOString()).toBe("2019-12-27T08:00:00.000Z");
    // Early on a working day: that morning.
    expect(nextWorkingMoment(new Date("2019-10-01T05:00:00Z")).toISOString()).toBe("2019-10-01T07:00:00.000Z");
    const now = new Date("2019-10-01T11:00:00Z");
    expect(nextWorkingMoment(now)).toBe(now);
  });
});
