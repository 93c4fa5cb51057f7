import type { App, Receiver } from "@slack/bolt";

// A Bolt receiver with no network: the console hands it request bodies shaped like Slack's and
// gets back what the app acknowledged with, once every listener has finished.

export interface Delivery {
  /** False when no listener acknowledged (in Slack: "modbot didn't respond"). */
  acked: boolean;
  /** What the listener passed to ack(): a message, a view submission's response_action, options… */
  response: any;
}

export class ConsoleReceiver implements Receiver {
  private app: App | undefined;

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async deliver(body: Record<string, unknown>): Promise<Delivery> {
    if (!this.app) throw new Error("The console receiver was not attached to an app.");
    const delivery: Delivery = { acked: false, response: undefined };
    await this.app.processEvent({
      body,
      ack: async (response?: unknown) => {
        delivery.acked = true;
        delivery.response = response;
      },
    });
    return delivery;
  }
}
