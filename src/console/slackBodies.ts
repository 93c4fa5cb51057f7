import { CONSOLE_CHANNEL, CONSOLE_TEAM } from "./localSlack.ts";

// Request bodies shaped exactly as Slack sends them to an app (after form decoding), so the
// app's listeners cannot tell the console from a workspace.

type Json = Record<string, any>;

export interface ConsoleUser {
  id: string;
  name: string;
}

let triggers = 0;
const triggerId = () => `${Date.now()}.${++triggers}.console`;
const actionTs = () => (Date.now() / 1000).toFixed(6);

function userOf(user: ConsoleUser): Json {
  return { id: user.id, username: user.name.toLowerCase(), name: user.name.toLowerCase(), team_id: CONSOLE_TEAM.id };
}

export function slashCommandBody(args: { command: string; text: string; user: ConsoleUser; responseUrl: string }): Json {
  return {
    token: "console",
    team_id: CONSOLE_TEAM.id,
    team_domain: CONSOLE_TEAM.domain,
    channel_id: CONSOLE_CHANNEL.id,
    channel_name: CONSOLE_CHANNEL.name,
    user_id: args.user.id,
    user_name: args.user.name.toLowerCase(),
    command: args.command,
    text: args.text,
    api_app_id: "ACONSOLE",
    is_enterprise_install: "false",
    response_url: args.responseUrl,
    trigger_id: triggerId(),
  };
}

/** Where an action happened: a message in the channel (ephemeral or not), or an open modal. */
export type ActionSource =
  | { kind: "message"; ts: string; channel: string; ephemeral: boolean; message?: Json; responseUrl: string }
  | { kind: "view"; view: Json; values: Json };

export function blockActionsBody(args: { user: ConsoleUser; source: ActionSource; blockId: string; action: Json }): Json {
  const action = { block_id: args.blockId, action_ts: actionTs(), ...args.action };
  const common = {
    type: "block_actions",
    team: CONSOLE_TEAM,
    user: userOf(args.user),
    api_app_id: "ACONSOLE",
    token: "console",
    trigger_id: triggerId(),
    actions: [action],
  };
  if (args.source.kind === "view") {
    const view: Json = { ...args.source.view, state: { values: args.source.values } };
    return { ...common, container: { type: "view", view_id: view.id }, view };
  }
  const { ts, channel, ephemeral, message, responseUrl } = args.source;
  return {
    ...common,
    container: { type: "message", message_ts: ts, channel_id: channel, is_ephemeral: ephemeral },
    channel: { id: channel, name: CONSOLE_CHANNEL.name },
    // Slack includes the message for channel messages, not for ephemeral ones.
    ...(ephemeral || !message ? {} : { message }),
    response_url: responseUrl,
    state: { values: {} },
  };
}

export function viewSubmissionBody(args: { user: ConsoleUser; view: Json; values: Json }): Json {
  return {
    type: "view_submission",
    team: CONSOLE_TEAM,
    user: userOf(args.user),
    api_app_id: "ACONSOLE",
    token: "console",
    trigger_id: triggerId(),
    view: { ...args.view, state: { values: args.values } },
    response_urls: [],
  };
}

export function viewClosedBody(args: { user: ConsoleUser; view: Json }): Json {
  return {
    type: "view_closed",
    team: CONSOLE_TEAM,
    user: userOf(args.user),
    api_app_id: "ACONSOLE",
    token: "console",
    view: args.view,
    is_cleared: false,
  };
}

export function blockSuggestionBody(args: { user: ConsoleUser; view: Json; values: Json; blockId: string; actionId: string; value: string }): Json {
  return {
    type: "block_suggestion",
    user: userOf(args.user),
    container: { type: "view", view_id: args.view.id },
    api_app_id: "ACONSOLE",
    token: "console",
    action_id: args.actionId,
    block_id: args.blockId,
    value: args.value,
    team: CONSOLE_TEAM,
    view: { ...args.view, state: { values: args.values } },
  };
}

/** The Events API callback Slack sends when someone opens the app's Home tab. */
export function appHomeOpenedBody(args: { user: ConsoleUser }): Json {
  return {
    token: "console",
    team_id: CONSOLE_TEAM.id,
    api_app_id: "ACONSOLE",
    type: "event_callback",
    event_id: `Ev${triggerId().replaceAll(".", "")}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: "app_home_opened", user: args.user.id, channel: `D${args.user.id}`, tab: "home", event_ts: actionTs() },
  };
}
