/**
 * The calibration data model: per operator family, area (µm²) and delay (ps) as small linear models
 * of the operator's width / input count, fitted against a reference synthesis flow (yosys + ABC +
 * OpenSTA on a liberty library). A calibration is plain JSON so that a user can produce one for
 * their own library (`ppa-lens calibrate`) and the estimator needs no synthesis tool at run time.
 */

/** One measured operator instance, as the reference flow reports it. */
export interface GroundTruthRow {
  /** Sweep design name: adder, subtractor, multiplier, mac, mux, comparator, less_than, equality,
   *  shifter, shift_const, bitwise, register, register_en_rst, counter, memory, ... */
  design: string;
  /** Verilog parameters of the instance, e.g. { W: 16, SIGNED: 0 }. */
  params: Record<string, number>;
  /** yosys `stat -liberty` cell area, µm². */
  area_um2: number;
  /** OpenSTA minimum period (clock period minus worst slack), ps; includes clk->Q and setup. */
  delay_ps: number;
  cells?: number;
  flops?: number;
  /** Data arrival time of the worst path (without setup), ps, when known. */
  arrival_ps?: number;
}

/** Operator families the estimator asks about. */
export type OperatorFamily =
  | 'add'
  | 'sub'
  | 'mul'
  | 'mac'
  | 'mux'
  | 'lt'
  | 'eq'
  | 'shift_var'
  | 'shift_const'
  | 'bitwise'
  | 'reg'
  | 'reg_en_rst'
  | 'counter'
  | 'mem_flop';

export type ShiftMode = 'sll' | 'srl' | 'sra' | 'rol';

/** Size of one operator instance. */
export interface OperatorParams {
  /** Operand width in bits (for a register/memory: word width; for a mux: data width). */
  W: number;
  /** Second operand width (multiplier/MAC with unequal operands); defaults to W. */
  W2?: number;
  /** Number of data inputs of a mux. */
  N?: number;
  /** Depth (words) of a memory. */
  D?: number;
  signed?: boolean;
  mode?: ShiftMode;
}

/** Basis functions a linear model may use; see `terms.ts` for their definitions. */
export type Term =
  | '1'
  | 'W'
  | 'log2W'
  | 'W*log2W'
  | 'W*W2'
  | 'W+W2'
  | 'log2(W*W2)'
  | '(N-1)*W'
  | 'N*W'
  | 'log2N'
  | 'log2W*[N>1]'
  | 'D*W'
  | 'D'
  | 'log2D';

/** One data point of a fit: the measured value and what the fitted model gives for it. */
export interface FitPoint {
  params: OperatorParams;
  value: number;
  fitted: number;
}

/** Quality of a fit, over its own data points. */
export interface FitStats {
  /** Coefficient of determination; null when it is undefined (fewer than 2 points or constant data). */
  r2: number | null;
  /** max and mean of |fitted - value| / value over the points. */
  maxAbsRelErr: number;
  meanAbsRelErr: number;
  n: number;
  points: FitPoint[];
}

/** value = Σ coef[i] · term[i](params). */
export interface LinearFit extends FitStats {
  form: 'linear';
  terms: Term[];
  coef: number[];
}

/** value = k · (the same metric of model `base`), for variants with too few points of their own. */
export interface ScaledFit extends FitStats {
  form: 'scaled';
  base: ModelKey;
  k: number;
}

export type Fit = LinearFit | ScaledFit;

/**
 * Model keys: a family, or a family and its variant (`mul.s`, `shift_var.sra`, ...).
 * 'combinational' models exclude flops and clocking: their delay is input->output with the flow's
 * input driver and output load. 'sequential' models (registers, counters, flop memories) include
 * their flops in the area, and their delay is the flow's full minimum period (clk->Q, setup).
 */
export interface OperatorModel {
  scope: 'combinational' | 'sequential';
  /** Sweep designs the points came from, and how they were adjusted. */
  source: string;
  area: Fit;
  delay: Fit;
}

export type ModelKey = string;

export interface Calibration {
  schema: 'ppa-lens-calibration/1';
  /** Which library and flow the numbers come from (free text, for reports). */
  library: string;
  flow: string;
  units: { area: 'um2'; delay: 'ps' };
  /** Flop timing and area, for the estimator's register->register paths. */
  clock: {
    /** Launch: clk->Q of a flop driving an output (includes the QN inverter of QN-only flops). */
    clkToQPs: number;
    /** Capture: setup time, from register->register paths (period minus arrival). */
    setupPs: number;
    /** Area of one plain register bit (flop plus its inverter), µm². */
    flopAreaUm2: number;
  };
  /** Delay of a bare wire from input to output through the flow's driver and load (ps): the
   *  I/O overhead inside every combinational delay, which chained operators should count once. */
  ioDelayPs: number;
  /** Fallback for logic no family covers: per bit of a 2-input bitwise op (one gate-equivalent). */
  randomLogic: { areaPerGateUm2: number; delayPerLevelPs: number };
  models: Record<ModelKey, OperatorModel>;
  /** Rows the fitter did not use (composite designs, unknown names), as "design params". */
  unused: string[];
}
