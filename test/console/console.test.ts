import type { App } from "@slack/bolt";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runModbot } from "../support/cli.ts";
import { parseConsoleArgs } from "../../src/console/consoleOptions.ts";
import { runConsole } from "../../src/console/session.ts";
import { openDatabase, type DatabaseTarget } from "../../src/data/database.ts";
import { createServerDatabase, databaseKinds } from "../support/testDatabase.ts";

// The console driven as a person would drive it: a scripted stdin, the real app and database,
// and the text it prints.

async function consoleSession(args: {
  script: string[];
  flags?: string[];
  database: DatabaseTarget;
  dataDir: string;
  extendApp?: (app: App) => void;
}): Promise<string> {
  const parsed = parseConsoleArgs(args.flags ?? ["--as-of", "2019-10-04"]);
  if (!parsed.ok) throw new Error(parsed.message);
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on("data", (chunk) => chunks.push(String(chunk)));
  const code = await runConsole({
    input: Readable.from([args.script.map((line) => `${line}\n`).join("")]),
    output,
    dataDir: args.dataDir,
    database: args.database,
    options: parsed.options,
    echo: true,
    extendApp: args.extendApp,
  });
  expect(code).toBe(0);
  return chunks.join("");
}

/** A form using the field types the write flows use, with an options listener and a validating submission handler. */
function tryForm(submitted: Record<string, any>[]) {
  return (app: App) => {
    app.command("/try", async ({ ack, body, client }) => {
      await ack();
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: "modal",
          callback_id: "try_form",
          title: { type: "plain_text", text: "Try a form" },
          submit: { type: "plain_text", text: "Raise" },
          blocks: [
            { type: "section", text: { type: "mrkdwn", text: "*Raise a test proposal*" } },
            {
              type: "input",
              block_id: "title",
              label: { type: "plain_text", text: "Title" },
              hint: { type: "plain_text", text: "What the change is, in a line" },
              element: { type: "plain_text_input", action_id: "value", min_length: 5 },
            },
            {
              type: "input",
              block_id: "category",
              label: { type: "plain_text", text: "Category" },
              element: {
                type: "static_select",
                action_id: "value",
                initial_option: { text: { type: "plain_text", text: "Small Supplier" }, value: "SMALL_SUPPLIER" },
                options: [
                  { text: { type: "plain_text", text: "Large Supplier" }, value: "LARGE_SUPPLIER" },
                  { text: { type: "plain_text", text: "Small Supplier" }, value: "SMALL_SUPPLIER" },
                ],
              },
            },
            {
              type: "input",
              block_id: "raised",
              optional: true,
              label: { type: "plain_text", text: "Raised on" },
              element: { type: "datepicker", action_id: "value" },
            },
            {
              type: "input",
              block_id: "party",
              label: { type: "plain_text", text: "Raised by" },
              element: { type: "external_select", action_id: "party_search" },
            },
            {
              type: "input",
              block_id: "notes",
              optional: true,
              label: { type: "plain_text", text: "Notes" },
              element: { type: "plain_text_input", action_id: "value", multiline: true, initial_value: "none" },
            },
          ],
        },
      });
    });
    app.options("party_search", async ({ ack, options }) => {
      const parties = [
        { text: { type: "plain_text" as const, text: "Northern Powergrid" }, value: "NPG" },
        { text: { type: "plain_text" as const, text: "Energy Savings Trust" }, value: "EST" },
      ];
      await ack({ options: parties.filter((p) => p.text.text.toLowerCase().includes(options.value.toLowerCase())) });
    });
    app.view("try_form", async ({ ack, view, body, client }) => {
      const values = view.state.values;
      submitted.push(values);
      if (/bad/.test(values.title.value.value ?? "")) {
        await ack({ response_action: "errors", errors: { title: "A title can't say bad. Describe the change." } });
        return;
      }
      await ack();
      await client.chat.postMessage({
        channel: "CCONSOLE",
        text: "raised",
        blocks: [
          {
            type: "section",
            text: {
              type: "mrkdwn",
              text: `*${values.title.value.value}* raised by <@${body.user.id}> for ${values.category.value.selected_option?.value} on ${values.raised.value.selected_date} (${values.party.party_search.selected_option?.text.text})`,
            },
          },
          { type: "actions", elements: [{ type: "button", action_id: "try_again", text: { type: "plain_text", text: "Again" }, value: "again" }] },
        ],
      });
    });
    app.action("try_again", async ({ ack, respond, body }) => {
      await ack();
      await respond({ response_type: "ephemeral", text: `Again pressed by ${body.user.id}` });
    });
  };
}

