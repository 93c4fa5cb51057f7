import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The Slack app manifest asks for exactly the scopes the code needs: every Web API method the
// app calls is listed here with the scopes it needs, and the manifest must ask for all of them
// and nothing else. A new method fails this test until it is added here and to manifest.yml.

const scopesOf: Record<string, string[]> = {
  "chat.postMessage": ["chat:write"],
  "chat.update": ["chat:write"],
  "chat.postEphemeral": ["chat:write"],
  "files.uploadV2": ["files:write"],
  // conversations.info needs the read scope of the kind of channel it is asked about.
  "conversations.info": ["channels:read", "groups:read"],
  "chat.unfurl": ["links:write"],
  "views.open": [],
  "views.update": [],
  "views.push": [],
  // The Home tab: a bot token publishes it for the user who opened it, no scope needed.
  "views.publish": [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" || name === "console" ? [] : sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

function calledMethods(): Set<string> {
  const methods = new Set<string>();
  for (const file of [...sourceFiles("src"), ...sourceFiles("commands")]) {
    for (const match of readFileSync(file, "utf8").matchAll(/\bclient\s*\.\s*(\w+)\s*\.\s*(\w+)\s*\(/g)) methods.add(`${match[1]}.${match[2]}`);
  }
  return methods;
}

// Events the app listens to, with the scopes Slack needs to send them.
const eventScopesOf: Record<string, string[]> = {
  // The Home tab's event needs no scope (docs.slack.dev/reference/events/app_home_opened).
  app_home_opened: [],
  link_shared: ["links:read"],
};

function listenedEvents(): Set<string> {
  const events = new Set<string>();
  for (const file of [...sourceFiles("src"), ...sourceFiles("commands")]) {
    for (const match of readFileSync(file, "utf8").matchAll(/\b(?:app|surfaces)\s*\.\s*event\(\s*"(\w+)"/g)) events.add(match[1]!);
  }
  return events;
}

function manifestBotEvents(): string[] {
  const manifest = readFileSync("manifest.yml", "utf8");
  const at = manifest.indexOf("\n    bot_events:\n");
  if (at < 0) return [];
  const events: string[] = [];
  for (const line of manifest.slice(at).split("\n").slice(2)) {
    if (/^\s*#/.test(line)) continue;
    const event = /^ {6}- (\S+)$/.exec(line);
    if (!event) break;
    events.push(event[1]);
  }
  return events;
}

function manifestBotScopes(): string[] {
  const manifest = readFileSync("manifest.yml", "utf8");
  const bot = manifest.slice(manifest.indexOf("\n    bot:\n"));
  const scopes: string[] = [];
  for (const line of bot.split("\n").slice(2)) {
    if (/^\s*#/.test(line) || line.trim() === "") continue;
    const scope = /^ {6}- (\S+)$/.exec(line);
    if (!scope) break;
    scopes.push(scope[1]);
  }
  return scopes;
}

describe("the Slack app manifest", () => {
  it("knows the scopes of every Web API method the code calls", () => {
    const methods = [...calledMethods()].sort();
    expect(methods).toEqual(expect.arrayContaining(["chat.postMessage", "conversations.info", "files.uploadV2", "views.open"]));
    expect(methods.filter((method) => !(method in scopesOf))).toEqual([]);
  });

  it("subscribes to exactly the events the code listens to, and knows their scopes", () => {
    const events = [...listenedEvents()].sort();
    expect(events.filter((event) => !(event in eventScopesOf))).toEqual([]);
    expect(manifestBotEvents().sort()).toEqual(events);
  });

  it("unfurls the register's domain when it listens for links", () => {
    const manifest = readFileSync("manifest.yml", "utf8");
    expect(listenedEvents().has("link_shared")).toBe(/\n  unfurl_domains:\n    - \S+/.test(manifest));
  });

  it("asks for exactly those scopes, and /mod", () => {
    const needed = new Set([
      "commands",
      ...[...calledMethods()].flatMap((method) => scopesOf[method] ?? []),
      ...[...listenedEvents()].flatMap((event) => eventScopesOf[event] ?? []),
    ]);
    expect(manifestBotScopes().sort()).toEqual([...needed].sort());
  });

  it("turns the Home tab on and subscribes to app_home_opened, the event that draws it", () => {
    const manifest = readFileSync("manifest.yml", "utf8");
    expect(manifest).toMatch(/\n    home_tab_enabled: true\n/);
    expect(manifest).toMatch(/\n  event_subscriptions:\n    request_url: \S+\/slack\/events\n    bot_events:\n(\s*#.*\n)*\s*- app_home_opened\n/);
    expect(manifest).toMatch(/message_menu_options_url: \S+\/slack\/events/);
  });
});
