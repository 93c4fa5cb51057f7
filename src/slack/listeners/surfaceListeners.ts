import {
  matchConstraints,
  type ActionConstraints,
  type AllMiddlewareArgs,
  type App,
  type BlockAction,
  type OptionsConstraints,
  type SlackAction,
  type SlackActionMiddlewareArgs,
  type SlackOptionsMiddlewareArgs,
  type SlackViewMiddlewareArgs,
  type ViewConstraints,
} from "@slack/bolt";

// Bolt finds the listeners a request is for by running every registered listener's middleware on
// it. With a Bolt listener per button and per form (31), each `/mod status` went through 31
// chains to find its one: 9% of a cached lookup's CPU (profiled). So buttons, forms and menus
// have one Bolt listener each, and the handlers registered here are picked from their own
// surface's list with Bolt's own matching (matchConstraints), so a constraint means what it
// means to app.action(), app.view() and app.options().

type Listener<Args> = (args: Args & AllMiddlewareArgs) => Promise<void>;

export interface SurfaceListeners {
  /** As app.action(): a string or RegExp is the action_id. */
  action<Action extends SlackAction = BlockAction>(
    constraint: string | RegExp | ActionConstraints<Action>,
    listener: Listener<SlackActionMiddlewareArgs<Action>>,
  ): void;
  /** As app.view(): a string or RegExp is the callback_id of a submission. */
  view(constraint: string | RegExp | ViewConstraints, listener: Listener<SlackViewMiddlewareArgs>): void;
  /** As app.options(): a string or RegExp is the action_id. */
  options(constraint: string | RegExp | OptionsConstraints, listener: Listener<SlackOptionsMiddlewareArgs<"block_suggestion">>): void;
}

interface Registered {
  matches: ReturnType<typeof matchConstraints>;
  listener: (args: never) => Promise<void>;
}

type AnyArgs = Parameters<ReturnType<typeof matchConstraints>>[0];

const isIdPattern = (constraint: unknown): constraint is string | RegExp => typeof constraint === "string" || constraint instanceof RegExp;

/** Runs the listeners whose constraints match, as Bolt would have run them (all of them, together). */
async function runMatching(registered: readonly Registered[], args: AnyArgs): Promise<void> {
  // One copy of the arguments for every matcher: a copy per handler is the cost Bolt paid.
  let matched = false;
  const probe = {
    ...args,
    next: async () => {
      matched = true;
    },
  };
  const matching: Registered[] = [];
  for (const entry of registered) {
    matched = false;
    await entry.matches(probe);
    if (matched) matching.push(entry);
  }
  await Promise.all(matching.map((entry) => entry.listener(args as never)));
}

export function listenBySurface(app: App): SurfaceListeners {
  const actions: Registered[] = [];
  const views: Registered[] = [];
  const menus: Registered[] = [];
  app.action({}, (args) => runMatching(actions, args as AnyArgs));
  app.view({}, (args) => runMatching(views, args as AnyArgs));
  app.options({}, (args) => runMatching(menus, args as AnyArgs));
  return {
    action(constraint, listener) {
      actions.push({ matches: matchConstraints(isIdPattern(constraint) ? { action_id: constraint } : constraint), listener });
    },
    view(constraint, listener) {
      views.push({ matches: matchConstraints(isIdPattern(constraint) ? { callback_id: constraint, type: "view_submission" } : constraint), listener });
    },
    options(constraint, listener) {
      menus.push({ matches: matchConstraints(isIdPattern(constraint) ? { action_id: constraint } : constraint), listener });
    },
  };
}
