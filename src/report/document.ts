import { formatLongDate, formatReportDate } from "../domain/calendarDate.ts";
import type { ChangeStatusReport, ConsultationItem, ModificationRef } from "./model.ts";
import { appendixTable, figureTables, type ReportTable } from "./tables.ts";

// The report as a document, in the seed's section order and wording: headings, paragraphs,
// bullet lists, tables and the chart. Markdown and HTML both render this, so they say the same.

export type DocumentBlock =
  | { kind: "heading"; level: 1 | 2 | 3 | 4; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; table: ReportTable }
  | { kind: "chart"; alt: string };

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/** "four", "twelve", "13": how the report counts in prose. */
export function numberWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** DP080 ‘Ensuring a managed move to DUIS version 3.1’ */
export function quoted(m: ModificationRef): string {
  return `${m.reference} ‘${m.title}’`;
}

/** "the end of September 2019" */
export function periodEndText(report: ChangeStatusReport): string {
  const end = report.figures.periodEnd;
  const lastOfMonth = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate() === end.getUTCDate();
  return lastOfMonth ? `the end of ${formatLongDate(end).replace(/^\d+ /, "")}` : `the end of ${formatLongDate(end)}`;
}

/** "Proposals in each stage: Define 7, Refine 18, ..." for the chart's alt text and Slack. */
export function stageCountsText(report: ChangeStatusReport): string {
  return report.summary.stageCounts.map((s) => `${s.stage} ${s.count}`).join(", ");
}

