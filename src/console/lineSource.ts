import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";

// Lines typed (or piped) into the console. readline's question() drops lines that arrive before
// it is asked, which loses a scripted session's input; lines are queued here as they come and
// handed out one per ask. On a terminal readline also edits the line (←, →, Home, End, Ctrl-W…)
// and recalls earlier lines with ↑ and ↓; Ctrl-C is handed to the session as an interruption
// instead of ending the process, and Ctrl-D on an empty line ends the input.

/** What ask() resolves with when the person pressed Ctrl-C. */
export const INTERRUPTED = Symbol("interrupted");

export interface LineSource {
  /** Prints the prompt and resolves with the next line, null at the end of the input, or INTERRUPTED on Ctrl-C. */
  ask(prompt: string): Promise<string | null | typeof INTERRUPTED>;
  close(): void;
}

export interface LineSourceOptions {
  echo: boolean;
  /** Line editing and history: the input is a terminal (or a test standing in for one). */
  terminal?: boolean;
  /** Earlier sessions' lines, oldest first, to recall with ↑. */
  history?: readonly string[];
  /** Called with each line worth remembering for the next session. */
  remember?: (line: string) => void;
}

export function lineSource(input: Readable, output: Writable, options: LineSourceOptions): LineSource {
  const terminal = options.terminal ?? false;
  const rl: Interface = createInterface({
    input,
    output: terminal ? output : undefined,
    terminal,
    historySize: 500,
    removeHistoryDuplicates: true,
    // readline keeps its history newest first.
    history: terminal ? [...(options.history ?? [])].reverse() : [],
  } as Parameters<typeof createInterface>[0]);
  const queued: (string | typeof INTERRUPTED)[] = [];
  const waiting: ((line: string | null | typeof INTERRUPTED) => void)[] = [];
  let ended = false;
  const hand = (item: string | typeof INTERRUPTED) => {
    const waiter = waiting.shift();
    if (waiter) waiter(item);
    else queued.push(item);
  };
  rl.on("line", (line) => {
    if (line.trim()) options.remember?.(line);
    hand(line);
  });
  // With a listener, readline no longer pauses the input on Ctrl-C: the session decides.
  rl.on("SIGINT", () => {
    output.write("^C\n");
    hand(INTERRUPTED);
  });
  rl.on("close", () => {
    ended = true;
    for (const waiter of waiting.splice(0)) waiter(null);
  });
  return {
    async ask(prompt) {
      if (terminal) {
        // Through readline, so it can redraw the prompt while the line is edited.
        rl.setPrompt(prompt.replace(/^\n+/, (newlines) => (output.write(newlines), "")));
        rl.prompt();
      } else {
        output.write(prompt);
      }
      const line =
        queued.length > 0 ? queued.shift()! : ended ? null : await new Promise<string | null | typeof INTERRUPTED>((resolve) => waiting.push(resolve));
      // Piped input is not shown by the terminal; echoing it makes the output read as a transcript.
      if (options.echo && !terminal && line !== INTERRUPTED) output.write(line === null ? "\n" : `${line}\n`);
      if (terminal && line === null) output.write("\n");
      return line;
    },
    close: () => rl.close(),
  };
}
