/**
 * The CLI command contract. Each command is one file under src/cli/commands/ and is listed
 * in the explicit registry src/cli/commands/index.ts. Commands never call process.exit and
 * never read process.env: `main` passes the environment in and exits with the returned code.
 */
import type { Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** True when stderr is a terminal: progress bars go there, never to stdout. */
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Resolves when the user asked to stop (SIGINT/SIGTERM). */
  signal: AbortSignal;
}

export interface Command {
  /** `serve`, `ingest`, `rules lint`, `evtx dump` (sub-commands are space separated). */
  name: string;
  summary: string;
  /** Full --help text. */
  usage: string;
  /** Returns the exit code: 0 ok, 1 findings/failures, 2 usage error. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** A usage problem: main prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
