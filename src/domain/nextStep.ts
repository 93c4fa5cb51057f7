import { nthWorkingDay } from "./workingDays.ts";
import { formatReportDate } from "./calendarDate.ts";
import type { ModificationPath, ModificationStatus } from "./lifecycle.ts";

// "What happens next" on the status card, in the report's own phrases.

export interface NextStepInput {
  status: ModificationStatus;
  path: ModificationPath | null;
  onHold: boolean;
  consultations: readonly {
    kind: "REFINEMENT" | "MODIFICATION_REPORT";
    status: "EXPECTED" | "OPEN" | "CLOSED";
    expectedWeekCommencing: Date | null;
    opensOn: Date | null;
    closesOn: Date | null;
    openWorkingDays: number | null;
  }[];
  release: { name: string; plannedDate: Date | null; dateDescription: string | null } | null;
}

const consultationNames = { REFINEMENT: "Refinement Consultation", MODIFICATION_REPORT: "Modification Report Consultation" };

export function nextStepOf(input: NextStepInput): string {
  if (input.onHold) return "On hold: nothing moves until it is resumed";
  const open = input.consultations.find((c) => c.status === "OPEN");
  if (open) {
    const closes = open.closesOn ?? (open.opensOn && open.openWorkingDays ? nthWorkingDay(open.opensOn, open.openWorkingDays) : null);
    return `${consultationNames[open.kind]} open${closes ? `, closes ${formatReportDate(closes)}` : ""}`;
  }
  const expected = input.consultations.find((c) => c.status === "EXPECTED");
  if (expected) {
    const when = expected.expectedWeekCommencing ? `, expected w/c ${formatReportDate(expected.expectedWeekCommencing)}` : "";
    const length = expected.openWorkingDays ? `, open ${expected.openWorkingDays} working days` : "";
    return `${consultationNames[expected.kind]}${when}${length}`;
  }
  if (input.path === "FAST_TRACK" && (input.status === "DRAFT_RAISED" || input.status === "READY_FOR_PANEL")) {
    return "The Panel decides (Fast-Track Self-Governance: no Working Group or Change Board)";
  }
  const urgent = input.path === "URGENT" ? ", to the timetable agreed with the Authority" : "";
  switch (input.status) {
    case "DRAFT_RAISED":
      return input.path === "URGENT"
        ? "The Panel considers it to the urgent timetable agreed with the Authority"
        : "SECAS review, then the Change Sub-Committee decides whether it is ready for the Panel";
    case "READY_FOR_PANEL":
      return `The Panel decides whether to convert it to a Modification Proposal${urgent}`;
    case "IN_REFINEMENT":
      return "Working Group refinement; DCC assessments as the Working Group requests";
    case "REPORT_PRESENTED":
      return "Modification Report Consultation, once the Panel approves the report";
    case "REPORT_CONSULTATION":
      return "The consultation closes, then the Change Board votes";
    case "AWAITING_CHANGE_BOARD":
      return input.path === "SELF_GOVERNANCE"
        ? "Change Board vote (a self-governance decision)"
        : `Change Board vote (a recommendation to the Authority)${urgent}`;
    case "AWAITING_AUTHORITY":
      return `The Authority's decision${urgent}`;
    case "APPROVED": {
      const release = input.release;
      if (!release) return "Assignment to a SEC Release";
      const when = release.plannedDate ? formatReportDate(release.plannedDate) : release.dateDescription;
      return `Implementation in the ${release.name}${when ? ` (${when})` : ""}`;
    }
    case "IMPLEMENTED":
    case "REJECTED":
    case "WITHDRAWN":
      return "Nothing: the modification has concluded";
  }
}
