import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCsvRegister } from "../../src/data/register/registerSources.ts";
import { csvColumns } from "../../src/data/register/csvRegister.ts";
import { ADMIN, lastOpenedView, startFlowApp, submit } from "../flows/support.ts";
import { readableText, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";

// What people write reaches Slack escaped: a title, party name, note, release name or typed word
// with mention or link markup can't ping a channel or post a disguised link, in blocks or in the
// fallback text. Mentions and links are only ever our own.

const HOSTILE = "<!channel> <!here> <!everyone> <@U1> <#C1> <https://x|y> *b* _i_ ~s~ &amp;";
const RAW = ["<!channel>", "<!here>", "<!everyone>", "<@U1>", "<#C1>", "<https://x|y>"];
const DCC = "UDCC1";

/**
 * Every markup token that reached Slack raw where Slack reads markup: mrkdwn text and fallback
 * `text`, in what the fake recorded and in the acknowledgements. (plain_text, input values and
 * field errors are shown as typed; Slack parses no markup there.)
 */
function rawMarkup(app: TestApp, acks: unknown[] = []): string[] {
  const read: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const object = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(object)) {
      if (key === "text" && typeof value === "string" && object.type !== "plain_text") read.push(value);
      else if (key === "view" && typeof value === "string") walk(JSON.parse(value));
      else if (key === "blocks" && typeof value === "string") walk(JSON.parse(value));
      else if (typeof value === "object" && key !== "errors") walk(value);
    }
  };
  walk([...app.slack.calls.map((c) => c.body), ...acks]);
  const sent = read.join("\n");
  return RAW.filter((token) => sent.includes(token));
}

describe.each(databaseKinds)("hostile text (%s database)", (database) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startFlowApp(database);
    await app.command(`admin role <@${DCC}> dcc`, { userId: ADMIN });
  });
  afterAll(() => app?.close());

  it("raises a proposal with a hostile title and a new party of a hostile name, escaped everywhere", async () => {
    app.slack.reset();
    await app.command("raise", { userId: ADMIN, channelId: "CPROPS" });
    const view = lastOpenedView(app);
    const response = await submit(app, view, {
      title: `Title ${HOSTILE}`,
      new_party: `Party ${HOSTILE}`.slice(0, 100),
      new_party_category: { option: "LARGE_SUPPLIER" },
      raised_on: "30 Sep",
      summary: `Summary ${HOSTILE}`,
      path: { option: "SELF_GOVERNANCE" },
    });
    expect(response.status).toBe(200);
    const posted = app.slack.callsTo("chat.postMessage").at(-1)!.body as { text: string; blocks: unknown[] };
    expect(posted.text).toContain("&lt;!channel&gt;");
    // Read as a person would, the title is exactly what was typed.
    expect(readableText(posted as never)).toContain("<!channel> <!here>");
    const reference = /DP\d+/.exec(posted.text)![0];
    const status = await app.command(`status ${reference}`);
    const history = await app.command(`history ${reference}`);
    const list = await app.command("list all");
    expect(readableText(status.json())).toContain(`Title <!channel>`);
    expect(rawMarkup(app, [response.json(), status.json(), history.json(), list.json()])).toEqual([]);
  });

  it("echoes a hostile typed reference or word escaped, in every subcommand", async () => {
    app.slack.reset();
    const acks: unknown[] = [];
    for (const text of [
      `status ${HOSTILE}`,
      `history ${HOSTILE}`,
      `list ${HOSTILE}`,
      `jobs ${HOSTILE}`,
      `dcc ${HOSTILE}`,
      `vote ${HOSTILE}`,
      `move ${HOSTILE}`,
      `move SECMP0053 ${HOSTILE}`,
      `admin ${HOSTILE}`,
      `admin role <@U9> ${HOSTILE}`,
      `admin role <@U9> change-board ${HOSTILE}`,
      `unsubscribe ${HOSTILE}`,
      `subscribe ${HOSTILE}`,
      `report ${HOSTILE}`,
      `workdays ${HOSTILE}`,
      `release ${HOSTILE}`,
      `release revise ${HOSTILE} to 1 Jan 2027`,
      `help ${HOSTILE}`,
      `${HOSTILE}`,
    ]) {
      // Typed character by character, and with the mentions and links picked from Slack's menus.
      for (const typedLiterally of [true, false]) {
        const response = await app.command(text, { userId: ADMIN, typedLiterally });
        expect(response.status, text).toBe(200);
        if (response.text) acks.push(response.json());
      }
    }
    expect(rawMarkup(app, acks)).toEqual([]);
  });

  it("assigns a standalone release with a hostile name and says so in the channel, escaped", async () => {
    app.slack.reset();
    const response = await app.command(`release SECMP0025 standalone "${HOSTILE}" on 1 Jan 2027`, { userId: ADMIN, typedLiterally: true });
    expect(readableText(response.json())).toContain("<!channel>");
    const status = await app.command("status SECMP0025");
    expect(readableText(status.json())).toContain("<!channel> <!here>");
    expect(rawMarkup(app, [response.json(), status.json()])).toEqual([]);
  });

  it("shows a hostile DCC note escaped in the history and the form", async () => {
    app.slack.reset();
    await app.command("dcc SECMP0024", { userId: DCC });
    const saved = await submit(app, lastOpenedView(app), { note: `Note ${HOSTILE}` }, { userId: DCC });
    const history = await app.command("history SECMP0024");
    expect(readableText(history.json())).toContain("Note <!channel>");
    await app.command("dcc SECMP0024", { userId: DCC });
    const status = await app.command("status SECMP0024");
    expect(rawMarkup(app, [saved.json(), history.json(), status.json()])).toEqual([]);
  });

  it("imports a CSV register with hostile titles, notes and names, and shows them escaped", async () => {
    app.slack.reset();
    const row: Record<string, string> = Object.fromEntries(csvColumns.map((c) => [c, ""]));
    Object.assign(row, { reference: "MP901", title: `CSV ${HOSTILE}`, status: "IN_REFINEMENT", raised_by: `Csv party ${HOSTILE}`, raised_by_category: "LARGE_SUPPLIER", raised_on: "2019-09-01", dcc_note: `DCC ${HOSTILE}`, on_hold: "yes", on_hold_reason: `Hold ${HOSTILE}` });
    const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
    const csv = `${csvColumns.join(",")}\n${csvColumns.map((c) => quote(row[c]!)).join(",")}\n`;
    const imported = await importCsvRegister(app.db.prisma, csv, "2019-10-01");
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    const status = await app.command("status MP901");
    const list = await app.command("list refine");
    expect(readableText(status.json())).toContain("CSV <!channel>");
    expect(rawMarkup(app, [status.json(), list.json()])).toEqual([]);
  });
});
