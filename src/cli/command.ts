/** Shape of one CLI verb. Each lives in cli/commands/<verb>.ts and is loaded lazily by cli/main.ts. */
export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Is stderr a TTY (progress bars only then). */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Full `--help` text. */
  usage: string;
  /** Returns the exit code: 0 ok, 1 the check/command failed, 2 usage error. */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Thrown for bad flags/arguments; main prints the message + usage and exits 2. */
export class UsageError extends Error {}
