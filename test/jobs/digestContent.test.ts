import { describe, expect, it } from "vitest";
import type { DigestData } from "../../src/data/digest.ts";
import { parseIsoDate } from "../../src/domain/calendarDate.ts";
import { buildDigest } from "../../src/jobs/digestContent.ts";
import { digestMessages } from "../../src/slack/blocks/digest.ts";
import { readableText } from "../support/testApp.ts";

const day = parseIsoDate;
const m = (reference: string, title = `Title of ${reference}`) => ({ reference, title });

function emptyData(): DigestData {
  return { transitions: [], votes: [], decisions: [], releasesImplemented: [], upcomingReleases: [], releaseRevisions: [], openAssessments: [], consultations: [], meetings: [] };
}

function lateAssessments(count: number): DigestData["openAssessments"] {
  return Array.from({ length: count }, (_, i) => ({
    modification: m(`MP${String(100 + i).padStart(3, "0")}`, `A long modification title that goes on about consignments and firmware ${i}`),
    type: "PA" as const,
    status: "IN_PROGRESS" as const,
    acceptedOn: day("2019-05-29"),
    targetDurationWd: 15,
    targetDate: null,
    deliveredOn: null,
  }));
}

const options = { today: day("2019-10-07"), since: new Date("2019-09-30T08:00:00Z"), sinceDate: day("2019-09-30"), firstDigest: false };

