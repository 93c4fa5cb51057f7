import { formatReportDate } from "../domain/calendarDate.ts";
import type { AssessmentDates, ChangeStatusReport, TimescaleRow } from "./model.ts";

// The report's tables as rows of display text, shared by the Markdown, HTML and CSV renderers so
// the three can never disagree. Dates are written as people read them ("2 May 2019").

export interface ReportTable {
  /** File-name friendly: the CSV is `${name}.csv`. */
  name: string;
  title: string;
  columns: string[];
  rows: string[][];
}

const date = (d: Date | null | undefined) => (d ? formatReportDate(d) : "");
const wd = (n: number | null | undefined) => (n == null ? "–" : `${n} WD`);

/**
 * "84 WD" when every row has the dates the average needs; otherwise no figure at all, only what
 * is missing ("not derivable: 4 of 27 have dates"), so an average of a few never reads as one of all.
 */
export function averageText(row: TimescaleRow): string {
  if (row.total === 0) return "–";
  if (row.averageWd !== null) return `${row.averageWd} WD`;
  const have = row.measured === 0 ? "none" : String(row.measured);
  return `not derivable: ${have} of ${row.total} ${row.measured === 1 ? "has" : "have"} dates`;
}

function timescaleTable(name: string, title: string, firstColumn: string, rows: TimescaleRow[]): ReportTable {
  return {
    name,
    title,
    columns: [firstColumn, "Total", "Average duration"],
    rows: rows.map((row) => [row.label, String(row.total), averageText(row)]),
  };
}

function assessmentColumns(dates: AssessmentDates | null): string[] {
  return dates ? [date(dates.requestReceivedOn), date(dates.acceptedOn), date(dates.targetDate), date(dates.deliveredOn)] : ["", "", "", ""];
}

/** The five tables the seed report prints, in its order. */
export function figureTables(report: ChangeStatusReport): ReportTable[] {
  const year = report.figures.regulatoryYear.label;
  return [
    {
      name: "stages",
      title: "Proposals currently in each stage",
      columns: ["Stage", "Proposals", "Of which on hold"],
      rows: report.summary.stageCounts.map((s) => [s.stage, String(s.count), String(s.onHold)]),
    },
    timescaleTable("dcc_assessment_timescales", "DCC Assessment timescales", "Assessment", report.refine.assessmentTimescales),
    {
      name: "open_assessments",
      title: "Open Assessments",
      // The seed's five columns, then both readings of lateness (src/domain/assessmentTiming.ts).
      columns: ["Modification", "Type", "Accepted", "Target duration", "Current duration", "Due", "Over target", "DCC's revised date"],
      rows: report.refine.openAssessments.map((a) => [
        a.reference,
        a.type,
        date(a.acceptedOn),
        wd(a.targetDurationWd),
        wd(a.currentDurationWd),
        date(a.originalTargetDate),
        a.workingDaysOverTarget ? wd(a.workingDaysOverTarget) : "–",
        a.revisedTargetDate ? `${date(a.revisedTargetDate)}${a.workingDaysPastAgreedDate ? ` (${a.workingDaysPastAgreedDate} WD past)` : ""}` : "",
      ]),
    },
    {
      name: "assessments_completed",
      title: `Assessments completed during ${year}`,
      columns: ["Modification", "Type", "Returned", "Target duration", "Duration"],
      rows: report.refine.completedAssessments.map((a) => [a.reference, a.type, date(a.returnedOn), wd(a.targetDurationWd), wd(a.durationWd)]),
    },
    timescaleTable("proposal_timescales", "Proposal timescales", "Status", report.opine.proposalTimescales),
  ];
}

export function appendixTable(report: ChangeStatusReport): ReportTable {
  return {
    name: "appendix_a_dcc_delivery_dates",
    title: "Appendix A: DCC Assessment Delivery Dates",
    columns: [
      "SECMP#",
      "Title",
      "DCC assessment status",
      "PA request received",
      "PA request accepted",
      "Target PA delivery",
      "Actual PA delivery",
      "IA request received",
      "IA request accepted",
      "Target IA delivery",
      "Actual IA delivery",
      "Notes",
    ],
    rows: report.appendixA.map((row) => [
      row.reference,
      row.title,
      row.dccStatus,
      ...assessmentColumns(row.pa),
      ...assessmentColumns(row.ia),
      row.notes ?? "",
    ]),
  };
}