describe.each(databaseKinds)("modbot console (%s database)", (kind) => {
  let dataDir: string;
  let database: DatabaseTarget;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "modbot-console-"));
    if (kind === "embedded") database = { kind: "embedded", dataDir: join(dataDir, "db") };
    else {
      const server = await createServerDatabase();
      database = { kind: "server", url: server.url };
      drop = server.drop;
    }
  });
  afterAll(async () => {
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("loads the demo register on first run, looks up a modification and shows its buttons as choices", async () => {
    const out = await consoleSession({ database, dataDir, script: ["/mod status secmp53", "status mp999", "exit"] });
    expect(out).toMatch(/The database had no modifications, so I loaded the demo register .* \d+ modifications/);
    expect(out).toContain("You are Analyst (@Analyst, UCONSOLEANALYST): administrator.");
    expect(out).toContain("The bot's clock says 4 Oct 2019");
    expect(out).toContain("┌ modbot · only visible to you\n│ SECMP0053 · Amend Target Response Times");
    expect(out).toContain("│ Next  Modification Report Consultation, expected w/c 14 Oct 2019, open 15 working days");
    expect(out).toContain("│ As at 4 Oct 2019");
    expect(out).toContain("│ [1] History   [2] Log DCC dates   [3] Record vote");
    expect(out).toContain("(as /mod status mp999)");
    expect(out).toContain("│ I couldn't find MP999. Did you mean MP079");
    const saved = out.match(/└ saved (\S+\.json)/)![1];
    expect(JSON.parse(readFileSync(saved, "utf8")).blocks[0].text.text).toContain("SECMP0053");
    expect(out).toMatch(/Bye\. Everything the bot sent this session is in .*console[/\\]session-/);
  });

  it("does not load the demo register again, and ends cleanly at the end of the input", async () => {
    const out = await consoleSession({ database, dataDir, script: ["/mod workdays 30 Sep 2019 + 15"] });
    expect(out).not.toContain("loaded the demo register");
    expect(out).toContain("18 Oct 2019");
    expect(out).toContain("Bye.");
  });

  it("turns a modal into prompts, re-asks a field the handler rejects, and submits through the same handlers", async () => {
    const submitted: Record<string, any>[] = [];
    const out = await consoleSession({
      database,
      dataDir,
      extendApp: tryForm(submitted),
      script: [
        "/try",
        "abc", // too short for Slack's min_length
        "bad title",
        "large",
        "next blursday",
        "yesterday", // read on the --as-of date, 4 Oct 2019
        "north",
        "1",
        "", // notes: keeps its initial value
        "", // submit → the handler answers with an error on the title
        "A good title",
        "", // submit again
        "1", // the message's "Again" button
        "exit",
      ],
    });
    expect(out).toContain("┌ modbot · form: Try a form\n│ Raise a test proposal");
    expect(out).toContain("  1. Title\n     What the change is, in a line");
    expect(out).toContain("⚠ Please enter at least 5 characters (you typed 3).");
    expect(out).toContain("  2. Category [Small Supplier]\n    1) Large Supplier\n    2) Small Supplier");
    expect(out).toContain(`⚠ "next blursday" isn't a date I understand.`);
    expect(out).toContain("→ 3 Oct 2019");
    expect(out).toContain("    1) Northern Powergrid");
    expect(out).toContain("  5. Notes (optional) [none]");
    expect(out).toContain("⚠ Title: A title can't say bad. Describe the change.");
    expect(out).toContain("(form submitted: Try a form)");
    expect(out).toContain("┌ modbot · in #modbot-console\n│ A good title raised by @Analyst for LARGE_SUPPLIER on 2019-10-03 (Northern Powergrid)");
    expect(out).toContain("│ Again pressed by UCONSOLEANALYST");
    expect(submitted).toHaveLength(2);
    expect(submitted[1]).toEqual({
      title: { value: { type: "plain_text_input", value: "A good title" } },
      category: {
        value: { type: "static_select", selected_option: { text: { type: "plain_text", text: "Large Supplier" }, value: "LARGE_SUPPLIER" } },
      },
      raised: { value: { type: "datepicker", selected_date: "2019-10-03" } },
      party: {
        party_search: { type: "external_select", selected_option: { text: { type: "plain_text", text: "Northern Powergrid" }, value: "NPG" } },
      },
      notes: { value: { type: "plain_text_input", value: "none" } },
    });
  });

  it("closes a form on /cancel without submitting", async () => {
    const submitted: Record<string, any>[] = [];
    const out = await consoleSession({ database, dataDir, extendApp: tryForm(submitted), script: ["/try", "/cancel", "exit"] });
    expect(out).toContain("(form closed without submitting: Try a form)");
    expect(submitted).toEqual([]);
  });

  it("says when a button has no handler, and when there is no such choice", async () => {
    const out = await consoleSession({ database, dataDir, script: ["7", "/mod status SECMP0053", "9", "exit"] });
    expect(out).toContain("There are no buttons to press yet.");
    expect(out).toContain("There's no 9 in the last message with buttons; pick 1 to 5.");
  });

  it("tries the permission rules as another user with another role", async () => {
    const out = await consoleSession({ database, dataDir, flags: ["--user", "Bob", "--role", "viewer"], script: ["/mod jobs", "exit"] });
    expect(out).toContain("You are Bob (@Bob, UCONSOLEBOB): viewer.");
    expect(out).toContain("needs the administrator role");
    const again = await consoleSession({
      database,
      dataDir,
      flags: ["--user", "Bob", "--role", "change-board:Large Supplier"],
      script: ["exit"],
    });
    expect(again).toContain("You are Bob (@Bob, UCONSOLEBOB): Change Board (Large Supplier).");
    const db = await openDatabase(database);
    try {
      expect(await db.prisma.userRole.findMany({ where: { userId: "UCONSOLEBOB" }, select: { role: true, category: true } })).toEqual([
        { role: "CHANGE_BOARD", category: "LARGE_SUPPLIER" },
      ]);
    } finally {
      await db.close();
    }
  });

  it("raises a proposal through the real modal's prompts, re-asking the one field the app refused, then shows it", async () => {
    const out = await consoleSession({
      database,
      dataDir,
      script: [
        "/mod raise",
        "Wi-Fi hubs for smart meters",
        "north", // Raising party: the one choice containing it
        "", // …or a new party
        "", // New party's category
        "next blursday", // a text field: the app, not the console, refuses it on submit
        "Hubs need Wi-Fi.",
        "", // Proposed solution (optional)
        "", // Who is impacted (optional)
        "", // SEC documents affected (optional)
        "", // Lead analyst (optional)
        "", // path: keeps Authority Determined
        "", // submit → the date is refused
        "yesterday",
        "", // submit again
        "1", // View status under the channel's confirmation
        "exit",
      ],
    });
    expect(out).toContain("┌ modbot · form: Raise a Draft Proposal");
    expect(out).toContain(`  ⚠ Date raised: "next blursday" isn't a date I understand. Try "30 Sep 2019", "next Friday" or "2019-09-30".`);
    expect(out).toContain("  5. Date raised [next blursday]");
    const reference = out.match(/│ 📝 (DP\d{3}) · Wi-Fi hubs for smart meters/)?.[1];
    expect(reference).toBeDefined();
    expect(out).toContain(`│ Draft Proposal raised by Northern Powergrid on 3 Oct 2019 · Authority Determined · logged by @Analyst`);
    expect(out).toContain(`│ ${reference} raised: Wi-Fi hubs for smart meters`);
    expect(out).toContain(`│ ${reference} · Wi-Fi hubs for smart meters\n│ Stage  Define · Draft Proposal raised`);
    expect(out).toContain("│ Path  Path 2: Authority Determined\n│ Raised  by Northern Powergrid on 3 Oct 2019");
    // Only the date was asked again; the title was asked once.
    expect(out.match(/1\. Title/g)).toHaveLength(1);
  });

  it("logs DCC dates through the real modal: Enter in the accepted date shows the target and goes on, a bad group id is re-asked", async () => {
    const out = await consoleSession({
      database,
      dataDir,
      flags: ["--as-of", "2019-10-04", "--user", "Dee", "--role", "dcc"],
      script: [
        "/mod dcc SECMP0024",
        "", // request received
        "29 May 2019", // accepted: typed, so the app recomputes the target
        "", // duration
        "", // DCC's revised date: keeps the one Appendix A gives
        "yesterday", // delivered
        "delivered",
        "", // note
        "", // person
        "@dcc-assessments", // a handle, not an id: refused on submit
        "", // submit
        "S0123ABCD",
        "", // submit again
        "/mod status SECMP0024",
        "exit",
      ],
    });
    expect(out).toContain("┌ modbot · form: SECMP0024 · PA");
    expect(out).toContain("┌ modbot · form updated: SECMP0024 · PA\n│ Now: PA in progress · accepted 29 May 2019");
    // The demo register's target is DCC's revised one (Appendix A), shown beside the original.
    expect(out).toContain("│ Target 18 Jun 2019: working day 15 counting 29 May 2019 as day 1. DCC's revised date 5 Jul 2019 is the agreed one");
    // The form goes on from the field after the accepted date rather than starting again.
    expect(out.match(/1\. Working Group request received/g)).toHaveLength(1);
    expect(out).toContain("  ⚠ …or a user group's ID: \"@dcc-assessments\" isn't a user group id.");
    expect(out).toContain("│ Saved SECMP0024's PA.");
    expect(out).toContain("Late nudges mention @S0123ABCD.");
    expect(out).toContain("│ DCC  PA delivered 3 Oct 2019");
  });

  it("keeps a value on Enter without pressing Enter in the field: no recompute loop, and an unchanged form saves nothing", async () => {
    const out = await consoleSession({
      database,
      dataDir,
      flags: ["--as-of", "2019-10-04", "--user", "Dee", "--role", "dcc"],
      script: ["/mod dcc SECMP0066", "", "", "", "", "", "", "", "", "", "", "exit"],
    });
    expect(out).not.toContain("form updated");
    expect(out.match(/2\. Request accepted by the DCC/g)).toHaveLength(1);
    // Said by the app, not taken for the earlier session's first form: each session's view ids are its own.
    expect(out).toContain("│ Nothing to save: SECMP0066's PA already says that.");
  });

  it("refuses a Change Board vote to someone with another role, and says who can fix it", async () => {
    const out = await consoleSession({ database, dataDir, flags: ["--user", "Dee", "--role", "dcc"], script: ["/mod vote MP076", "exit"] });
    expect(out).toContain("You are Dee (@Dee, UCONSOLEDEE): DCC.");
    expect(out).toContain(
      `┌ modbot · only visible to you\n│ Recording Change Board votes needs the Change Board role. An administrator can add you with /mod admin role @you change-board "Large Supplier".`,
    );
    expect(out).not.toContain("form: ");
  });

  it("saves the report files the bot uploads and shows where", async () => {
    const out = await consoleSession({ database, dataDir, script: ["/mod report", "exit"] });
    expect(out).toContain("│ Change Status Report as at 4 Oct 2019");
    const paths = [...out.matchAll(/📎 The bot uploaded .*\n {2}saved (\S+)/g)].map((m) => m[1]);
    const markdown = paths.find((p) => p.endsWith(".md"));
    expect(markdown).toBeDefined();
    expect(existsSync(markdown!)).toBe(true);
    expect(readFileSync(markdown!, "utf8")).toContain("Change Status Report");
    expect(readdirSync(join(dataDir, "console")).length).toBeGreaterThan(0);
  });
});

