import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDemoRegister } from "../../src/data/register/registerSources.ts";
import { TEST_SIGNING_SECRET } from "../support/slackRequests.ts";
import { readableText, startTestApp, type TestApp } from "../support/testApp.ts";

// With MODBOT_PUBLIC_URL set, status cards link each reference to its register page, and a
// register link pasted in Slack unfurls into the status card: a signed link_shared
// event_callback in, chat.unfurl out to the fake Web API.

const PUBLIC = "https://register.example.org";
const HOSTILE = "Tags <b> & <!channel> *bold* | pipe";

async function postEvent(url: string, event: Record<string, unknown>) {
  const body = JSON.stringify({
    token: "legacy",
    team_id: "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: `Ev${Math.random().toString(36).slice(2, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", TEST_SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex");
  return fetch(`${url}/slack/events`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": `v0=${signature}` },
    body,
  });
}

describe("register links in Slack", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      database: "embedded",
      web: { publicUrl: PUBLIC },
      seed: async (db) => {
        await importDemoRegister(db.prisma);
        await db.prisma.modification.update({ where: { reference: "MP079" }, data: { title: HOSTILE } });
      },
    });
  });
  afterAll(() => app?.close());

  it("links the status card's reference to its register page", async () => {
    const card = (await app.command("status mp53")).json();
    expect(JSON.stringify(card.blocks)).toContain(`<${PUBLIC}/register/SECMP0053|SECMP0053>`);
  });

  it("links the report summary's late assessments to their pages", async () => {
    app.slack.reset();
    await app.command("report 1 Oct 2019", { channelId: "CPANEL" });
    const [post] = app.slack.callsTo("chat.postMessage");
    expect(JSON.stringify(post!.body.blocks)).toContain(`<${PUBLIC}/register/SECMP0024|SECMP0024>`);
  });

  it("unfurls a pasted register link into the status card", async () => {
    const links = [
      { domain: "register.example.org", url: `${PUBLIC}/register/secmp24` },
      { domain: "register.example.org", url: `${PUBLIC}/register/MP079` },
      { domain: "register.example.org", url: `${PUBLIC}/register/MP999` },
      { domain: "register.example.org", url: `${PUBLIC}/reports` },
    ];
    const response = await postEvent(app.url, { type: "link_shared", channel: "C1", user: "U1", message_ts: "1700000000.000100", links });
    expect(response.status).toBe(200);
    const [call] = app.slack.callsTo("chat.unfurl");
    expect(call).toBeDefined();
    expect(call!.body.channel).toBe("C1");
    expect(call!.body.ts).toBe("1700000000.000100");
    const unfurls = typeof call!.body.unfurls === "string" ? JSON.parse(call!.body.unfurls as string) : call!.body.unfurls;
    expect(Object.keys(unfurls).sort()).toEqual([`${PUBLIC}/register/MP079`, `${PUBLIC}/register/secmp24`]);
    const secmp24 = readableText({ blocks: unfurls[`${PUBLIC}/register/secmp24`].blocks });
    const status = readableText((await app.command("status SECMP0024")).json());
    expect(secmp24).toContain("SECMP0024 · Enduring Approach to Communication Hub Firmware Management");
    const lateness = /⚠ Late: (.+)/.exec(status)![1]!.trim();
    expect(secmp24).toContain(lateness);
    // What people typed can't become mentions, links or broken markup.
    const hostile = JSON.stringify(unfurls[`${PUBLIC}/register/MP079`].blocks);
    expect(hostile).toContain("Tags &lt;b&gt; &amp; &lt;!channel&gt;");
    expect(hostile).not.toContain("<!channel>");
    for (const block of unfurls[`${PUBLIC}/register/MP079`].blocks) {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
  });

  it("leaves links that are not register pages alone", async () => {
    const before = app.slack.callsTo("chat.unfurl").length;
    await postEvent(app.url, { type: "link_shared", channel: "C1", user: "U1", message_ts: "1700000000.000200", links: [{ domain: "example.com", url: "https://example.com/register/SECMP0053" }] });
    expect(app.slack.callsTo("chat.unfurl").length).toBe(before);
  });
});
