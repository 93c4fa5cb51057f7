import type { App } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { listenBySurface } from "../../src/slack/listeners/surfaceListeners.ts";

// Every listener is reached through one global middleware that routes each request to the
// handlers registered on its kind (surfaceListeners.ts). This is the middleware Bolt would be
// given, called as Bolt calls it.

type Middleware = (args: Record<string, unknown>) => Promise<void>;

function routedApp() {
  const middleware: Middleware[] = [];
  const app = { use: (fn: Middleware) => void middleware.push(fn) } as unknown as App;
  const surfaces = listenBySurface(app);
  const route: Middleware = (args) => middleware[0]!(args);
  return { surfaces, middleware, route };
}

const blockAction = (actionId: string, viewCallbackId?: string) => {
  const action = { type: "button", action_id: actionId, block_id: "b1" };
  return {
    payload: action,
    action,
    body: { type: "block_actions", actions: [action], ...(viewCallbackId ? { view: { callback_id: viewCallbackId, type: "modal" } } : {}) },
    context: {} as Record<string, unknown>,
    next: async () => undefined,
  };
};

describe("one middleware routing every surface", () => {
  it("gives Bolt one middleware, however many handlers there are", () => {
    const { surfaces, middleware } = routedApp();
    for (const id of ["a", "b", "c"]) surfaces.action(id, async () => undefined);
    surfaces.view("form", async () => undefined);
    surfaces.command("/mod", async () => undefined);
    surfaces.event("app_home_opened", async () => undefined);
    expect(middleware).toHaveLength(1);
  });

  it("hands a command to the handlers of its name, and an event to those of its type", async () => {
    const { surfaces, route } = routedApp();
    const ran: string[] = [];
    surfaces.command("/mod", async ({ command }) => void ran.push(`mod ${command.text}`));
    surfaces.event("app_home_opened", async () => void ran.push("home opened"));
    surfaces.event("link_shared", async () => void ran.push("link shared"));
    const command = (name: string) => ({ body: { command: name, text: "status 53" }, command: { command: name, text: "status 53" }, context: {}, next: async () => undefined });
    await route(command("/mod"));
    await route(command("/other"));
    await route({ body: { type: "event_callback", event: { type: "link_shared" } }, event: { type: "link_shared" }, context: {}, next: async () => undefined });
    await route({ body: { type: "event_callback", event: { type: "member_joined_channel" } }, context: {}, next: async () => undefined });
    expect(ran).toEqual(["mod status 53", "link shared"]);
  });

  it("passes every request on, so a listener registered on the app itself still runs", async () => {
    const { surfaces, route } = routedApp();
    const ran: string[] = [];
    surfaces.action("status.move", async () => void ran.push("routed"));
    await route({ body: { type: "shortcut" }, context: {}, next: async () => void ran.push("passed on: shortcut") });
    await route({ ...blockAction("status.move"), next: async () => void ran.push("passed on: block_actions") });
    expect(ran.sort()).toEqual(["passed on: block_actions", "passed on: shortcut", "routed"]);
  });

  it("fails the request when a handler fails, so the supervision can answer it", async () => {
    const { surfaces, route } = routedApp();
    surfaces.action("status.move", async () => {
      throw new Error("the database went away");
    });
    await expect(route(blockAction("status.move"))).rejects.toThrow("the database went away");
  });

  it("runs only the handlers whose action_id matches, every one of them, and none for an id nobody handles", async () => {
    const { surfaces, route } = routedApp();
    const ran: string[] = [];
    surfaces.action("status.history", async () => void ran.push("history"));
    surfaces.action("status.move", async () => void ran.push("move"));
    surfaces.action("status.move", async () => void ran.push("move again"));
    await route(blockAction("status.move"));
    expect(ran).toEqual(["move", "move again"]);
    await route(blockAction("nobody.handles.this"));
    expect(ran).toEqual(["move", "move again"]);
  });

  it("matches a RegExp and an object constraint as app.action() does, leaving the matches in context", async () => {
    const { surfaces, route } = routedApp();
    const ran: string[] = [];
    surfaces.action({ type: "block_actions", callback_id: "dcc", action_id: /^accepted_on(\..+)?$/ }, async ({ context }) => {
      ran.push(`recompute ${(context.actionIdMatches as string[])[0]}`);
    });
    const inTheForm = blockAction("accepted_on.7", "dcc");
    await route(inTheForm);
    await route(blockAction("accepted_on.7", "another_form"));
    await route(blockAction("target_date", "dcc"));
    expect(ran).toEqual(["recompute accepted_on.7"]);
  });

  it("takes a form's string constraint as its callback_id, for submissions only", async () => {
    const { surfaces, route } = routedApp();
    const ran: string[] = [];
    surfaces.view("raise", async () => void ran.push("raise submitted"));
    const form = (type: string, callbackId: string) => {
      const view = { callback_id: callbackId, type: "modal" };
      return { payload: view, view, body: { type, view }, context: {}, next: async () => undefined };
    };
    await route(form("view_closed", "raise"));
    await route(form("view_submission", "vote"));
    await route(form("view_submission", "raise"));
    expect(ran).toEqual(["raise submitted"]);
  });
});
