/**
 * Estimates for the editor: the workspace's current estimate under the active process model
 * (`WorkspaceEstimates`), and the views the language server turns into code lenses, inlay hints,
 * hovers, budget diagnostics and the status bar. Pure: no LSP here.
 */
export { WorkspaceEstimates, editorClocks, type Elaborated, type ReadFile } from './workspace-estimates';
export { lenses, hints, hoverAddition, statusText, moduleLensTitle, type LensView, type HintView } from './views';
export { signalTiming, operatorAt, type SignalTiming, type OperatorCost } from './signals';
export type { EstimateSettings, ModuleFigures, TopFigures, InstanceFigures, PathStage, WorkspaceEstimate } from './types';
