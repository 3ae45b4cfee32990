/**
 * The report stage's facade (presentation): the report model the webview and the standalone HTML
 * render, and the standalone file itself. Only lsp/ and cli/ import this; the browser-side view code
 * lives in ./view and imports nothing but ./types.
 */
export { buildReportModel, type ReportInput } from './build-model';
export { renderStandaloneHtml, standaloneCsp } from './standalone-html';
export { processFigures } from './process-figures';
export { chipletStudy } from './chiplet-study';
export * from './types';
export { acceleratorSectionFor, type SweepHooks } from './accelerator-section';
export { reportProcessModels, EUV_PROCESS } from './models';
