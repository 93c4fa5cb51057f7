import type * as IcalGenerator from "ical-generator";
import { onFirstUse } from "../onFirstUse.ts";
import type { AppContext } from "../appContext.ts";
import { assessmentVerdict } from "../domain/assessmentTiming.ts";
import { assessmentLabel } from "../domain/assessmentEntry.ts";
import { addCalendarDays } from "../domain/calendarDate.ts";
import { nthWorkingDay } from "../domain/workingDays.ts";

// /calendar.ics: consultation closing dates, DCC target dates (the original one the target
// duration gives, and DCC's revised one), Change Board meetings and release dates, as all-day
// events. Each UID is named after the record and what the date is, so when a date moves a
// subscribed calendar replaces the event rather than adding another.

const icalGenerator = onFirstUse<typeof IcalGenerator>("ical-generator");
const consultationNames = { REFINEMENT: "Refinement Consultation", MODIFICATION_REPORT: "Modification Report Consultation" } as const;

export async function calendarOf(ctx: AppContext, options: { publicUrl?: string } = {}): Promise<string> {
  return ctx.cache.remember(`web:calendar:${ctx.today().toISOString()}`, () => buildCalendar(ctx, options));
}

async function buildCalendar(ctx: AppContext, options: { publicUrl?: string }): Promise<string> {
  const today = ctx.today();
  const [mods, meetings, releases] = await Promise.all([
    ctx.prisma.modification.findMany({
      select: {
        reference: true,
        title: true,
        consultations: true,
        assessments: { where: { status: { not: "CANCELLED" } } },
      },
      orderBy: { number: "asc" },
    }),
    ctx.prisma.changeBoardMeeting.findMany({ include: { votes: { include: { modification: { select: { reference: true } } } } }, orderBy: { heldOn: "asc" } }),
    ctx.prisma.release.findMany({ orderBy: { name: "asc" } }),
  ]);
  const { default: ical, ICalCalendarMethod } = icalGenerator();
  const calendar = ical({ name: "SEC modifications (modbot)", method: ICalCalendarMethod.PUBLISH, prodId: { company: "modbot", product: "modification-register", language: "EN" } });
  const link = (reference: string) => (options.publicUrl ? `${options.publicUrl}/register/${reference}` : undefined);
  const add = (uid: string, date: Date, summary: string, description?: string, url?: string) =>
    calendar.createEvent({ id: `${uid}@modbot`, start: date, end: addCalendarDays(date, 1), allDay: true, stamp: today, summary, description, url });

  for (const m of mods) {
    for (const c of m.consultations) {
      const closes = c.closesOn ?? (c.opensOn && c.openWorkingDays ? nthWorkingDay(c.opensOn, c.openWorkingDays) : null);
      if (closes) add(`consultation-${c.id}-closes`, closes, `${m.reference}: ${consultationNames[c.kind]} closes`, m.title, link(m.reference));
    }
    for (const a of m.assessments) {
      const verdict = assessmentVerdict(a, today);
      const label = `${m.reference} ${assessmentLabel(a.type, a.sequence)}`;
      if (verdict.originalTargetDate) {
        add(`assessment-${a.id}-target`, verdict.originalTargetDate, `${label} target date (${verdict.targetDurationWd} WD)`, m.title, link(m.reference));
      }
      const agreed = verdict.revisedTargetDate ?? (verdict.originalTargetDate ? null : verdict.agreedTargetDate);
      if (agreed) add(`assessment-${a.id}-agreed`, agreed, `${label}: DCC's ${verdict.revisedTargetDate ? "revised" : "target"} date`, m.title, link(m.reference));
    }
  }
  for (const meeting of meetings) {
    const refs = meeting.votes.map((v) => v.modification.reference).join(", ");
    add(`change-board-${meeting.id}`, meeting.heldOn, "Change Board meeting", refs ? `Votes: ${refs}` : undefined);
  }
  for (const release of releases) {
    const date = release.implementedOn ?? release.plannedDate;
    if (date) add(`release-${release.id}`, date, release.name, release.dateDescription ?? undefined);
  }
  return calendar.toString();
}
