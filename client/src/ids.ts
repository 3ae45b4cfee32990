/**
 * Names the client shares with package.json's `contributes`. A test checks the manifest against
 * these, so renaming one here without the manifest (or the reverse) fails loudly.
 */

/** Client id: also the prefix of the `ppaLens.trace.server` setting vscode-languageclient reads. */
export const CLIENT_ID = 'ppaLens';
export const CLIENT_NAME = 'PPA Lens';

/** The settings section: `ppaLens.*`. */
export const SETTINGS_SECTION = 'ppaLens';

export const LANGUAGE_IDS = ['verilog', 'systemverilog'] as const;

export const OUTPUT_CHANNEL_NAME = 'PPA Lens';

/** Palette commands contributed by the extension. */
export const COMMANDS = {
  showReport: 'ppaLens.showReport',
  selectProcessModel: 'ppaLens.selectProcessModel',
  selectTop: 'ppaLens.selectTop',
  calibrate: 'ppaLens.calibrate',
  exportReport: 'ppaLens.exportReport',
  restartServer: 'ppaLens.restartServer',
  openExample: 'ppaLens.openExample',
  synthesizeModule: 'ppaLens.synthesizeModule',
} as const;

/** Context keys the extension sets, for `when` clauses in package.json. */
export const CONTEXT_KEYS = {
  /** True once the extension has activated (its commands then make sense in the palette). */
  active: 'ppaLens.active',
} as const;

/** Glob of workspace process model files offered by "Select Process Model". */
export const PROCESS_MODEL_FILE_GLOB = '**/*.ppa-process.json';
