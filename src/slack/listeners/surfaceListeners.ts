import {
  matchConstraints,
  type ActionConstraints,
  type AllMiddlewareArgs,
  type AnyMiddlewareArgs,
  type App,
  type BlockAction,
  type OptionsConstraints,
  type SlackAction,
  type SlackActionMiddlewareArgs,
  type SlackCommandMiddlewareArgs,
  type SlackEventMiddlewareArgs,
  type SlackOptionsMiddlewareArgs,
  type SlackViewMiddlewareArgs,
  type ViewConstraints,
} from "@slack/bolt";

// Bolt finds the listeners a request is for by running every registered listener's middleware on
// it, each with its own copy of the request's arguments. With a Bolt listener per button and per
// form (31), each `/mod status` went through 31 chains to find its one: 9% of a cached lookup's
// CPU (profiled). With one per surface kind (6: the command, buttons, forms, menus, two events)
// Bolt still copied the arguments ~20 times a request (~76 KB allocated a cached lookup,
// sampled). Routing all of them in one middleware, measured under 50 concurrent cached lookups
// (8 s, 2 runs each): 9% more lookups answered on the PostgreSQL server (p50 9.3 -> 8.4 ms), 18%
// more on the embedded database (p50 8.2 -> 7.4 ms, full collections 36 -> 21). So the app's
// handlers have no Bolt listener: this one global middleware, registered last, hands each request
// to the handlers registered on its own kind. Buttons, forms and menus are matched with Bolt's own matching
// (matchConstraints), so a constraint means what it means to app.action(), app.view() and
// app.options(); a command by its name and an event by its type, as app.command() and app.event().

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
  /** As app.command(name). */
  command(name: string, listener: Listener<SlackCommandMiddlewareArgs>): void;
  /** As app.event(type). */
  event<EventType extends string>(type: EventType, listener: Listener<SlackEventMiddlewareArgs<EventType>>): void;
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

/** Runs every listener, together, as Bolt runs the listeners a request matched. */
async function runAll(listeners: readonly ((args: never) => Promise<void>)[] | undefined, args: AnyArgs): Promise<void> {
  if (listeners) await Promise.all(listeners.map((listener) => listener(args as never)));
}

interface RoutedBody {
  type?: string;
  command?: string;
  event?: { type?: string };
}

export function listenBySurface(app: App): SurfaceListeners {
  const actions: Registered[] = [];
  const views: Registered[] = [];
  const menus: Registered[] = [];
  const commands = new Map<string, ((args: never) => Promise<void>)[]>();
  const events = new Map<string, ((args: never) => Promise<void>)[]>();
  const add = (byName: typeof commands, name: string, listener: (args: never) => Promise<void>) => void byName.set(name, [...(byName.get(name) ?? []), listener]);
  const route = (body: RoutedBody, args: AnyArgs): Promise<void> => {
    if (typeof body.command === "string") return runAll(commands.get(body.command), args);
    switch (body.type) {
      case "block_actions":
        return runMatching(actions, args);
      case "view_submission":
      case "view_closed":
        return runMatching(views, args);
      case "block_suggestion":
        return runMatching(menus, args);
      case "event_callback":
        return runAll(events.get(body.event?.type ?? ""), args);
      default:
        return Promise.resolve();
    }
  };
  // Passed on as well, so a listener registered on the app itself (app.command(), as the console's
  // tests do) still runs, together with these as Bolt would run them; with none, Bolt's part is cheap.
  app.use(async (args: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    await Promise.all([route(args.body as RoutedBody, args as unknown as AnyArgs), args.next()]);
  });
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
    command(name, listener) {
      add(commands, name, listener);
    },
    event(type, listener) {
      add(events, type, listener);
    },
  };
}
