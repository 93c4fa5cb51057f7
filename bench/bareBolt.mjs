// A bare Bolt app for bench/burst.ts: same Bolt version and HTTP receiver as modbot, a /mod
// command that acks with a static card, or opens a static modal with views.open and then acks.
// Run as its own process so it is measured the way `modbot start` is.
import { App, LogLevel } from "@slack/bolt";

const card = [
  { type: "header", text: { type: "plain_text", text: "SECMP0053 Static card" } },
  { type: "section", text: { type: "mrkdwn", text: "*Stage:* Refinement\n*Next step:* Working Group" } },
];
const modal = {
  type: "modal",
  callback_id: "raise",
  title: { type: "plain_text", text: "Raise a Draft Proposal" },
  submit: { type: "plain_text", text: "Raise" },
  blocks: [{ type: "input", block_id: "title", label: { type: "plain_text", text: "Title" }, element: { type: "plain_text_input", action_id: "title" } }],
};

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: LogLevel.ERROR,
});
app.command("/mod", async ({ command, ack, client }) => {
  if (command.text.startsWith("raise")) {
    await client.views.open({ trigger_id: command.trigger_id, view: modal });
    await ack();
    return;
  }
  await ack({ response_type: "ephemeral", text: "SECMP0053", blocks: card });
});
app.view("raise", async ({ ack }) => {
  await ack({ response_action: "update", view: modal });
});
await app.start(Number(process.env.PORT ?? 0));
console.log(`HTTP on port ${process.env.PORT}`);
