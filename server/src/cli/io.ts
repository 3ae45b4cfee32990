/** What a CLI command may touch, injected so commands are testable in process. */
export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(absPath: string): string | undefined;
  /** Why the last read of `absPath` was refused (outside the working folder, not a regular file, too large). */
  refusal?(absPath: string): string | undefined;
  /** Sets the read policy: the folders reads are confined to (undefined: anywhere) and the size bound. */
  setReadPolicy?(policy: { roots?: string[]; maxBytes?: number }): void;
  /** Lets reads into one more folder (the folder of the ppa-lens.json in use). */
  allowFolder?(dir: string): void;
  /** Reads a ppa-lens.json candidate in the working folder or a parent (the search for the config is not confined). */
  readConfigCandidate?(absPath: string): string | undefined;
  cwd: string;
}

/** "cannot read FILE" with the reason when the read was refused. */
/**
 * `readFile` for the preprocessor: a refused include throws its reason, which the preprocessor
 * shows in the include's diagnostic (outside the working folder, a device, too large).
 */
export function includeReader(io: Pick<CliIO, 'readFile' | 'refusal'>): (p: string) => string | undefined {
  return (p) => {
    const text = io.readFile(p);
    const why = text === undefined ? io.refusal?.(p) : undefined;
    if (why) throw new Error(why);
    return text;
  };
}

/** Exit codes, as every command uses them. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A usage or input error: one line on stderr saying what and where, exit 2. */
export class UsageError extends Error {}
