import { afterEach } from "vitest";
import { takeBreaches } from "./blockKitContract.ts";

// A payload Slack would refuse fails the test during which the bot sent it.
afterEach(() => {
  const found = takeBreaches();
  if (found.length) throw new Error(found.join("\n\n"));
});
