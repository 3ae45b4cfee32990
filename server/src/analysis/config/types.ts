/** The workspace config file `ppa-lens.json`, after loading: paths absolute, clocks parsed. */
import type { Budgets, ClockTarget } from '../budgets/types';

export type FailOn = 'error' | 'warning';

export interface WorkspaceConfig {
  /** Absolute path of the ppa-lens.json it came from ('' when there is none). */
  file: string;
  top?: string;
  /** Absolute paths or absolute glob patterns ("/w/rtl/*.sv"); the shell expands globs. */
  files: string[];
  filelists: string[];
  includeDirs: string[];
  defines: Record<string, string>;
  /** A built-in model name, or the absolute path of a process file. */
  processModel?: string;
  clocks: ClockTarget[];
  budgets: Omit<Budgets, 'clocks'>;
  failOn?: FailOn;
}

export const CONFIG_FILE_NAME = 'ppa-lens.json';

export function emptyConfig(): WorkspaceConfig {
  return { file: '', files: [], filelists: [], includeDirs: [], defines: {}, clocks: [], budgets: {} };
}
