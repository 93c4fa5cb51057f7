export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** What `modbot NAME --help` prints; without it, the usage and the summary. */
  help?: string;
  /** Resolves with the exit code; a long-running command resolves once it has started. */
  run(args: string[]): Promise<number>;
}
