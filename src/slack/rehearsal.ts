import { createHmac } from "node:crypto";

// Before a replica on the PostgreSQL server says it is healthy, it answers a few `/mod status`
// lookups sent to itself over loopback, signed as Slack signs them, so the code the first burst
// runs (HTTP parsing, the signature check, Bolt's middleware and first authorisation, the
// supervision, the change-feed barrier, the acknowledgement) is compiled before Slack's
// requests arrive rather than while they wait. Measured (bench burst, PostgreSQL server, two
// replicas, 2 cores): the cold burst's status p99 went from 1.55-2.36x bare Bolt's (6 runs, 2 of
// them over the 2x target) to 1.24-1.68x (15 runs), for ~155 ms of start. On the embedded
// database the start's own warming already runs that path's costly part: no gain was measurable.
//
// Rehearsals come from one made-up user, so the supervision neither logs nor counts them
// (isRehearsal): the request metrics and log lines stay Slack's traffic.

const REHEARSAL_USER = "U0MODBOTREHEARSAL";

export interface RehearsalOptions {
  /** The app's own events endpoint, e.g. http://127.0.0.1:3000/slack/events. */
  eventsUrl: string;
  signingSecret: string;
  /** References to look up, in turn. */
  references: readonly string[];
  /** How many lookups (60: past that, the bench measured no further gain). */
  count?: number;
  /** Stop sending after this long, whatever is left (a slow machine must not hold its start). */
  withinMs?: number;
}

export interface Rehearsal {
  sent: number;
  /** Lookups acknowledged with a status card: fewer than `sent` means the path is broken. */
  answered: number;
  ms: number;
}

/** True for a request rehearseStatusLookups sent. */
export function isRehearsal(body: { user_id?: string }): boolean {
  return body.user_id === REHEARSAL_USER;
}

/** Sends the lookups one after another; resolves with what came back. */
export async function rehearseStatusLookups(options: RehearsalOptions): Promise<Rehearsal> {
  const { eventsUrl, signingSecret, references, count = 60, withinMs = 500 } = options;
  const started = performance.now();
  let sent = 0;
  let answered = 0;
  while (sent < count && references.length > 0 && performance.now() - started < withinMs) {
    const body = new URLSearchParams({
      command: "/mod",
      text: `status ${references[sent % references.length]}`,
      user_id: REHEARSAL_USER,
      channel_id: "C0MODBOTREHEARSAL",
      team_id: "T0MODBOTREHEARSAL",
      trigger_id: `rehearsal.${sent}`,
      // Only used if an answer missed the acknowledgement: posting it fails, and the supervision
      // records that failure (a process too slow to answer its own rehearsal is worth a log line).
      response_url: new URL("/rehearsal-late-answer", eventsUrl).href,
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex");
    sent++;
    const response = await fetch(eventsUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": `v0=${signature}` },
      body,
    });
    const text = await response.text();
    if (response.ok && text.includes('"blocks"')) answered++;
  }
  return { sent, answered, ms: Math.round(performance.now() - started) };
}
