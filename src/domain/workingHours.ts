import { londonTimeOn, todayInLondon } from "./calendarDate.ts";
import { addWorkingDays, isWorkingDay } from "./workingDays.ts";

// When a direct message may arrive: London office hours on SEC working days. Outside them a
// message waits for the next working morning, so nobody is pinged at 23:00 or on a bank holiday.

export interface WorkingHours {
  /** Minutes after London midnight when the day starts (08:00 → 480). */
  startMinute: number;
  /** Minutes after London midnight when it ends, exclusive (18:00 → 1080). */
  endMinute: number;
}

export const defaultWorkingHours: WorkingHours = { startMinute: 8 * 60, endMinute: 18 * 60 };

/** "08:00-18:00" → the hours; null when it is not two times with the first before the second. */
export function parseWorkingHours(text: string): WorkingHours | null {
  const match = /^\s*(\d{1,2}):(\d{2})\s*[-\u2013]\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!match) return null;
  const [h1, m1, h2, m2] = match.slice(1).map(Number);
  if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59) return null;
  const startMinute = h1 * 60 + m1;
  const endMinute = h2 * 60 + m2;
  return startMinute < endMinute && endMinute <= 24 * 60 ? { startMinute, endMinute } : null;
}

function at(date: Date, minute: number): Date {
  return londonTimeOn(date, Math.floor(minute / 60), minute % 60);
}

export function isWithinWorkingHours(now: Date, hours: WorkingHours = defaultWorkingHours): boolean {
  const today = todayInLondon(now);
  if (!isWorkingDay(today)) return false;
  return now.getTime() >= at(today, hours.startMinute).getTime() && now.getTime() < at(today, hours.endMinute).getTime();
}

/** The instant a message held now may go: now within hours, else the next working day's start. */
export function nextWorkingMoment(now: Date, hours: WorkingHours = defaultWorkingHours): Date {
  if (isWithinWorkingHours(now, hours)) return now;
  const today = todayInLondon(now);
  if (isWorkingDay(today) && now.getTime() < at(today, hours.startMinute).getTime()) return at(today, hours.startMinute);
  return at(addWorkingDays(today, 1), hours.startMinute);
}
