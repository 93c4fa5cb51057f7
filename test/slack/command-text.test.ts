import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { readCommandText } from "../../src/slack/commandText.ts";
import { escapedLikeSlack } from "../support/slackRequests.ts";
import { ADMIN, lastOpenedView, startFlowApp } from "../flows/support.ts";
import { readableText, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";

// Command text as Slack sends it with escaping on (manifest should_escape: true), read back into
// what the person typed, with picked mentions in the one form subcommands parse.

describe("reading command text", () => {
  it("reads mentions, groups, channels, links and entities the way Slack sends them", () => {
    expect(readCommandText("role <@U123|alex> dcc")).toBe("role <@U123> dcc");
    expect(readCommandText("role <@W0ABC> dcc")).toBe("role <@W0ABC> dcc");
    expect(readCommandText("SECMP0024 contact <!subteam^S0123ABCD|@dcc-assessments>")).toBe("SECMP0024 contact <!subteam^S0123ABCD>");
    expect(readCommandText("in <#C0001|general> and <#C0002|>")).toBe("in <#C0001> and <#C0002>");
    expect(readCommandText("see <https://example.com/a?b=1&amp;c=2|the page> or <https://x.example>")).toBe("see the page (https://example.com/a?b=1&c=2) or https://x.example");
    expect(readCommandText("mail <mailto:a@b.example|a@b.example>")).toBe("mail a@b.example");
    expect(readCommandText("hi <!channel> <!here>")).toBe("hi @channel @here");
    expect(readCommandText("A &amp; B &lt;C&gt;")).toBe("A & B <C>");
    expect(readCommandText("&amp;lt; stays as typed")).toBe("&lt; stays as typed");
  });

  it("is what the tests' request builder sends undone", () => {
    for (const typed of ["raise A & B <C>", "admin role <@U123|alex> dcc", "release SECMP0025 standalone \"R&D <x>\" on 1 Jan 2027"]) {
      expect(readCommandText(escapedLikeSlack(typed))).toBe(typed.replace("<@U123|alex>", "<@U123>"));
    }
    expect(escapedLikeSlack("A & B <C> <@U1|a>")).toBe("A &amp; B &lt;C&gt; <@U1|a>");
  });

  it("has escaping on in the manifest", () => {
    expect(readFileSync(new URL("../../manifest.yml", import.meta.url), "utf8")).toMatch(/^\s+should_escape: true$/m);
  });
});

describe.each(databaseKinds)("commands typed in Slack with escaping on (%s database)", (database) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startFlowApp(database);
  });
  afterAll(() => app?.close());

  it("grants a role to a person picked as @alex", async () => {
    const granted = await app.command("admin role <@U123|alex> dcc", { userId: ADMIN });
    expect(readableText(granted.json())).toContain("now has the DCC role");
    const roles = await app.command("admin roles", { userId: ADMIN });
    expect(readableText(roles.json())).toMatch(/@U123 · DCC/);
  });

  it("keeps a title typed as A & B <C> as typed", async () => {
    await app.command("raise A & B <C>", { userId: ADMIN });
    const view = lastOpenedView(app);
    const title = view.blocks.find((b) => b.block_id === "title");
    expect(title.element.initial_value).toBe("A & B <C>");
  });
});
