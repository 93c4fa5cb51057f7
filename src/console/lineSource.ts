import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";

// Lines typed (or piped) into the console. readline's question() drops lines that arrive before
// it is asked, which loses a scripted session's input; lines are queued here as they come and
// handed out one per ask.

export interface LineSource {
  /** Prints the prompt and resolves with the next line, or null at the end of the input. */
  ask(prompt: string): Promise<string | null>;
  close(): void;
}

export function lineSource(input: Readable, output: Writable, options: { echo: boolean }): LineSource {
  const rl = createInterface({ input, terminal: false });
  const queued: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let ended = false;
  rl.on("line", (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else queued.push(line);
  });
  rl.on("close", () => {
    ended = true;
    for (const waiter of waiting.splice(0)) waiter(null);
  });
  return {
    async ask(prompt) {
      output.write(prompt);
      const line =
        queued.length > 0 ? queued.shift()! : ended ? null : await new Promise<string | null>((resolve) => waiting.push(resolve));
      // Piped input is not shown by the terminal; echoing it makes the output read as a transcript.
      if (options.echo) output.write(line === null ? "\n" : `${line}\n`);
      return line;
    },
    close: () => rl.close(),
  };
}
