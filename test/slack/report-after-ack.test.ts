import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDemoRegister } from "../../src/data/register/registerSources.ts";
import { readableText, startTestApp, type TestApp } from "../support/testApp.ts";

// /mod report as production runs it (the response goes out at ack()): the acknowledgement does not
// wait for the report to be built, posted and uploaded; that work carries on in the same request,
// so the supervision counts it in flight and shutdown (which waits for supervision.idle()) waits
// for it; what came of it reaches the person on response_url.

describe("/mod report's posting after the acknowledgement", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      database: "embedded",
      now: () => new Date("2019-10-04T10:00:00Z"),
      processBeforeResponse: false,
      seed: (db) => importDemoRegister(db.prisma).then(() => undefined),
    });
  });
  afterAll(() => app?.close());

  const followUps = () => app.slack.callsTo("response_url").map((call) => readableText(call.body as { text?: string; blocks?: unknown[] }));

  it("acknowledges before the summary is posted, and shutdown's wait covers the posting", async () => {
    app.slack.reset();
    // Slack holds the summary's post well past the acknowledgement, so the ack can't have waited for it.
    app.slack.failNext("chat.postMessage", { hangFor: 4000 });
    const response = await app.command("report 4 Oct 2019", { channelId: "CPANEL" });
    expect(response.status).toBe(200);
    expect(readableText(response.json())).toBe("Building the Change Status Report as at 4 Oct 2019; it will appear in this channel in a moment.");
    expect(app.slack.uploadedFiles).toHaveLength(0);
    expect(followUps()).toEqual([]);
    expect(app.slackApp.supervision.inFlight()).toBe(1);

    await app.slackApp.supervision.idle();
    expect(app.slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(app.slack.uploadedFiles.map((file) => file.filename).sort()).toEqual([
      "change-status-report-2019-10-04-stages.png",
      "change-status-report-2019-10-04.html",
      "change-status-report-2019-10-04.md",
      "change-status-report-2019-10-04.pdf",
    ]);
    expect(followUps()).toEqual([
      "Posted the Change Status Report as at 4 Oct 2019 in this channel, with the full report (PDF, Markdown, HTML) and the chart in its thread.",
    ]);
  });

  it("tells the asker, on response_url, when the posting after the ack fails", async () => {
    app.slack.reset();
    app.slack.failNext("chat.postMessage", { error: "channel_not_found" });
    const response = await app.command("report 4 Oct 2019", { channelId: "CGONE" });
    expect(readableText(response.json())).toContain("Building the Change Status Report as at 4 Oct 2019");
    await app.slackApp.supervision.idle();
    const [told] = app.slack.callsTo("response_url");
    expect((told.body as { response_type?: string }).response_type).toBe("ephemeral");
    expect(followUps()[0]).toContain("I couldn't post in this channel (channel_not_found)");
    expect(app.slack.uploadedFiles).toHaveLength(0);
  });
});