export function reportDocument(report: ChangeStatusReport): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  const h = (level: 1 | 2 | 3 | 4, text: string) => blocks.push({ kind: "heading", level, text });
  const p = (text: string) => blocks.push({ kind: "paragraph", text });
  const list = (items: string[]) => items.length && blocks.push({ kind: "list", items });
  const [stages, dccTimescales, openAssessments, completed, proposalTimescales] = figureTables(report);
  const table = (t: ReportTable, empty: string) => (t.rows.length ? blocks.push({ kind: "table", table: t }) : p(empty));
  const count = (n: number, one: string, many: string) => `${numberWord(n)} ${n === 1 ? one : many}`;
  const s = report.summary;

  h(1, `Change Status Report — ${formatLongDate(report.reportDate)}`);
  p(
    `This report provides a monthly update on the status and progress of SEC Draft Proposals, Modification Proposals and ` +
      `Releases, as at ${formatLongDate(report.reportDate)}. Events are those from ${formatLongDate(report.window.from)} to ` +
      `${formatLongDate(report.window.to)}; timescales are correct as at ${periodEndText(report)}. ` +
      `The DCC's assessment delivery dates are in Appendix A.`,
  );

  h(2, "1. Summary");
  h(3, "Proposals currently in each stage");
  blocks.push({ kind: "chart", alt: `Proposals in each stage: ${stageCountsText(report)}` });
  table(stages, "There are no open proposals.");

  h(3, "Draft Proposals for conversion");
  p(
    s.forConversion.length
      ? `There ${s.forConversion.length === 1 ? "is" : "are"} ${count(s.forConversion.length, "Draft Proposal", "Draft Proposals")} being presented to the Panel for conversion to Modification Proposals this month:`
      : "There are no Draft Proposals being presented to the Panel for conversion this month.",
  );
  list(s.forConversion.map(quoted));

  h(3, "Modification Reports");
  p(
    s.modificationReports.length
      ? `${capitalised(count(s.modificationReports.length, "Modification Report is", "Modification Reports are"))} being presented to the Panel this month:`
      : "No Modification Reports are being presented to the Panel this month.",
  );
  list(s.modificationReports.map(quoted));

  h(3, "Decisions");
  if (s.decisions.length) {
    p(`${capitalised(count(s.decisions.length, "decision was", "decisions were"))} received this month:`);
    list(s.decisions.map((d) => `${quoted(d)} was ${d.outcome} on ${formatLongDate(d.decidedOn)}.`));
  } else p("No decisions on any Modification Proposals were received this month.");

  h(2, "2. Define");
  h(3, "New Draft Proposals");
  if (report.define.newDraftProposals.length === 0) p("No new Draft Proposals were raised this month.");
  for (const d of report.define.newDraftProposals) {
    h(4, d.reference);
    p(`${quoted(d)} was raised${d.raisedBy ? ` by ${d.raisedBy}` : ""} on ${formatLongDate(d.raisedOn)}.`);
    if (d.problemStatement) p(d.problemStatement);
  }
  h(3, "Change Sub-Committee decisions");
  if (report.define.cscDecisions.length) {
    p("The Change Sub-Committee (CSC) determined that the following Draft Proposals are ready to be presented to the Panel for conversion to Modification Proposals:");
    list(report.define.cscDecisions.map(quoted));
  } else p("The Change Sub-Committee (CSC) made no decisions on Draft Proposals this month.");

  h(2, "3. Refine");
  h(3, "Working Group meetings");
  if (report.refine.workingGroupMeetings.length === 0) p("No Working Group meetings were held this month.");
  for (const meeting of report.refine.workingGroupMeetings) {
    p(`The monthly Working Group meeting was held on ${formatLongDate(meeting.heldOn)}, and included the following modifications:`);
    list(meeting.modifications.map(quoted));
  }
  h(3, "Refinement Consultations");
  consultationParagraphs(report.refine.refinementConsultations, "Refinement Consultation", p, list);
  h(3, "Impact Assessment requests");
  if (report.refine.impactAssessmentRequests.length) {
    p(`${capitalised(count(report.refine.impactAssessmentRequests.length, "Impact Assessment was", "Impact Assessments were"))} requested this month:`);
    list(report.refine.impactAssessmentRequests.map((r) => `${quoted(r)}, requested on ${formatLongDate(r.requestedOn)}`));
  } else p("No Impact Assessments were requested for approval from the Change Board this month.");

  h(3, "DCC Assessment timescales");
  p(`The timescales below are correct as at ${periodEndText(report)}.`);
  blocks.push({ kind: "table", table: dccTimescales });
  h(3, "Open Assessments");
  table(openAssessments, "There are no open DCC assessments.");
  const late = report.refine.openAssessments.filter((a) => a.late);
  if (late.length) {
    p(`Late (over the target duration, or past DCC's revised date), as at ${periodEndText(report)}:`);
    list(late.map((a) => `${a.reference} ${a.type}: ${a.currentDurationWd} WD, ${a.lateness}`));
  }
  if (report.refine.onHoldAssessments.length) {
    p(`On hold, and not counted above: ${report.refine.onHoldAssessments.map((a) => `${a.reference} ${a.type}`).join(", ")}.`);
  }
  h(3, completed.title);
  table(completed, `No DCC assessments have been completed during ${report.figures.regulatoryYear.label} yet.`);

  h(2, "4. Opine");
  h(3, "Modification Report Consultations");
  consultationParagraphs(report.opine.reportConsultations, "Modification Report Consultation", p, list);
  h(3, "Change Board votes");
  const votes = report.opine.changeBoardVotes;
  if (votes.length === 0) p("The Change Board did not vote on any modifications this month.");
  for (const heldOn of [...new Set(votes.map((v) => v.heldOn.getTime()))]) {
    const atMeeting = votes.filter((v) => v.heldOn.getTime() === heldOn);
    p(`The Change Board voted on ${count(atMeeting.length, "modification", "modifications")} on ${formatLongDate(new Date(heldOn))}:`);
    list(atMeeting.map((v) => `${quoted(v)} ${v.outcome}.`));
  }
  h(3, "Authority decisions");
  const decisions = report.opine.authorityDecisions;
  if (decisions.length) list(decisions.map((d) => `${quoted(d)} was ${d.outcome} on ${formatLongDate(d.decidedOn)}.`));
  else p("There were no Authority decisions in the last month.");
  const awaiting = report.opine.awaitingAuthority;
  if (awaiting.length) {
    p(`There ${awaiting.length === 1 ? "is" : "are"} ${count(awaiting.length, "Modification Proposal", "Modification Proposals")} currently with the Authority for decision:`);
    list(awaiting.map(quoted));
  } else p("No Modification Proposals are currently with the Authority for decision.");
  h(3, "Proposal progression timescales");
  p(`The timescales below are correct as at ${periodEndText(report)}.`);
  blocks.push({ kind: "table", table: proposalTimescales });

  h(2, "5. Release");
  h(3, "Approved for release");
  if (report.release.releases.length === 0) p("There are currently no modifications approved for implementation.");
  for (const release of report.release.releases) {
    const n = release.modifications.length;
    const mods = count(n, "modification that is", "modifications that are");
    if (release.kind === "STANDALONE") {
      const when = release.plannedDate ? `on ${formatLongDate(release.plannedDate)}` : release.dateDescription ? `on ${release.dateDescription}` : "";
      p(`There ${n === 1 ? "is" : "are"} currently ${mods} approved for implementation as a standalone release (${release.name})${when ? `, to be implemented ${when}` : ""}:`);
    } else {
      const when = release.plannedDate ? ` (${formatLongDate(release.plannedDate)})` : release.dateDescription ? ` (${release.dateDescription})` : "";
      p(`There ${n === 1 ? "is" : "are"} currently ${mods} approved for implementation in the ${release.name}${when}:`);
    }
    list(release.modifications.map(quoted));
  }
  h(3, "Release revision requests");
  if (report.release.revisionRequests.length === 0) p("There are no requests to revise a release date.");
  for (const r of report.release.revisionRequests) {
    const outcome =
      r.status === "PENDING"
        ? "This request is with the Authority for decision."
        : `The Authority ${r.status === "APPROVED" ? "approved" : "rejected"} the request${r.decidedOn ? ` on ${formatLongDate(r.decidedOn)}` : ""}.`;
    p(`On ${formatLongDate(r.requestedOn)}, the Panel wrote to the Authority to request a revised implementation date of ${formatLongDate(r.requestedDate)} for the ${r.release}. ${outcome}`);
  }

  h(2, "Appendix A: DCC Assessment Delivery Dates");
  p(`The DCC's delivery of Preliminary Assessments (PAs) and Impact Assessments (IAs) to Working Groups, as at ${formatLongDate(report.reportDate)}.`);
  table(appendixTable(report), "No open modification has a DCC assessment.");

  h(2, "How the figures are counted");
  list([
    `Durations are in SEC working days (weekdays that are not bank holidays in England and Wales); the day a request is accepted, or a proposal raised, is day 1.`,
    `"As at ${periodEndText(report)}" means counted on ${formatReportDate(report.figures.countedThrough)}, the first working day after it: anything dated before that day has happened, and open items count that day in their current duration.`,
    `Averages are rounded to whole working days, and given only when every row has the dates they need; otherwise the table says "not derivable" and how many rows have them.`,
    `An assessment is late when its current duration is over its target duration (the accepted day as working day 1); where DCC revised the target date, the table also says whether that date has passed.`,
    `"This month" covers ${formatReportDate(report.window.from)} to ${formatReportDate(report.window.to)}.`,
  ]);
  return blocks;
}

