export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** Resolves with the exit code; a long-running command resolves once it has started. */
  run(args: string[]): Promise<number>;
}