describe("npm run console on a fresh data directory", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "modbot-console-cli-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("sets itself up, answers piped commands and exits at the end of the input", () => {
    const result = runModbot(["console", "--as-of", "2019-10-04"], {
      env: { DATA_DIR: dataDir },
      input: "/mod status SECMP0024\n",
      timeoutMs: 120_000,
    });
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Opening the database (embedded PostgreSQL in ${dataDir})`);
    expect(result.out).toContain("loaded the demo register");
    expect(result.out).toContain("> /mod status SECMP0024\n┌ modbot · only visible to you");
    expect(result.out).toContain("│ SECMP0024 · Enduring Approach to Communication Hub Firmware Management");
    expect(result.out).toMatch(/⚠ Late: \d+ WD over the 15 WD target and \d+ WD past DCC's revised date 5 Jul 2019/);
    expect(result.out).toContain("Bye.");
  });

  it("explains a bad flag and exits with 2", () => {
    const result = runModbot(["console", "--role", "wizard"], { env: { DATA_DIR: dataDir } });
    expect(result.code).toBe(2);
    expect(result.err).toContain(`"wizard" isn't a role. Use admin, change-board:CATEGORY, dcc or viewer.`);
  });
});

describe("the console's Home tab and direct messages", () => {
  let dataDir: string;
  let database: DatabaseTarget;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "modbot-console-home-"));
    database = { kind: "embedded", dataDir: join(dataDir, "db") };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("shows Home, and the direct message a watcher gets when someone else changes what they watch", async () => {
    const watcher = ["--user", "Watcher", "--role", "viewer", "--as-of", "2019-10-04"];
    const first = await consoleSession({ database, dataDir, flags: watcher, script: ["/mod watch dp80", "home", "exit"] });
    expect(first).toContain("You're watching DP080");
    expect(first).toContain("┌ modbot · App Home (updated)");
    expect(first).toContain("│ Watching (1)");
    expect(first).toMatch(/│ \[\d+\] Status   \[\d+\] Unwatch/);

    await consoleSession({ database, dataDir, script: ["/mod move DP080 hold", "exit"] });
    const third = await consoleSession({ database, dataDir, flags: watcher, script: ["dms", "dms", "exit"] });
    expect(third).toContain("(Sent 1 direct message(s).)");
    expect(third).toContain("┌ modbot · direct message to you");
    expect(third).toMatch(/│ .*DP080: 1 change since you last heard/);
    expect(third).toContain("Put on hold · @Analyst");
    expect(third).toContain("(No direct message is due.)");
  });
});
