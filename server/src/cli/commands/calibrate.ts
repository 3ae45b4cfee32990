/**
 * `ppa-lens calibrate`: the calibration flow lives in node/calibrate.ts (Node-only: yosys, ABC and
 * OpenSTA or the WebAssembly synthesis tier), shared with the language server's calibrate command.
 */
export { runCalibrate, type CalibrateIo } from '../../node/calibrate';
