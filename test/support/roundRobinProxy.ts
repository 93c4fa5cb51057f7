import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A load balancer on loopback in front of `modbot start` replicas, for the rolling-restart test
// (test/cli/rolling-restart.test.ts) and the burst benchmark's server part (bench/burstServer.ts).

export interface RoundRobinProxy {
  url: string;
  /** Requests a replica accepted and then dropped (not retried), as "ECONNRESET from :port". */
  dropped: string[];
  /** How many requests each backend port answered: how the load was shared. */
  answeredBy: Map<number, number>;
  close(): Promise<unknown>;
}

/**
 * A round-robin load balancer: it polls each replica's /healthz and sends requests only to the
 * healthy ones (all of them if none is), one fresh connection per request; a replica that
 * refuses the connection is skipped. A request a replica accepted and then dropped is not
 * retried: it is counted in `dropped`, for the caller to expect none.
 */
export async function startRoundRobinProxy(backends: () => number[]): Promise<RoundRobinProxy> {
  let next = 0;
  const dropped: string[] = [];
  const answeredBy = new Map<number, number>();
  const healthy = new Map<number, boolean>();
  const poll = setInterval(() => {
    for (const port of backends()) {
      fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
        (response) => healthy.set(port, response.status === 200),
        () => healthy.set(port, false),
      );
    }
  }, 100);
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    for (let attempt = 0; attempt < 40; attempt++) {
      const all = backends();
      const ready = all.filter((port) => healthy.get(port) !== false);
      const ports = ready.length ? ready : all;
      const port = ports[next++ % ports.length]!;
      const outcome = await new Promise<"refused" | "done">((resolve) => {
        const upstream = httpRequest({ host: "127.0.0.1", port, method: req.method, path: req.url, headers: { ...req.headers, connection: "close" }, agent: false }, (answer) => {
          answeredBy.set(port, (answeredBy.get(port) ?? 0) + 1);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on("end", () => resolve("done"));
        });
        upstream.on("error", (error: NodeJS.ErrnoException) => {
          if (error.code === "ECONNREFUSED") return resolve("refused");
          dropped.push(`${error.code ?? error.message} from :${port}`);
          if (!res.headersSent) res.writeHead(502).end();
          resolve("done");
        });
        upstream.end(body);
      });
      if (outcome === "done") return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    res.writeHead(503).end();
  });
  // The client keeps its connections to the proxy; the proxy must not time them out under the
  // client's feet (a reset between them would say nothing about the replicas).
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropped,
    answeredBy,
    close: () => (clearInterval(poll), new Promise((resolve) => server.close(resolve))),
  };
}
