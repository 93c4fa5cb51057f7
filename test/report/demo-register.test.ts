import { unzipSync, strFromU8 } from "fflate";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDemoRegister } from "../../src/data/register/registerSources.ts";
import { calendarDate } from "../../src/domain/calendarDate.ts";
import { buildChangeStatusReport } from "../../src/report/build.ts";
import { renderReportFiles } from "../../src/report/files.ts";
import type { ChangeStatusReport } from "../../src/report/model.ts";
import { CHART_HEIGHT, CHART_WIDTH } from "../../src/report/render/chart.ts";
import { hasPdftotext, pdfToText } from "../support/pdfText.ts";
import { postSigned, slashCommandBody } from "../support/slackRequests.ts";
import { readableText, startTestApp, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";

// Golden tests: the report as at the seed's date (4 Oct 2019) from the register transcribed from
// it, against the figures and rows the seed prints.

const seedDate = calendarDate(2019, 10, 4);
const text = (file: { content: string | Uint8Array }) => (typeof file.content === "string" ? file.content : strFromU8(file.content));

export function decodePng(bytes: Uint8Array): PNG {
  return PNG.sync.read(Buffer.from(bytes));
}

/**
 * The file inside what reached the upload URL: the Web API client posts it as multipart/form-data,
 * and the fake Slack records the request body as it came.
 */
export function uploadedFileBytes(body: Buffer): Buffer {
  if (!body.subarray(0, 2).equals(Buffer.from("--"))) return body;
  const boundary = body.subarray(0, body.indexOf("\r\n"));
  const start = body.indexOf("\r\n\r\n") + 4;
  const end = body.indexOf(Buffer.concat([Buffer.from("\r\n"), boundary]), start);
  return body.subarray(start, end);
}

/** How many distinct colours the image uses: a blank image has one. */
export function distinctColours(png: PNG): number {
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
  return colours.size;
}

describe.each(databaseKinds)("Change Status Report from the demo register (%s database)", (database) => {
  let app: TestApp;
  let report: ChangeStatusReport;

  beforeAll(async () => {
    app = await startTestApp({
      database,
      now: () => new Date("2019-10-04T10:00:00Z"),
      seed: (db) => importDemoRegister(db.prisma).then(() => undefined),
    });
    report = await buildChangeStatusReport(app.ctx.prisma, seedDate);
  });
  afterAll(() => app?.close());

  it("takes its timescales as at the end of September 2019, counted on 1 Oct", () => {
    expect(report.figures.periodEnd).toEqual(calendarDate(2019, 9, 30));
    expect(report.figures.countedThrough).toEqual(calendarDate(2019, 10, 1));
  });

  it("lists the seed's open assessments with its current durations, and MP078", () => {
    expect(report.refine.openAssessments.map((a) => [a.reference, a.type, a.targetDurationWd, a.currentDurationWd])).toEqual([
      ["SECMP0007", "IA", 40, 45],
      ["SECMP0024", "PA", 15, 89],
      ["SECMP0056", "IA", 40, 65],
      ["SECMP0066", "PA", 15, 78],
      ["MP078", "PA", 15, 2],
    ]);
  });

  it("has the seed's assessment counts, and its IA average; the PA average differs only by MP078", () => {
    const [paOpen, paCompleted, iaOpen, iaCompleted] = report.refine.assessmentTimescales;
    expect(iaOpen).toMatchObject({ label: "Impact Assessments open", total: 2, averageWd: 55 });
    // The seed: 2 open at 84 WD, without MP078 (accepted 30 Sep 2019); (89 + 78 + 2) / 3 = 56.
    expect(paOpen).toMatchObject({ label: "Preliminary Assessments open", total: 3, averageWd: 56 });
    expect(paCompleted).toMatchObject({ label: "Preliminary Assessments completed during 2019/20", total: 6, measured: 0 });
    expect(iaCompleted).toMatchObject({ label: "Impact Assessments completed during 2019/20", total: 2, measured: 0 });
  });

  it("lists the assessments completed during 2019/20 as the seed does", () => {
    expect(report.refine.completedAssessments.map((a) => [a.reference, a.type, a.returnedOn.toISOString().slice(0, 10), a.targetDurationWd])).toEqual([
      ["SECMP0007", "PA", "2019-04-11", 15],
      ["SECMP0046", "PA", "2019-07-29", 15],
      ["SECMP0053", "PA", "2019-05-02", 15],
      ["SECMP0053", "IA", "2019-09-20", 40],
      ["SECMP0056", "PA", "2019-04-24", 15],
      ["SECMP0062", "IA", "2019-07-04", 40],
      ["SECMP0063", "PA", "2019-08-09", 15],
      ["SECMP0067", "PA", "2019-06-05", 25],
    ]);
  });

  it("has the seed's Summary, Define, Refine, Opine and Release lists", () => {
    const refs = (items: { reference: string }[]) => items.map((i) => i.reference);
    expect(refs(report.summary.forConversion)).toEqual(["DP080", "DP081", "DP083", "DP087"]);
    expect(refs(report.summary.modificationReports)).toEqual(["SECMP0053"]);
    expect(report.summary.decisions).toEqual([]);
    expect(report.define.newDraftProposals.map((d) => [d.reference, d.raisedBy])).toEqual([
      ["DP084", "Energy Savings Trust"],
      ["DP085", "Northern Powergrid"],
      ["DP086", "Shell Energy"],
      ["DP087", "Security Sub-Committee"],
    ]);
    expect(refs(report.define.cscDecisions)).toEqual(["DP080", "DP081", "DP083", "DP087"]);
    expect(refs(report.refine.workingGroupMeetings[0].modifications)).toEqual(["SECMP0046", "SECMP0062", "SECMP0067", "MP079"]);
    expect(refs(report.refine.refinementConsultations.open)).toEqual([]);
    expect(refs(report.refine.refinementConsultations.expected)).toEqual(["SECMP0046", "MP079"]);
    expect(report.refine.impactAssessmentRequests).toEqual([]);
    expect(refs(report.opine.reportConsultations.expected)).toEqual(["SECMP0053", "DP081", "DP087"]);
    expect(report.opine.reportConsultations.expected[0].closesOn).toEqual(calendarDate(2019, 11, 1));
    expect(report.opine.changeBoardVotes.map((v) => [v.reference, v.outcome])).toEqual([
      ["MP076", "was recommended for approval as an Authority Determined Modification"],
    ]);
    expect(refs(report.opine.awaitingAuthority)).toEqual(["MP076"]);
    expect(report.release.releases.map((r) => [r.name, r.modifications.length])).toEqual([
      ["EU Exit standalone release", 1],
      ["November 2019 SEC Release", 9],
    ]);
    expect(report.release.revisionRequests).toMatchObject([{ requestedDate: calendarDate(2019, 11, 24), status: "PENDING" }]);
  });

  it("counts 27 proposals open before decision (the seed says 28), and gives no average of the 4 dated ones", () => {
    expect(report.opine.proposalTimescales[0]).toMatchObject({ total: 27, measured: 4, averageWd: null });
  });

  it("builds Appendix A with the DCC's statuses, in progress first", () => {
    const rows = report.appendixA.map((r) => [r.reference, r.dccStatus]);
    expect(rows.slice(0, 4)).toEqual([
      ["SECMP0024", "PA in progress"],
      ["MP078", "PA in progress"],
      ["SECMP0007", "IA in progress"],
      ["SECMP0056", "IA in progress"],
    ]);
    expect(rows).toContainEqual(["SECMP0066", "No outstanding assessment request"]);
    expect(rows).toContainEqual(["SECMP0012", "On hold"]);
    expect(rows).toContainEqual(["SECMP0060", "Awaiting implementation"]);
  });

  it("writes Markdown with the seed's sections and table rows", () => {
    const md = text(renderReportFiles(report, "md")[0]);
    for (const heading of ["## 1. Summary", "## 2. Define", "## 3. Refine", "## 4. Opine", "## 5. Release", "## Appendix A: DCC Assessment Delivery Dates"]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain("There are four Draft Proposals being presented to the Panel for conversion to Modification Proposals this month:");
    expect(md).toContain("The timescales below are correct as at the end of September 2019.");
    expect(md).toContain("| SECMP0024 | PA | 29 May 2019 | 15 WD | 89 WD | 18 Jun 2019 | 74 WD | 5 Jul 2019 (61 WD past) |");
    expect(md).toContain("| SECMP0007 | IA | 30 Jul 2019 | 40 WD | 45 WD | 24 Sep 2019 | 5 WD | 4 Nov 2019 |");
    expect(md).toContain("| MP078 | PA | 30 Sep 2019 | 15 WD | 2 WD | 18 Oct 2019 | – |  |");
    expect(md).toContain("- SECMP0007 IA: 45 WD, 5 WD over the 40 WD target; DCC's revised date 4 Nov 2019 not yet passed");
    expect(md).toContain("| Impact Assessments open | 2 | 55 WD |");
    expect(md).toContain("| Preliminary Assessments completed during 2019/20 | 6 | not derivable: none of 6 have dates |");
    expect(md).toContain("| Proposals open (pre-decision) | 27 | not derivable: 4 of 27 have dates |");
    expect(md).toContain("| SECMP0067 | PA | 5 Jun 2019 | 25 WD | – |");
    expect(md).toContain("DP084 ‘Other User Panel Seating Amendment’ was raised by Energy Savings Trust on 10 September 2019.");
    expect(md).toContain("MP076 ‘Pursuing Non-Payment in Events of Default’ was recommended for approval as an Authority Determined Modification.");
    expect(md).toContain("There are currently nine modifications that are approved for implementation in the November 2019 SEC Release (7 November 2019):");
    expect(md).toContain("request a revised implementation date of 24 November 2019");
    expect(md).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it("writes HTML with the chart inlined and the tables escaped", () => {
    const html = text(renderReportFiles(report, "html")[0]);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("<svg");
    expect(html).toContain("<td>SECMP0024</td><td>PA</td><td>29 May 2019</td><td>15 WD</td><td>89 WD</td><td>18 Jun 2019</td><td>74 WD</td><td>5 Jul 2019 (61 WD past)</td>");
  });

  it("writes JSON with ISO dates that reads back", () => {
    const json = JSON.parse(text(renderReportFiles(report, "json")[0]));
    expect(json.reportDate).toBe("2019-10-04");
    expect(json.refine.openAssessments[1]).toMatchObject({ reference: "SECMP0024", acceptedOn: "2019-05-29", currentDurationWd: 89 });
  });

  it("writes one CSV per table, and all of them in a zip", () => {
    const csvs = renderReportFiles(report, "csv");
    const open = csvs.find((f) => f.filename === "open_assessments.csv")!;
    expect(text(open).split("\r\n")).toEqual([
      "Modification,Type,Accepted,Target duration,Current duration,Due,Over target,DCC's revised date",
      "SECMP0007,IA,30 Jul 2019,40 WD,45 WD,24 Sep 2019,5 WD,4 Nov 2019",
      "SECMP0024,PA,29 May 2019,15 WD,89 WD,18 Jun 2019,74 WD,5 Jul 2019 (61 WD past)",
      "SECMP0056,IA,2 Jul 2019,40 WD,65 WD,27 Aug 2019,25 WD,31 Oct 2019",
      "SECMP0066,PA,13 Jun 2019,15 WD,78 WD,3 Jul 2019,63 WD,30 Jul 2019 (44 WD past)",
      "MP078,PA,30 Sep 2019,15 WD,2 WD,18 Oct 2019,–,",
      "",
    ]);
    const zip = unzipSync(renderReportFiles(report, "zip")[0].content as Uint8Array);
    expect(Object.keys(zip)).toHaveLength(csvs.length);
    expect(strFromU8(zip["change-status-report-2019-10-04/open_assessments.csv"])).toBe(text(open));
  });

  it("draws the stage chart as a real PNG of the right size", () => {
    const png = decodePng(renderReportFiles(report, "png")[0].content as Uint8Array);
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect(distinctColours(png)).toBeGreaterThan(10);
  });

  it("/mod report acknowledges at once, then posts the summary and uploads the PDF, the report and the chart in its thread", async () => {
    app.slack.reset();
    const response = await app.command("report 4 Oct 2019", { channelId: "CPANEL" });
    expect(response.status).toBe(200);
    // The acknowledgement only says the report is coming; what was posted follows on response_url.
    const acked = response.json();
    expect(acked.response_type).toBe("ephemeral");
    expect(readableText(acked)).toBe("Building the Change Status Report as at 4 Oct 2019; it will appear in this channel in a moment.");
    const followUps = app.slack.callsTo("response_url").map((call) => readableText(call.body as { text?: string }));
    expect(followUps).toEqual([
      "Posted the Change Status Report as at 4 Oct 2019 in this channel, with the full report (PDF, Markdown, HTML) and the chart in its thread.",
    ]);
    const [post] = app.slack.callsTo("chat.postMessage");
    expect(post.body.channel).toBe("CPANEL");
    const summary = readableText(post.body as { blocks: unknown[] });
    expect(summary).toContain("Change Status Report as at 4 Oct 2019");
    expect(summary).toContain("Refine 18 (6 on hold)");
    expect(summary).toContain("Impact Assessments open: 2 · average 55 WD");
    // Late by the SECAS reading (current against target duration), each with DCC's revised date: all four the seed lists as open.
    expect(summary).toContain("⚠ SECMP0024 PA · 89 WD: 74 WD over the 15 WD target and 61 WD past DCC's revised date 5 Jul 2019");
    expect(summary).toContain("⚠ SECMP0066 PA · 78 WD: 63 WD over the 15 WD target and 44 WD past DCC's revised date 30 Jul 2019");
    expect(summary).toContain("⚠ SECMP0056 IA · 65 WD: 25 WD over the 40 WD target; DCC's revised date 31 Oct 2019 not yet passed");
    expect(summary).toContain("⚠ SECMP0007 IA · 45 WD: 5 WD over the 40 WD target; DCC's revised date 4 Nov 2019 not yet passed");
    expect(summary).not.toContain("⚠ MP078");
    expect(summary).toContain("Proposals open (pre-decision): 27 · average not derivable: 4 of 27 have dates");
    expect(summary).toContain(
      "This month (5 Sep 2019 – 4 Oct 2019)\n4 Draft Proposals for conversion · 1 Modification Report to the Panel · no decisions received · 1 modification with the Authority · 4 new Draft Proposals",
    );
    expect(summary).toContain("Timescales as at the end of September 2019, in SEC working days (WD)");
    expect(app.slack.callsTo("files.getUploadURLExternal")).toHaveLength(4);
    const [complete] = app.slack.callsTo("files.completeUploadExternal");
    expect(complete.body.channel_id).toBe("CPANEL");
    expect(complete.body.thread_ts).toBeTruthy();
    const uploaded = Object.fromEntries(app.slack.uploadedFiles.map((f) => [f.filename, uploadedFileBytes(f.bytes)]));
    expect(Object.keys(uploaded).sort()).toEqual([
      "change-status-report-2019-10-04-stages.png",
      "change-status-report-2019-10-04.html",
      "change-status-report-2019-10-04.md",
      "change-status-report-2019-10-04.pdf",
    ]);
    const pdf = uploaded["change-status-report-2019-10-04.pdf"];
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    if (hasPdftotext) {
      const pdfText = pdfToText(pdf).replace(/\s+/g, " ");
      expect(pdfText).toContain("Change Status Report");
      expect(pdfText).toContain("4 October 2019");
      expect(pdfText).toContain("SECMP0024");
    }
    expect(uploaded["change-status-report-2019-10-04.md"].toString("utf8")).toContain("| SECMP0024 | PA | 29 May 2019 | 15 WD | 89 WD |");
    const png = decodePng(uploaded["change-status-report-2019-10-04-stages.png"]);
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect(distinctColours(png)).toBeGreaterThan(10);
  });

  it("/mod report without a date reports as at today", async () => {
    app.slack.reset();
    await app.command("report");
    expect(readableText(app.slack.callsTo("chat.postMessage")[0].body as { blocks: unknown[] })).toContain("as at 4 Oct 2019");
    // A day earlier, SECMP0053's Modification Report had not been presented: a zero reads "no".
    await app.command("report 3 Oct 2019");
    expect(readableText(app.slack.callsTo("chat.postMessage")[1].body as { blocks: unknown[] })).toContain("· no Modification Reports to the Panel ·");
  });

  it("/mod report refuses a date it can't read or one in the future, and posts nothing", async () => {
    app.slack.reset();
    expect(readableText((await app.command("report blursday")).json())).toContain(`"blursday" isn't a date I understand`);
    expect(readableText((await app.command("report 1 Dec 2019")).json())).toContain("1 Dec 2019 is in the future");
    expect(app.slack.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("/mod report shows the summary to the asker when it can't post in the channel", async () => {
    app.slack.reset();
    app.slack.failNext("chat.postMessage", { error: "not_in_channel" });
    expect(readableText((await app.command("report 4 Oct 2019")).json())).toContain("Building the Change Status Report as at 4 Oct 2019");
    const [followUp] = app.slack.callsTo("response_url");
    const body = followUp.body as { response_type?: string; text?: string; blocks?: unknown[] };
    expect(body.response_type).toBe("ephemeral");
    const shown = readableText(body);
    expect(shown).toContain("Change Status Report as at 4 Oct 2019");
    expect(shown).toContain("I couldn't post in this channel (not_in_channel). Invite me with /invite @modbot");
    expect(app.slack.uploadedFiles).toHaveLength(0);
  });

  it("/mod report says so when the files can't be attached", async () => {
    app.slack.reset();
    app.slack.failNext("files.getUploadURLExternal", { error: "file_uploads_disabled" }, 4);
    await app.command("report 4 Oct 2019");
    const shown = app.slack.callsTo("response_url").map((call) => readableText(call.body as { text?: string })).join("\n");
    expect(shown).toContain("I posted the summary, but couldn't attach the full report (file_uploads_disabled)");
    expect(shown).toContain("`modbot report --as-of 2019-10-04` on the server writes the files");
  });

  it("/mod report answers Slack's retry of the same command without posting the report again", async () => {
    app.slack.reset();
    const body = slashCommandBody({ text: "report 4 Oct 2019", channelId: "CRETRY", triggerId: "trigger.report.retry", responseUrl: app.slack.responseUrl });
    expect(readableText((await postSigned(app.url, body)).json())).toContain("Building the Change Status Report as at 4 Oct 2019");
    const posted = readableText(app.slack.callsTo("response_url")[0].body as { text?: string });
    expect(posted).toContain("Posted the Change Status Report as at 4 Oct 2019 in this channel");
    // The retry is answered with what the first one did, and posts nothing.
    const retry = readableText((await postSigned(app.url, body, { retryNum: 1 })).json());
    expect(retry).toBe(posted);
    expect(app.slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(app.slack.callsTo("files.completeUploadExternal")).toHaveLength(1);
    // A new /mod report (a new trigger) is a new request and posts again.
    await app.command("report 4 Oct 2019", { channelId: "CRETRY" });
    expect(app.slack.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it("/mod report's retry tries again when the first attempt could not post", async () => {
    app.slack.reset();
    app.slack.failNext("chat.postMessage", { error: "not_in_channel" });
    const body = slashCommandBody({ text: "report 4 Oct 2019", channelId: "CRETRY2", triggerId: "trigger.report.retry2", responseUrl: app.slack.responseUrl });
    await postSigned(app.url, body);
    expect(readableText(app.slack.callsTo("response_url")[0].body as { text?: string; blocks?: unknown[] })).toContain("I couldn't post in this channel (not_in_channel)");
    await postSigned(app.url, body, { retryNum: 1 });
    expect(readableText(app.slack.callsTo("response_url")[1].body as { text?: string })).toContain("Posted the Change Status Report as at 4 Oct 2019");
    expect(app.slack.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it("/mod help lists /mod report", async () => {
    expect(readableText((await app.command("help")).json())).toContain("/mod report [AS-OF DATE]");
  });
});
