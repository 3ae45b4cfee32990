/**
 * The committed ASAP7 calibration (calibration/asap7.json), bundled into the product so the estimator
 * needs neither Yosys nor file access at run time. Regenerate the JSON with
 * `node scripts/calibrate/fit-from-csv.mjs` (or `ppa-lens calibrate` for another library).
 */
import type { Calibration } from './calibration/types';
import asap7 from './calibration/asap7.json';

export const ASAP7_CALIBRATION: Calibration = asap7 as unknown as Calibration;
