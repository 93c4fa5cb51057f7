import type { App } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { listenBySurface } from "../../src/slack/listeners/surfaceListeners.ts";

// Buttons, forms and menus each have one Bolt listener, which picks the handlers registered on it
// (surfaceListeners.ts). These are the listeners Bolt would be given, called as Bolt calls them.

type BoltListener = (args: Record<string, unknown>) => Promise<void>;

function routedApp() {
  const bolt: Record<"action" | "view" | "options", BoltListener[]> = { action: [], view: [], options: [] };
  const app = {
    action: (_constraints: unknown, listener: BoltListener) => void bolt.action.push(listener),
    view: (_constraints: unknown, listener: BoltListener) => void bolt.view.push(listener),
    options: (_constraints: unknown, listener: BoltListener) => void bolt.options.push(listener),
  } as unknown as App;
  return { surfaces: listenBySurface(app), bolt };
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

describe("one Bolt listener per surface", () => {
  it("gives Bolt one listener for each of buttons, forms and menus, however many handlers there are", () => {
    const { surfaces, bolt } = routedApp();
    for (const id of ["a", "b", "c"]) surfaces.action(id, async () => undefined);
    surfaces.view("form", async () => undefined);
    expect([bolt.action.length, bolt.view.length, bolt.options.length]).toEqual([1, 1, 1]);
  });

  it("runs only the handlers whose action_id matches, every one of them, and none for an id nobody handles", async () => {
    const { surfaces, bolt } = routedApp();
    const ran: string[] = [];
    surfaces.action("status.history", async () => void ran.push("history"));
    surfaces.action("status.move", async () => void ran.push("move"));
    surfaces.action("status.move", async () => void ran.push("move again"));
    await bolt.action[0]!(blockAction("status.move"));
    expect(ran).toEqual(["move", "move again"]);
    await bolt.action[0]!(blockAction("nobody.handles.this"));
    expect(ran).toEqual(["move", "move again"]);
  });

  it("matches a RegExp and an object constraint as app.action() does, leaving the matches in context", async () => {
    const { surfaces, bolt } = routedApp();
    const ran: string[] = [];
    surfaces.action({ type: "block_actions", callback_id: "dcc", action_id: /^accepted_on(\..+)?$/ }, async ({ context }) => {
      ran.push(`recompute ${(context.actionIdMatches as string[])[0]}`);
    });
    const inTheForm = blockAction("accepted_on.7", "dcc");
    await bolt.action[0]!(inTheForm);
    await bolt.action[0]!(blockAction("accepted_on.7", "another_form"));
    await bolt.action[0]!(blockAction("target_date", "dcc"));
    expect(ran).toEqual(["recompute accepted_on.7"]);
  });

  it("takes a form's string constraint as its callback_id, for submissions only", async () => {
    const { surfaces, bolt } = routedApp();
    const ran: string[] = [];
    surfaces.view("raise", async () => void ran.push("raise submitted"));
    const form = (type: string, callbackId: string) => {
      const view = { callback_id: callbackId, type: "modal" };
      return { payload: view, view, body: { type, view }, context: {}, next: async () => undefined };
    };
    await bolt.view[0]!(form("view_closed", "raise"));
    await bolt.view[0]!(form("view_submission", "vote"));
    await bolt.view[0]!(form("view_submission", "raise"));
    expect(ran).toEqual(["raise submitted"]);
  });
});
