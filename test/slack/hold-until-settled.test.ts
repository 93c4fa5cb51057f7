import { createHmac } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenToServerChanges } from "../../src/data/changeFeed.ts";
import { openDatabase, type Database } from "../../src/data/database.ts";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { smallRegister } from "../support/registers.ts";
import { slashCommandBody, TEST_SIGNING_SECRET } from "../support/slackRequests.ts";
import { readableText, startTestApp, type TestApp } from "../support/testApp.ts";

// On the server, a request from Slack is held as it arrives until the change feed has settled as
// of that moment (src/slack/holdUntilSettled.ts), and what it reads then needs no barrier of its
// own. The feed's listening socket is watched: after LISTEN, all it sends is barriers, each a
// simple Query "SELECT 1" (1 + 4 + 9 bytes).

const BARRIER_BYTES = "Q....SELECT 1\0".length;

/**
 * `count` signed POSTs of `body`, written in one go on connections opened beforehand, so that they
 * are in the app's socket buffers together (fetch, in this process, would interleave them with
 * the app's own work); resolves with each raw HTTP response.
 */
async function arriveTogether(baseUrl: string, count: number, body: string): Promise<string[]> {
  const { port } = new URL(baseUrl);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", TEST_SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex");
  const request =
    `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
    `X-Slack-Request-Timestamp: ${timestamp}\r\nX-Slack-Signature: v0=${signature}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  const sockets = await Promise.all(
    Array.from({ length: count }, () => new Promise<net.Socket>((resolve, reject) => net.connect(Number(port), "127.0.0.1").once("connect", function (this: net.Socket) { resolve(this); }).once("error", reject))),
  );
  const answers = sockets.map(
    (connection) =>
      new Promise<string>((resolve, reject) => {
        let text = "";
        connection.on("data", (chunk) => (text += chunk));
        connection.once("end", () => resolve(text));
        connection.once("error", reject);
      }),
  );
  for (const connection of sockets) connection.write(request);
  return Promise.all(answers);
}

describe("a Slack request on the server is held until the change feed has settled as of its arrival", () => {
  let app: TestApp;
  let other: Database;
  let socket: net.Socket | undefined;
  const barriersSince = (bytes: number) => (socket!.bytesWritten - bytes) / BARRIER_BYTES;

  beforeAll(async () => {
    app = await startTestApp({
      database: "server",
      seed: (db) => importRegister(db.prisma, smallRegister(), { mode: "replace", actor: "test" }).then(() => undefined),
      changeFeed: (url) => listenToServerChanges({ connectionString: url, stream: () => (socket = new net.Socket()) }),
    });
    other = await openDatabase({ kind: "server", url: app.databaseUrl! });
  });
  afterAll(async () => {
    await other?.close();
    await app?.close();
  });

  const say = async (text: string) => readableText((await app.command(text)).json());

  it("sends one barrier for a lookup and none for what the lookup reads", async () => {
    expect(await say("status MP079")).toContain("Provisions for withdrawing modifications");
    for (let round = 0; round < 5; round++) {
      const sent = socket!.bytesWritten;
      expect(await say("status MP079")).toContain("Provisions for withdrawing modifications");
      expect(barriersSince(sent)).toBe(1);
    }
    // A lookup the cache cannot answer reads the database after its barrier, and asks no other.
    const sent = socket!.bytesWritten;
    expect(await say("status SECMP0024")).toContain("Enduring Approach to Communication Hub Firmware Management");
    expect(barriersSince(sent)).toBe(1);
  });

  it("shows what another instance committed just before each lookup arrived", async () => {
    for (let round = 1; round <= 20; round++) {
      const title = `Change Coordination, held ${round}`;
      await other.prisma.modification.update({ where: { reference: "MP080" }, data: { title } });
      expect(await say("status MP080")).toContain(title);
    }
  });

  it("answers lookups that arrive together after fewer barriers than lookups, each showing the latest change", async () => {
    await other.prisma.modification.update({ where: { reference: "MP080" }, data: { title: "Change Coordination, before the burst" } });
    const lookups = slashCommandBody({ text: "status MP080", responseUrl: app.slack.responseUrl });
    const answers = await arriveTogether(app.url, 30, lookups);
    expect(answers.every((answer) => answer.startsWith("HTTP/1.1 200") && answer.includes("Change Coordination, before the burst"))).toBe(true);
    // Cached now: a burst of lookups of it shares its barriers.
    const sent = socket!.bytesWritten;
    const cached = await arriveTogether(app.url, 30, lookups);
    expect(cached.every((answer) => answer.startsWith("HTTP/1.1 200") && answer.includes("Change Coordination, before the burst"))).toBe(true);
    expect(barriersSince(sent)).toBeGreaterThanOrEqual(1);
    expect(barriersSince(sent)).toBeLessThan(30);
  });

  it("does not hold what is not from Slack (the health check, the web pages)", async () => {
    const sent = socket!.bytesWritten;
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(barriersSince(sent)).toBe(0);
  });
});

/** A TCP relay to PostgreSQL that can stop passing the server's answers on, as a hung network would. */
async function freezableRelay(target: URL) {
  let frozen = false;
  const held: { to: net.Socket; chunk: Buffer }[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.on("data", (chunk) => upstream.write(chunk));
    upstream.on("data", (chunk) => (frozen ? held.push({ to: client, chunk }) : client.write(chunk)));
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      a.on("error", () => b.destroy());
      a.on("close", () => b.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: Object.assign(new URL(target.href), { host: `127.0.0.1:${port}` }).href,
    freeze: () => (frozen = true),
    thaw: () => {
      frozen = false;
      for (const { to, chunk } of held.splice(0)) to.write(chunk);
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("a Slack request on the server, when the change feed stops answering", () => {
  let app: TestApp;
  let relay: Awaited<ReturnType<typeof freezableRelay>>;
  beforeAll(async () => {
    app = await startTestApp({
      database: "server",
      seed: (db) => importRegister(db.prisma, smallRegister(), { mode: "replace", actor: "test" }).then(() => undefined),
      changeFeed: async (url) => {
        relay = await freezableRelay(new URL(url!));
        return listenToServerChanges({ connectionString: relay.url });
      },
    });
  });
  afterAll(async () => {
    relay?.thaw();
    await app?.close();
    await relay?.close();
  });

  it("is held a moment at most, so what reads nothing is still answered", async () => {
    relay.freeze();
    try {
      const unknownButton = await app.action({ actionId: "something.removed_long_ago", value: "x" });
      expect(unknownButton.status).toBe(200);
    } finally {
      relay.thaw();
    }
    expect(readableText((await app.command("status MP079")).json())).toContain("Provisions for withdrawing modifications");
  });
});
