/** Calibration of the per-operator area/delay models: data model, fitter, evaluator. */
export type * from './types';
export { fitCalibration, type FitOptions } from './fit';
export { operatorArea, operatorDelay, modelKeyFor, findModel, randomLogicArea, randomLogicDelay } from './evaluate';
export { parseGroundTruthCsv, formatGroundTruthCsv, parseParams, formatParams } from './csv';
export { formatCalibration, summarizeCalibration } from './format';
