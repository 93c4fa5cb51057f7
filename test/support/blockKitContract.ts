import {
  blockKitViolations,
  describeViolations,
  inputBlockIds,
  viewSubmissionAckViolations,
  type Surface,
  type Violation,
} from "../../src/slack/blocks/contract.ts";

// Every payload the bot hands to Slack in a test goes through Slack's Block Kit contract: the fake
// Web API, response_url and the acknowledgement readers call `enforce…` here, and a breach fails
// the test that caused it (the afterEach in contractSetup.ts, a vitest setup file), naming the
// rule and the path.

const breaches: string[] = [];
/** The input block ids of each view the bot opened, by callback_id: what a submission may flag. */
const viewInputs = new Map<string, Set<string>>();

function record(source: string, violations: Violation[]): Violation[] {
  if (violations.length) {
    const message = `${source} breaks Slack's Block Kit contract:\n${describeViolations(violations)}`;
    breaches.push(message);
    console.error(message);
  }
  return violations;
}

/** A message (chat.postMessage, chat.update, response_url, a command's ack) or a view. */
export function enforcePayload(source: string, payload: unknown, surface: Surface): Violation[] {
  if (surface !== "message") rememberView(payload);
  return record(source, blockKitViolations(payload, surface));
}

function rememberView(view: unknown): void {
  const callbackId = view && typeof view === "object" ? (view as { callback_id?: unknown }).callback_id : undefined;
  if (typeof callbackId !== "string") return;
  const known = viewInputs.get(callbackId) ?? new Set<string>();
  for (const id of inputBlockIds(view)) known.add(id);
  viewInputs.set(callbackId, known);
}

/** A view_submission's acknowledgement, against the inputs of the view that was submitted. */
export function enforceViewSubmissionAck(ack: unknown, submitted: { callbackId: string; stateBlockIds: string[] }): Violation[] {
  const inputs = new Set([...submitted.stateBlockIds, ...(viewInputs.get(submitted.callbackId) ?? [])]);
  const violations = record(`the view_submission ack for "${submitted.callbackId}"`, viewSubmissionAckViolations(ack, [...inputs]));
  rememberView(ack && typeof ack === "object" ? (ack as { view?: unknown }).view : undefined);
  return violations;
}

export function takeBreaches(): string[] {
  return breaches.splice(0);
}