function consultationParagraphs(
  consultations: { open: ConsultationItem[]; expected: ConsultationItem[] },
  name: string,
  p: (text: string) => void,
  list: (items: string[]) => void,
) {
  const { open, expected } = consultations;
  if (open.length) {
    p(`There ${open.length === 1 ? "is" : "are"} ${numberWord(open.length)} ${open.length === 1 ? "Modification Proposal" : "Modification Proposals"} currently out for ${name}:`);
    list(open.map((c) => `${quoted(c)}${c.closesOn ? `, closing on ${formatLongDate(c.closesOn)}` : ""}`));
  } else p(`There are no Modification Proposals currently out for ${name}.`);
  if (expected.length === 0) return;
  // The report groups expected consultations by when they open and for how long.
  const groups = new Map<string, ConsultationItem[]>();
  for (const c of expected) {
    const key = `${c.expectedWeekCommencing?.getTime() ?? ""}|${c.openWorkingDays ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const items of groups.values()) {
    const first = items[0];
    const when = first.expectedWeekCommencing ? ` in the week commencing ${formatLongDate(first.expectedWeekCommencing)}` : " this month";
    const length = first.openWorkingDays ? ` and be open for ${first.openWorkingDays} Working Days` : "";
    const closes = first.closesOn ? ` (closing on ${formatLongDate(first.closesOn)})` : "";
    const what = items.length === 1 ? `one new ${name} is` : `${numberWord(items.length)} new ${name}s are`;
    p(`${capitalised(what)} expected to be issued${when}${length}${closes}:`);
    list(items.map(quoted));
  }
}
