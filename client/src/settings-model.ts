/**
 * The `ppaLens.*` settings as the client sees them, and their defaults. Pure (no `vscode` import) so
 * a test can hold these defaults and package.json's `contributes.configuration` to each other.
 */

export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface PpaLensSettings {
  includeDirs: string[];
  /** Macro name → value; an empty string defines the macro with no value. */
  defines: Record<string, string | number>;
  filelists: string[];
  /** Empty: the server infers the top (a module nobody instantiates). */
  top: string;
  /** A built-in model id, or a path to a `*.ppa-process.json` file (workspace-relative or absolute). */
  processModel: string;
  /** Clock port name → target frequency, e.g. { clk: "1.25GHz" }. */
  clocks: Record<string, string>;
  inlayHints: { enabled: boolean };
  codeLens: { enabled: boolean };
  /** The synthesis tier: its lens, and whether results may refine the workspace correction. */
  synthesis: { codeLens: boolean; learnFromDesign: 'ask' | 'always' | 'never' };
  /** Largest file the server reads or analyses, in bytes (larger ones are refused with a diagnostic). */
  maxFileBytes: number;
  trace: { server: TraceLevel };
}

export const DEFAULT_PROCESS_MODEL = 'duv-7nm-mp';

/** Defaults keyed by the full dotted setting name below `ppaLens.`, as package.json declares them. */
export const SETTING_DEFAULTS = {
  includeDirs: [] as string[],
  defines: {} as Record<string, string | number>,
  filelists: [] as string[],
  top: '',
  processModel: DEFAULT_PROCESS_MODEL,
  clocks: {} as Record<string, string>,
  'inlayHints.enabled': true,
  'codeLens.enabled': true,
  'synthesis.codeLens': true,
  'synthesis.learnFromDesign': 'ask' as 'ask' | 'always' | 'never',
  maxFileBytes: 16777216,
  'trace.server': 'off' as TraceLevel,
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;

/** Frequencies the server understands: a decimal number and a unit. */
export const FREQUENCY_PATTERN = '^\\s*[0-9]+(\\.[0-9]+)?\\s*(GHz|MHz|kHz|Hz)\\s*$';
