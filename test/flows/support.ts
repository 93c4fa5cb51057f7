import { createAppContext } from "../../src/appContext.ts";
import { openDatabase } from "../../src/data/database.ts";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { createSlackApp } from "../../src/slack/app.ts";
import { smallRegister } from "../support/registers.ts";
import { interactionBody, postSigned, TEST_SIGNING_SECRET, viewSubmissionPayload, type SignedRequestOptions } from "../support/slackRequests.ts";
import { seedReportNow, startTestApp, type TestApp } from "../support/testApp.ts";
import type { DatabaseKind } from "../support/testDatabase.ts";

// Helpers for the write-flow tests: open a modal the way a user would, fill it in, submit it.

export const ADMIN = "UADMIN";

export function startFlowApp(database: DatabaseKind): Promise<TestApp> {
  return startTestApp({
    database,
    admins: [ADMIN],
    seed: (db) => importRegister(db.prisma, smallRegister(), { mode: "replace", actor: "test" }).then(() => undefined),
  });
}

export interface OpenedView {
  callback_id: string;
  private_metadata: string;
  blocks: any[];
  title: { text: string };
}

/** The modal the app opened last (views.open on the fake Slack). */
export function lastOpenedView(app: TestApp): OpenedView {
  const call = app.slack.callsTo("views.open").at(-1);
  if (!call) throw new Error("no modal was opened");
  return call.body.view as OpenedView;
}

type Field = string | { option: string } | { checked: string[] } | { user: string };

/** Slack's view.state.values for the given fields: text, a chosen option, ticked boxes, or a picked person. */
export function stateValues(fields: Record<string, Field | undefined>): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const [id, field] of Object.entries(fields)) {
    if (field === undefined) values[id] = { [id]: { type: "plain_text_input", value: null } };
    else if (typeof field === "string") values[id] = { [id]: { type: "plain_text_input", value: field } };
    else if ("user" in field) values[id] = { [id]: { type: "users_select", selected_user: field.user } };
    else if ("option" in field) values[id] = { [id]: { type: "static_select", selected_option: { value: field.option, text: { type: "plain_text", text: field.option } } } };
    else values[id] = { [id]: { type: "checkboxes", selected_options: field.checked.map((value) => ({ value })) } };
  }
  return values;
}

let viewCounter = 0;
export const newViewId = () => `VFLOW${++viewCounter}${Date.now() % 100000}`;

/** The initial values the modal was drawn with, as Slack would submit them untouched. */
export function initialValues(view: OpenedView): Record<string, Field | undefined> {
  const fields: Record<string, Field | undefined> = {};
  for (const block of view.blocks) {
    if (block.type !== "input") continue;
    const element = block.element;
    if (element.type === "plain_text_input") fields[block.block_id] = element.initial_value;
    else if (element.type === "static_select") fields[block.block_id] = element.initial_option ? { option: element.initial_option.value } : undefined;
    else if (element.type === "users_select") fields[block.block_id] = element.initial_user ? { user: element.initial_user } : undefined;
    else if (element.type === "checkboxes") fields[block.block_id] = { checked: (element.initial_options ?? []).map((o: { value: string }) => o.value) };
  }
  return fields;
}

export function submit(
  app: TestApp | { url: string },
  view: OpenedView,
  fields: Record<string, Field | undefined>,
  options: { userId?: string; viewId?: string } & SignedRequestOptions = {},
) {
  const payload = viewSubmissionPayload({
    callbackId: view.callback_id,
    privateMetadata: view.private_metadata,
    values: stateValues({ ...initialValues(view), ...fields }),
    userId: options.userId ?? ADMIN,
    viewId: options.viewId ?? newViewId(),
  });
  return postSigned(app.url, interactionBody(payload), options);
}

/** A second replica on the same server database and fake Slack. */
export async function startSecondInstance(first: TestApp) {
  if (!first.databaseUrl) throw new Error("a second instance needs the server database");
  const db = await openDatabase({ kind: "server", url: first.databaseUrl });
  const ctx = createAppContext({ prisma: db.prisma, now: seedReportNow, initialAdmins: [ADMIN], changes: db.changes });
  const app = createSlackApp({
    ctx,
    botToken: "xoxb-test-token",
    signingSecret: TEST_SIGNING_SECRET,
    apiUrl: first.slack.apiUrl,
    isHealthy: db.isHealthy,
    processBeforeResponse: true,
    logLevel: "error",
  });
  const { port } = await app.start(0);
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.stop();
      await db.close();
    },
  };
}
