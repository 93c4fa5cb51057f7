import { HTTPModuleFunctions, HTTPReceiver, type HTTPReceiverOptions } from "@slack/bolt";
import type { IncomingMessage } from "node:http";
import type { ChangeFeed } from "../data/changeFeed.ts";
import { ARRIVED_AT } from "./supervision.ts";

// On a PostgreSQL server, what a request reads must reflect every change committed before it
// arrived, and the change feed vouches for that with a barrier: a round trip on its listening
// connection, sent after the arrival (data/changeFeed.ts). Asked for where a lookup first reads,
// deep in its handler, each request of a burst had arrived after the barrier the one before it
// sent, and the barrier's answer was read only once the event loop had handled everything that
// came in meanwhile: 50 concurrent cached lookups spent ~7 ms each waiting for barriers, and their
// p50 was 1.48× bare Bolt's (1.13× with no barrier at all; bench/status.ts, Dec 2026).
//
// So a POST from Slack is held as it arrives, before Bolt reads its body, until the feed has
// settled as of that moment, and its arrival time travels with it (ARRIVED_AT) so that its reads
// need no barrier of their own. Every request read in one turn of the event loop shares one barrier
// (changeFeed.ts sends it when the turn is done), its answer is read at the next turn, and then the
// requests are handled one after another, each answered as soon as it is done. Measured the same
// way: barriers answered in 1.1 ms instead of 3.0 on average, p50 1.19–1.24× bare Bolt's.
//
// Holding is only a head start: the reads still settle themselves (at no cost when the held
// barrier has answered), so a feed that does not answer within HOLD_AT_MOST_MS only stops the
// holding, never what the request reads.

const HOLD_AT_MOST_MS = 250;

/** Bolt's HTTP receiver, holding each Slack request until the change feed has settled as of its arrival (when settling is a round trip). */
export function settlingHttpReceiver(options: HTTPReceiverOptions, changes: ChangeFeed): HTTPReceiver {
  if (!changes.settlesByRoundTrip) return new HTTPReceiver(options);
  const arrivals = new WeakMap<IncomingMessage, number>();
  const receiver = new HTTPReceiver({
    ...options,
    // Bolt passes the request it buffered, which is the one that arrived (rawBody added).
    customPropertiesExtractor: (request) => {
      const arrivedAt = arrivals.get(request);
      return arrivedAt === undefined ? {} : { [ARRIVED_AT]: arrivedAt };
    },
  });
  const handle = receiver.requestListener;
  const dispatchError = options.dispatchErrorHandler ?? HTTPModuleFunctions.defaultDispatchErrorHandler;
  receiver.requestListener = (request, response) => {
    if (request.method !== "POST") return handle(request, response);
    const arrivedAt = performance.now();
    arrivals.set(request, arrivedAt);
    let timer: NodeJS.Timeout | undefined;
    const givenUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, HOLD_AT_MOST_MS)));
    void Promise.race([changes.settledGeneration(arrivedAt).catch(() => null), givenUp]).then(() => {
      clearTimeout(timer);
      // What Bolt's own server does with a request its listener throws on (a path it does not serve: 404).
      try {
        handle(request, response);
      } catch (error) {
        dispatchError({ error: error as Error, logger: options.logger!, request, response });
      }
    });
  };
  return receiver;
}
