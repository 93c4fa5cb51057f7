import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { createAppContext } from "../../src/appContext.ts";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { createSlackApp, type SlackApp } from "../../src/slack/app.ts";
import { messageText } from "../../src/slack/render/blockKitText.ts";
import { startFakeSlack, type FakeSlack } from "../support/fakeSlack.ts";
import { smallRegister } from "../support/registers.ts";
import { seedReportNow } from "../support/testApp.ts";
import { createTestDatabase, type TestDatabase } from "../support/testDatabase.ts";

// With SLACK_APP_TOKEN the bot takes Slack's events over a WebSocket instead of HTTP. A local
// WebSocket server plays Slack's side: apps.connections.open points the bot at it, it says hello,
// sends a /mod command in an envelope, and reads the acknowledgement.

describe("Socket Mode", () => {
  let slack: FakeSlack;
  let sockets: WebSocketServer;
  let database: TestDatabase;
  let app: SlackApp;
  let connection: Promise<WebSocket>;
  let healthPort: number;

  beforeAll(async () => {
    slack = await startFakeSlack();
    sockets = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise((resolve) => sockets.once("listening", resolve));
    slack.socketModeUrl = `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/link`;
    connection = new Promise((resolve) =>
      sockets.once("connection", (socket) => {
        socket.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0001" }, debug_info: { host: "test" } }));
        resolve(socket);
      }),
    );
    database = await createTestDatabase("embedded");
    await importRegister(database.db.prisma, smallRegister(), { mode: "replace", actor: "test" });
    app = createSlackApp({
      ctx: createAppContext({ prisma: database.db.prisma, now: seedReportNow, changes: database.db.changes }),
      botToken: "xoxb-test-token",
      appToken: "xapp-test-token",
      apiUrl: slack.apiUrl,
      healthPort: 0,
      isHealthy: database.db.isHealthy,
      logLevel: "error",
    });
    ({ port: healthPort } = await app.start(0));
  });
  afterAll(async () => {
    await app?.stop().catch(() => undefined);
    sockets?.clients.forEach((client) => client.terminate());
    await new Promise((resolve) => sockets?.close(resolve));
    await database?.dispose();
    await slack?.close();
  });

  it("opens its connection through the Web API and still answers /healthz over HTTP", async () => {
    expect(slack.callsTo("apps.connections.open")).toHaveLength(1);
    const health = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
    expect(health.status).toBe(200);
  });

  it("serves the register pages on the same port as /healthz", async () => {
    const register = await fetch(`http://127.0.0.1:${healthPort}/register`);
    expect(register.status).toBe(200);
    expect(await register.text()).toContain("<h1>Modification Register</h1>");
  });

  it("answers /mod status sent over the socket in its acknowledgement", async () => {
    const socket = await connection;
    const acknowledged = new Promise<{ envelope_id: string; payload: { text: string; blocks: unknown[]; response_type: string } }>((resolve) =>
      socket.on("message", (data) => {
        const message = JSON.parse(String(data));
        if (message.envelope_id === "envelope-1") resolve(message);
      }),
    );
    socket.send(
      JSON.stringify({
        envelope_id: "envelope-1",
        type: "slash_commands",
        accepts_response_payload: true,
        payload: {
          token: "unused",
          team_id: "T0001",
          channel_id: "C0001",
          user_id: "U0001",
          command: "/mod",
          text: "status secmp53",
          response_url: slack.responseUrl,
          trigger_id: "trigger.1",
          api_app_id: "A0001",
        },
      }),
    );
    const ack = await acknowledged;
    expect(ack.payload.response_type).toBe("ephemeral");
    expect(messageText(ack.payload)).toContain("SECMP0053 · Amend Target Response Times");
  });

  it("draws the Home tab when app_home_opened arrives over the socket", async () => {
    const socket = await connection;
    const acknowledged = new Promise<void>((resolve) =>
      socket.on("message", (data) => {
        if (JSON.parse(String(data)).envelope_id === "envelope-home") resolve();
      }),
    );
    socket.send(
      JSON.stringify({
        envelope_id: "envelope-home",
        type: "events_api",
        accepts_response_payload: false,
        payload: {
          token: "unused",
          team_id: "T0001",
          api_app_id: "A0001",
          type: "event_callback",
          event_id: "Ev-home-1",
          event_time: 1,
          event: { type: "app_home_opened", user: "U0042", channel: "D0001", tab: "home", event_ts: "1.0" },
        },
      }),
    );
    await acknowledged;
    // The acknowledgement goes first; the view follows as soon as it is drawn.
    for (let i = 0; i < 200 && !slack.callsTo("views.publish").length; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    const [published] = slack.callsTo("views.publish");
    expect(published.body.user_id).toBe("U0042");
    const view = typeof published.body.view === "string" ? JSON.parse(published.body.view) : published.body.view;
    expect(view.type).toBe("home");
    expect(messageText(view)).toContain("You have no role yet");
  });
});