/** The lists the prose recounts, as tables: what the CSV export adds to the figures. */
export function listTables(report: ChangeStatusReport): ReportTable[] {
  const consultations = (kind: string, c: ChangeStatusReport["refine"]["refinementConsultations"]) => [
    ...c.open.map((i) => [kind, "Open", i.reference, i.title, "", date(i.opensOn), date(i.closesOn)]),
    ...c.expected.map((i) => [kind, "Expected", i.reference, i.title, date(i.expectedWeekCommencing), date(i.opensOn), date(i.closesOn)]),
  ];
  return [
    {
      name: "draft_proposals_for_conversion",
      title: "Draft Proposals for conversion",
      columns: ["Modification", "Title"],
      rows: report.summary.forConversion.map((m) => [m.reference, m.title]),
    },
    {
      name: "modification_reports",
      title: "Modification Reports",
      columns: ["Modification", "Title"],
      rows: report.summary.modificationReports.map((m) => [m.reference, m.title]),
    },
    {
      name: "decisions",
      title: "Decisions",
      columns: ["Modification", "Title", "Decided", "Decision"],
      rows: report.summary.decisions.map((d) => [d.reference, d.title, date(d.decidedOn), d.outcome]),
    },
    {
      name: "new_draft_proposals",
      title: "New Draft Proposals",
      columns: ["Modification", "Title", "Raised by", "Raised on", "Problem statement"],
      rows: report.define.newDraftProposals.map((d) => [d.reference, d.title, d.raisedBy ?? "", date(d.raisedOn), d.problemStatement ?? ""]),
    },
    {
      name: "change_sub_committee_decisions",
      title: "Change Sub-Committee decisions",
      columns: ["Modification", "Title", "Decided"],
      rows: report.define.cscDecisions.map((d) => [d.reference, d.title, date(d.decidedOn)]),
    },
    {
      name: "working_group_meetings",
      title: "Working Group meetings",
      columns: ["Meeting", "Modification", "Title"],
      rows: report.refine.workingGroupMeetings.flatMap((meeting) =>
        meeting.modifications.map((m) => [date(meeting.heldOn), m.reference, m.title]),
      ),
    },
    {
      name: "consultations",
      title: "Consultations",
      columns: ["Kind", "State", "Modification", "Title", "Expected week commencing", "Opens", "Closes"],
      rows: [
        ...consultations("Refinement", report.refine.refinementConsultations),
        ...consultations("Modification Report", report.opine.reportConsultations),
      ],
    },
    {
      name: "impact_assessment_requests",
      title: "Impact Assessment requests",
      columns: ["Modification", "Title", "Requested"],
      rows: report.refine.impactAssessmentRequests.map((r) => [r.reference, r.title, date(r.requestedOn)]),
    },
    {
      name: "change_board_votes",
      title: "Change Board votes",
      columns: ["Meeting", "Modification", "Title", "Outcome"],
      rows: report.opine.changeBoardVotes.map((v) => [date(v.heldOn), v.reference, v.title, v.outcome]),
    },
    {
      name: "authority",
      title: "Authority decisions and those awaited",
      columns: ["Modification", "Title", "Decided", "Decision"],
      rows: [
        ...report.opine.authorityDecisions.map((d) => [d.reference, d.title, date(d.decidedOn), d.outcome]),
        ...report.opine.awaitingAuthority.map((m) => [m.reference, m.title, "", "awaiting decision"]),
      ],
    },
    {
      name: "releases",
      title: "Approved for release",
      columns: ["Release", "Kind", "Date", "Modification", "Title"],
      rows: report.release.releases.flatMap((release) =>
        release.modifications.map((m) => [
          release.name,
          release.kind === "STANDALONE" ? "Standalone" : "Scheduled",
          release.plannedDate ? date(release.plannedDate) : (release.dateDescription ?? ""),
          m.reference,
          m.title,
        ]),
      ),
    },
    {
      name: "release_revision_requests",
      title: "Release revision requests",
      columns: ["Release", "Requested on", "Revised date requested", "Status", "Decided"],
      rows: report.release.revisionRequests.map((r) => [r.release, date(r.requestedOn), date(r.requestedDate), r.status.toLowerCase(), date(r.decidedOn)]),
    },
  ];
}

export function allTables(report: ChangeStatusReport): ReportTable[] {
  return [...figureTables(report), ...listTables(report), appendixTable(report)];
}
