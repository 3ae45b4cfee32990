/** How the core reads a file: its text, or undefined when it cannot be read (the host decides why, and what may be read). */
export type ReadFile = (absPath: string) => string | undefined;
