import { assessmentVerdict, verdictHeadline, verdictLateness, isLateInProgress } from "../domain/assessmentTiming.ts";
import { assessmentLabel } from "../domain/assessmentEntry.ts";
import { compareDates, formatReportDate } from "../domain/calendarDate.ts";
import { describeStatus, lifecycleEvents, pathTitles, stageOf } from "../domain/lifecycle.ts";
import { categoryLabels, type PartyCategory } from "../domain/parties.ts";
import { statusCardLines } from "../slack/blocks/statusCard.ts";
import { html, page } from "./html.ts";
import type { ModificationPageData } from "./registerData.ts";

// /register/REF: the status card's facts (the same lines, from the same functions, without
// Slack contacts), then the dated timeline, assessments, votes by voting group, decisions and
// release. Who recorded each thing (a Slack user id) and internal notes are not published.

const eventLabels = new Map<string, string>(lifecycleEvents.map((e) => [e.name, e.label]));
const voteText = { APPROVE: "Approve", REJECT: "Reject", ABSTAIN: "Abstain", NOT_PRESENT: "Not present" } as const;
const outcomeText = { APPROVE: "Approval", REJECT: "Rejection", NO_MAJORITY: "No majority", NOT_QUORATE: "Not quorate" } as const;
const authorityText = { APPROVED: "approved", REJECTED: "rejected", SENT_BACK: "sent it back to the Working Group" } as const;
const consultationNames = { REFINEMENT: "Refinement Consultation", MODIFICATION_REPORT: "Modification Report Consultation" } as const;

export interface TimelineEntry {
  date: Date;
  text: string;
}

export function timelineOf(mod: ModificationPageData): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const add = (date: Date | null | undefined, text: string) => date && entries.push({ date, text });
  add(mod.raisedOn, `Raised${mod.raisedBy ? ` by ${mod.raisedBy.name}` : ""}`);
  for (const t of [...mod.transitions].reverse()) {
    const label = eventLabels.get(t.event) ?? t.event.replaceAll("-", " ");
    add(t.occurredOn, `${label[0]!.toUpperCase()}${label.slice(1)} (now ${describeStatus(t.toStatus)})`);
  }
  for (const item of mod.workingGroupItems) add(item.meeting.heldOn, "Working Group meeting");
  for (const c of mod.consultations) {
    add(c.opensOn, `${consultationNames[c.kind]} opened`);
    add(c.closesOn, `${consultationNames[c.kind]} ${c.status === "CLOSED" ? "closed" : "closes"}`);
  }
  for (const a of mod.assessments) {
    const label = assessmentLabel(a.type, a.sequence);
    add(a.requestReceivedOn, `${label} requested from the DCC`);
    add(a.acceptedOn, `${label} accepted by the DCC`);
    add(a.deliveredOn, `${label} delivered`);
  }
  for (const v of mod.changeBoardVotes) add(v.meeting.heldOn, `Change Board: ${outcomeText[v.outcome].toLowerCase()} (${v.effect === "RECOMMENDATION" ? "recommendation to the Authority" : "self-governance decision"})`);
  for (const d of mod.authorityDecisions) add(d.decidedOn, `The Authority ${authorityText[d.outcome]}`);
  if (mod.release) {
    add(mod.release.implementedOn, `Implemented in the ${mod.release.name}`);
    if (!mod.release.implementedOn) add(mod.release.plannedDate, `Planned implementation: ${mod.release.name}`);
  }
  add(mod.concludedOn, "Concluded");
  return entries.sort((a, b) => compareDates(a.date, b.date));
}