describe("the digest's content", () => {
  it("says what changed, what is due in five working days and what is late", () => {
    const data: DigestData = {
      ...emptyData(),
      transitions: [
        { modification: m("DP090"), fromStatus: null, toStatus: "DRAFT_RAISED", event: "Raised", occurredOn: day("2019-10-02"), actor: "Northern Powergrid" },
        { modification: m("MP080"), fromStatus: "READY_FOR_PANEL", toStatus: "IN_REFINEMENT", event: "Converted to a Modification Proposal by the Panel", occurredOn: day("2019-10-01"), actor: "SEC Panel" },
      ],
      votes: [{ modification: m("MP076"), heldOn: day("2019-10-03"), outcome: "APPROVE", effect: "RECOMMENDATION" }],
      decisions: [{ modification: m("MP070"), decidedOn: day("2019-10-04"), outcome: "SENT_BACK" }],
      releaseRevisions: [{ releaseName: "November 2019 SEC Release", requestedOn: day("2019-10-01"), requestedDate: day("2019-11-24"), status: "PENDING" }],
      openAssessments: [
        // Due Fri 11 Oct (within the five working days to Fri 11 Oct)...
        { modification: m("MP081"), type: "IA", status: "IN_PROGRESS", acceptedOn: day("2019-08-16"), targetDurationWd: 40, targetDate: null, deliveredOn: null },
        // ...due Mon 14 Oct: not yet...
        { modification: m("MP082"), type: "PA", status: "IN_PROGRESS", acceptedOn: day("2019-09-24"), targetDurationWd: 15, targetDate: null, deliveredOn: null },
        // ...78 WD over its 15 WD as at 7 Oct (74 as at 1 Oct), and past DCC's revised date...
        { modification: m("SECMP0024"), type: "PA", status: "REQUESTED", acceptedOn: day("2019-05-29"), targetDurationWd: 15, targetDate: day("2019-07-05"), deliveredOn: null },
        // ...and over its 40 WD (due 27 Aug), with DCC's revised date Wed 9 Oct still to come.
        { modification: m("SECMP0056"), type: "IA", status: "IN_PROGRESS", acceptedOn: day("2019-07-02"), targetDurationWd: 40, targetDate: day("2019-10-09"), deliveredOn: null },
      ],
      consultations: [
        { modification: m("MP083"), kind: "REFINEMENT", status: "OPEN", opensOn: null, closesOn: day("2019-10-09"), openWorkingDays: null, expectedWeekCommencing: null },
      ],
      meetings: [{ heldOn: day("2019-10-09"), references: ["MP076"] }],
      upcomingReleases: [{ name: "Standalone release", on: day("2019-10-10"), references: ["MP071"] }],
    };
    const content = buildDigest(data, options);
    const [changes, due, late] = content.sections;
    expect(changes.heading).toBe("What changed since the last digest (30 Sep 2019)");
    expect(changes.lines.map((l) => l.text)).toEqual([
      "➡️ *MP080* Title of MP080 — Define → Refine: Converted to a Modification Proposal by the Panel (1 Oct 2019)",
      "📅 November 2019 SEC Release: a move to 24 Nov 2019 was requested on 1 Oct 2019 (pending)",
      "🆕 *DP090* Title of DP090 — new Draft Proposal, raised by Northern Powergrid on 2 Oct 2019",
      "🗳 *MP076* Title of MP076 — Change Board 3 Oct 2019: approval (recommendation to the Authority)",
      "⚖️ *MP070* Title of MP070 — the Authority sent it back to the Working Group on 4 Oct 2019",
    ]);
    expect(due.heading).toBe("Due in the next 5 working days (to Fri 11 Oct 2019)");
    expect(due.lines.map((l) => l.text)).toEqual([
      "🎯 *SECMP0056* Title of SECMP0056 — DCC IA: DCC's revised date Wed 9 Oct 2019, already 29 WD over its 40 WD target",
      "📝 *MP083* Title of MP083 — Refinement Consultation closes Wed 9 Oct 2019",
      "🗳 Change Board meets Wed 9 Oct 2019 (MP076)",
      "🚀 Standalone release on Thu 10 Oct 2019: MP071",
      "🎯 *MP081* Title of MP081 — DCC IA due Fri 11 Oct 2019 (40 WD, accepted 16 Aug 2019)",
    ]);
    // The verdict of the status card and the nudges; a stored "Requested" over an accepted date doesn't hide it.
    expect(late.lines.map((l) => l.text)).toEqual([
      "⚠️ *SECMP0024* Title of SECMP0024 — DCC PA 93 of 15 WD, due 18 Jun 2019: *78 WD over the 15 WD target and 65 WD past DCC's revised date 5 Jul 2019*",
      "⚠️ *SECMP0056* Title of SECMP0056 — DCC IA 69 of 40 WD, due 27 Aug 2019: *29 WD over the 40 WD target; DCC's revised date 9 Oct 2019 not yet passed*",
    ]);
    expect(content.summary).toBe("Modifications digest 7 Oct 2019: 5 changes, 5 due by 11 Oct 2019, 2 late DCC assessments.");
  });

  it("says a Change Board meeting that was not quorate decided nothing", () => {
    const votes: DigestData["votes"] = [
      { modification: m("SECMP0053"), heldOn: day("2019-10-02"), outcome: "NOT_QUORATE", effect: "RECOMMENDATION" },
      { modification: m("MP079"), heldOn: day("2019-10-03"), outcome: "NOT_QUORATE", effect: "DECISION" },
    ];
    expect(buildDigest({ ...emptyData(), votes }, options).sections[0]!.lines.map((l) => l.text)).toEqual([
      "🗳 *SECMP0053* Title of SECMP0053 — Change Board 2 Oct 2019: not quorate, so no recommendation to the Authority",
      "🗳 *MP079* Title of MP079 — Change Board 3 Oct 2019: not quorate, so no self-governance decision",
    ]);
  });

  it("names the raising party of a proposal raised from Slack, not the user who logged it", () => {
    const raised = (reference: string, raisedBy: string | null) => ({
      modification: m(reference),
      fromStatus: null,
      toStatus: "DRAFT_RAISED" as const,
      event: "Draft Proposal raised",
      occurredOn: day("2019-10-02"),
      actor: "UANN",
      raisedBy,
    });
    const content = buildDigest({ ...emptyData(), transitions: [raised("DP091", "Shell Energy"), raised("DP092", null)] }, options);
    expect(content.sections[0]!.lines.map((l) => l.text)).toEqual([
      "🆕 *DP091* Title of DP091 — new Draft Proposal, raised by Shell Energy on 2 Oct 2019",
      "🆕 *DP092* Title of DP092 — new Draft Proposal, raised by <@UANN> on 2 Oct 2019",
    ]);
  });

  it("says so when a section is empty, and offers each modification's status card", () => {
    const [message, ...more] = digestMessages(buildDigest({ ...emptyData(), openAssessments: lateAssessments(2) }, options));
    expect(more).toEqual([]);
    const text = readableText(message);
    expect(text).toContain("📋 Modifications digest · 7 Oct 2019");
    expect(text).toContain("Nothing new since the last digest (30 Sep 2019).");
    expect(text).toContain("Nothing falls due in the next five working days.");
    const menu = (message.blocks.at(-1) as any).elements[0];
    expect(menu.action_id).toBe("digest.open_status");
    expect(menu.options.map((o: any) => o.value)).toEqual(["MP100", "MP101"]);
  });

  it("continues a long digest in more messages, each within Slack's limits", () => {
    const messages = digestMessages(buildDigest({ ...emptyData(), openAssessments: lateAssessments(1000) }, options));
    expect(messages.length).toBeGreaterThan(1);
    const seen = new Set<string>();
    messages.forEach((message, index) => {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      for (const block of message.blocks as any[]) {
        if (block.type === "section") expect(block.text.text.length).toBeLessThanOrEqual(3000);
        if (block.type === "actions") {
          expect(block.elements[0].options.length).toBeLessThanOrEqual(100);
          for (const option of block.elements[0].options) {
            expect(option.text.text.length).toBeLessThanOrEqual(75);
            seen.add(option.value);
          }
        }
      }
      if (index > 0) expect(readableText(message)).toContain(`Digest continued (${index + 1} of ${messages.length})`);
    });
    // Every late assessment is listed once, and each has its status card on offer somewhere.
    const all = messages.map((message) => readableText(message)).join("\n");
    expect(all.match(/⚠️/g)?.length).toBe(1000);
    expect(seen.size).toBe(1000);
  });
  it("links each reference to its register page when MODBOT_PUBLIC_URL is set, and to nothing when not", () => {
    const data: DigestData = {
      ...emptyData(),
      transitions: [{ modification: m("DP090"), fromStatus: null, toStatus: "DRAFT_RAISED", event: "Raised", occurredOn: day("2019-10-02"), actor: "Northern Powergrid" }],
      openAssessments: [
        { modification: m("SECMP0024"), type: "PA", status: "REQUESTED", acceptedOn: day("2019-05-29"), targetDurationWd: 15, targetDate: day("2019-07-05"), deliveredOn: null },
      ],
      meetings: [{ heldOn: day("2019-10-09"), references: ["MP076"] }],
    };
    const publicUrl = "https://register.example.org";
    const linked = JSON.stringify(digestMessages(buildDigest(data, { ...options, publicUrl })).map((message) => message.blocks));
    expect(linked).toContain(`<${publicUrl}/register/SECMP0024|SECMP0024>`);
    expect(linked).toContain(`<${publicUrl}/register/DP090|DP090>`);
    expect(linked).toContain(`(<${publicUrl}/register/MP076|MP076>)`);
    const plain = digestMessages(buildDigest(data, options));
    const plainJson = JSON.stringify(plain.map((message) => message.blocks));
    expect(plainJson).toContain("*SECMP0024*");
    expect(plainJson).not.toContain("<http");
    expect(plainJson).not.toContain("/register/");
  });
});
