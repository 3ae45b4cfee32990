/** What a CLI command may touch, injected so commands are testable in process. */
export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(absPath: string): string | undefined;
  cwd: string;
}

/** Exit codes, as every command uses them. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A usage or input error: one line on stderr saying what and where, exit 2. */
export class UsageError extends Error {}