export function modificationPage(mod: ModificationPageData, asOf: Date): string {
  // The card's lines are Slack mrkdwn (escaped, *bold*): back to plain text, which html`` escapes.
  const facts = statusCardLines(mod, asOf, { contacts: false }).map(([label, value]) => [label, fromMrkdwn(value)] as const);
  const timeline = timelineOf(mod);
  const latest = [...timeline].reverse().find((e) => compareDates(e.date, asOf) <= 0);
  const implementation = mod.release
    ? `${mod.release.name}${mod.release.plannedDate ? ` (${formatReportDate(mod.release.plannedDate)})` : mod.release.dateDescription ? ` (${mod.release.dateDescription})` : ""}`
    : null;
  const body = html`<p><a href="/register">${"←"} Modification Register</a></p>
<h1><span class="ref">${mod.reference}</span> · ${mod.title}</h1>
<section aria-labelledby="status-h">
<h2 id="status-h">Status as at ${formatReportDate(asOf)}</h2>
<dl class="facts">
${facts.map(([label, value]) => html`<dt>${label}</dt><dd${label === "DCC" && value.includes("⚠") ? html` class="late"` : ""}>${value}</dd>`)}
</dl>
</section>
<section aria-labelledby="register-h">
<h2 id="register-h">Register entry</h2>
<dl class="facts">
<dt>Lead analyst</dt><dd>${mod.leadAnalyst ?? "Not recorded"}</dd>
<dt>Proposer</dt><dd>${mod.raisedBy ? `${mod.raisedBy.name} (${categoryLabels[mod.raisedBy.category as PartyCategory]})` : "Not recorded"}</dd>
<dt>Date raised</dt><dd>${mod.raisedOn ? formatReportDate(mod.raisedOn) : "Not recorded"}</dd>
<dt>Stage</dt><dd>${stageOf(mod.status)} · ${describeStatus(mod.status)}</dd>
<dt>Path</dt><dd>${mod.path ? pathTitles[mod.path] : "Not recorded"}</dd>
<dt>Implementation</dt><dd>${implementation ?? "Not yet assigned to a release"}</dd>
<dt>Latest update</dt><dd>${latest ? `${formatReportDate(latest.date)}: ${latest.text}` : "None recorded"}</dd>
</dl>
<h3>What is the issue?</h3>
<p>${mod.summary ?? "Not recorded."}</p>
<h3>What is the solution?</h3>
<p>${mod.solution ?? "Not recorded."}</p>
<h3>Who is impacted?</h3>
<p>${mod.impactedParties ?? "Not recorded."}</p>
<h3>What SEC documents are affected?</h3>
<p>${mod.affectedDocuments ?? "Not recorded."}</p>
</section>
<section aria-labelledby="timeline-h">
<h2 id="timeline-h">Timeline</h2>
${timeline.length ? html`<ol class="timeline">${timeline.map((e) => html`<li><time datetime="${e.date.toISOString().slice(0, 10)}">${formatReportDate(e.date)}</time> ${e.text}</li>`)}</ol>` : html`<p>No dated events recorded.</p>`}
</section>
<section aria-labelledby="dcc-h">
<h2 id="dcc-h">DCC assessments</h2>
${mod.assessments.length ? mod.assessments.map((a) => {
    const verdict = assessmentVerdict(a, asOf);
    const label = assessmentLabel(a.type, a.sequence);
    return html`<h3>${label}</h3>
<p>${verdictHeadline(label, verdict, { requestReceivedOn: a.requestReceivedOn, note: a.note })}</p>
${isLateInProgress(verdict) ? html`<p class="late">${"⚠"} Late: ${verdictLateness(verdict)}</p>` : ""}
${a.revisions.length ? html`<table><caption>${label}: target revisions</caption><thead><tr><th scope="col">Revised on</th><th scope="col">Target date</th><th scope="col">Target duration</th></tr></thead><tbody>${a.revisions.map(
        (r) => html`<tr><td>${formatReportDate(r.revisedAt)}</td><td>${r.previousTargetDate ? formatReportDate(r.previousTargetDate) : "—"} ${"→"} ${r.newTargetDate ? formatReportDate(r.newTargetDate) : "—"}</td><td>${r.previousDurationWd === r.newDurationWd ? "unchanged" : `${r.previousDurationWd ?? "—"} → ${r.newDurationWd ?? "—"} WD`}</td></tr>`,
      )}</tbody></table>` : ""}`;
  }) : html`<p>${mod.dccNote ?? "No DCC assessment requested."}</p>`}
</section>
<section aria-labelledby="votes-h">
<h2 id="votes-h">Change Board votes</h2>
${mod.changeBoardVotes.length ? mod.changeBoardVotes.map(
    (v) => html`<table><caption>Change Board ${formatReportDate(v.meeting.heldOn)}: ${outcomeText[v.outcome]} (${v.effect === "RECOMMENDATION" ? "recommendation to the Authority" : "self-governance decision"})</caption>
<thead><tr><th scope="col">Voting group</th><th scope="col">Vote</th></tr></thead>
<tbody>${v.categoryVotes.map((c) => html`<tr><th scope="row">${categoryLabels[c.category as PartyCategory]}</th><td>${voteText[c.value]}</td></tr>`)}</tbody></table>`,
  ) : html`<p>No Change Board vote recorded.</p>`}
</section>
<section aria-labelledby="decisions-h">
<h2 id="decisions-h">Decisions and release</h2>
<ul>
${mod.authorityDecisions.map((d) => html`<li>${formatReportDate(d.decidedOn)}: the Authority ${authorityText[d.outcome]}</li>`)}
<li>${implementation ? html`Release: ${implementation}${mod.release!.revisionRequests.filter((r) => r.status === "PENDING").map((r) => html` · revised date ${formatReportDate(r.requestedDate)} requested ${formatReportDate(r.requestedOn)}`)}` : "Release: not yet assigned"}</li>
</ul>
</section>`;
  return page({ title: `${mod.reference} · ${mod.title}`, body, description: `${mod.reference}: where the modification stands` });
}

function fromMrkdwn(text: string): string {
  return text.replace(/\*([^*\n]+)\*/g, "$1").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}
