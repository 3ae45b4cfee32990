/**
 * The defaults of the `ppaLens.*` settings as the client sees them (the server's view of the settings
 * is `PpaLensSettings` in server/src/lsp/settings.ts). Pure (no `vscode` import) so
 * a test can hold these defaults and package.json's `contributes.configuration` to each other.
 */

export type TraceLevel = 'off' | 'messages' | 'verbose';

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
