/**
 * `ppa-lens cost`: what-if manufacturing cost of a die without a design: dies per wafer, yield,
 * cost per good die and amortised masks under a process model, and optionally monolithic against
 * N chiplets (Chiplet Actuary). Exit 0 ok, 2 on usage or input errors (one line on stderr; a bad
 * model file is reported as file:line:col).
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_PROCESS,
  PACKAGE_TYPES,
  compareChiplets,
  manufacturingResult,
  suggestChipletCount,
  type ChipletComparison,
  type ManufacturingResult,
  type PackageType,
  type PackagedOption,
  type ProcessModel,
} from '../../process/index';
import { EXIT, UsageError, type CliIO } from '../io';
import { CliSession } from '../session';

export const COST_HELP = `Usage: ppa-lens cost --die-area MM2 [options]

Dies per wafer, yield and cost per good die of a die under a process model; with --chiplets,
monolithic against N chiplets (die-to-die overhead, package, bonding yield, wasted known-good dies).

Options:
      --die-area MM2        die (or design) area in mm² (required)
      --process NAME|FILE   built-in model (duv-7nm-mp, euv-7nm, asap7-reference) or a
                            *.ppa-process.json file (default ${DEFAULT_PROCESS})
      --chiplets N|auto     compare with N chiplets (2..8), or the cheapest count
      --package os|fo|si    chiplet package: organic substrate, fan-out, silicon interposer (default os)
      --d0 PER_CM2          override the defect density
      --alpha A             override the negative-binomial cluster parameter
      --wafer-cost USD      override the wafer price
      --format text|json    output format (default text)
  -h, --help                this help

Exit status: 0 ok, 2 usage or input error.
`;

type CostIO = Pick<CliIO, 'stdout' | 'stderr' | 'readFile' | 'cwd' | 'refusal'>;

export async function runCost(argv: string[], io: CostIO): Promise<number> {
  try {
    return run(argv, io);
  } catch (e) {
    // One line, whatever the source (parseArgs writes some messages over several lines).
    const msg = (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ');
    io.stderr(`ppa-lens cost: ${msg}\n`);
    return EXIT.usage;
  }
}

function run(argv: string[], io: CostIO): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'die-area': { type: 'string' },
      process: { type: 'string', default: DEFAULT_PROCESS },
      chiplets: { type: 'string' },
      package: { type: 'string' },
      d0: { type: 'string' },
      alpha: { type: 'string' },
      'wafer-cost': { type: 'string' },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(COST_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see --help)`);
  if (values['die-area'] === undefined) throw new UsageError('--die-area MM2 is required');
  const area = number('--die-area', values['die-area'], (x) => x > 0, 'a positive area in mm²');
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  const pkg = values.package ?? 'os';
  if (!(PACKAGE_TYPES as readonly string[]).includes(pkg)) throw new UsageError(`--package must be os, fo or si, not '${pkg}'`);
  if (values.package !== undefined && values.chiplets === undefined) throw new UsageError('--package needs --chiplets');
  let chiplets: number | 'auto' | undefined;
  if (values.chiplets !== undefined) {
    chiplets =
      values.chiplets === 'auto'
        ? 'auto'
        : number('--chiplets', values.chiplets, (x) => Number.isInteger(x) && x >= 2 && x <= 8, 'an integer from 2 to 8, or auto');
  }

  // the process model as every command loads it (a usage error, file:line:col, when it does not load)
  const model = withOverrides(new CliSession(io).processModel(values.process), values);

  const mono = manufacturingResult(area, model);
  // A die that leaves no whole die on the wafer has no cost per good die (it would print as $∞ or $NaN).
  if (!(mono.diesPerWafer >= 1))
    throw new UsageError(`--die-area ${values['die-area']} mm² leaves no whole die on a ${model.manufacturing.wafer.diameterMm} mm wafer`);
  let cmp: ChipletComparison | undefined;
  if (chiplets !== undefined) {
    cmp =
      chiplets === 'auto'
        ? suggestChipletCount(area, pkg as PackageType, model).comparison
        : compareChiplets(area, chiplets, pkg as PackageType, model);
  }
  io.stdout(format === 'json' ? JSON.stringify(toJson(model, mono, cmp), null, 2) + '\n' : toText(model, mono, cmp));
  return EXIT.ok;
}

function number(flag: string, raw: string, ok: (x: number) => boolean, what: string): number {
  const x = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(x) || !ok(x)) throw new UsageError(`${flag} must be ${what}, not '${raw}'`);
  return x;
}

function withOverrides(model: ProcessModel, v: { d0?: string; alpha?: string; 'wafer-cost'?: string }): ProcessModel {
  const m = structuredClone(model);
  if (v.d0 !== undefined) m.manufacturing.defects.d0PerCm2 = number('--d0', v.d0, (x) => x >= 0, 'a defect density ≥ 0 per cm²');
  if (v.alpha !== undefined) m.manufacturing.defects.clusterAlpha = number('--alpha', v.alpha, (x) => x > 0, 'a cluster parameter > 0');
  if (v['wafer-cost'] !== undefined)
    m.manufacturing.wafer.costUsd = number('--wafer-cost', v['wafer-cost'], (x) => x >= 0, 'a wafer price ≥ 0 in USD');
  return m;
}

// ---- JSON -------------------------------------------------------------------------------------

const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

function optionJson(o: PackagedOption) {
  return {
    die_area_mm2: r2(o.dieAreaMm2),
    dies_per_wafer: Math.round(o.die.diesPerWafer),
    yield: r4(o.die.yield),
    cost_per_good_die_usd: r2(o.die.costPerGoodDieUsd),
    kgd_cost_usd: r2(o.die.costPerGoodDieUsd * o.count),
    package_cost_usd: r2(o.package.packageUsd),
    mask_sets: o.maskSets,
    mask_cost_per_unit_usd: r2(o.maskCostPerUnitUsd),
    total_cost_usd: r2(o.totalUsd),
    reticle_ok: o.reticleFits,
  };
}

function toJson(model: ProcessModel, mono: ManufacturingResult, cmp?: ChipletComparison) {
  const d = model.manufacturing.defects;
  const out: Record<string, unknown> = {
    process: model.name,
    die_area_mm2: r2(mono.dieAreaMm2),
    dies_per_wafer: Math.round(mono.diesPerWafer),
    yield: r4(mono.yield),
    yield_model: d.yieldModel,
    d0_per_cm2: d.d0PerCm2,
    alpha: d.clusterAlpha,
    wafer_cost_usd: model.manufacturing.wafer.costUsd,
    raw_die_usd: r2(mono.rawDieUsd),
    cost_per_good_die_usd: r2(mono.costPerGoodDieUsd),
    mask_cost_per_unit_usd: r2(mono.maskCostPerUnitUsd),
    unit_cost_usd: r2(mono.unitCostUsd),
    reticle_ok: mono.reticle.fits,
  };
  if (cmp) {
    out.monolithic = { package: 'os', ...optionJson(cmp.monolithic) };
    out.chiplets = { count: cmp.chiplets.count, package: cmp.chiplets.package.type, ...optionJson(cmp.chiplets) };
    out.cheaper = cmp.cheaper;
    out.savings_usd = r2(cmp.savingsUsd);
    out.savings_pct = Math.round(cmp.savingsFraction * 1000) / 10;
  }
  return out;
}

// ---- text -------------------------------------------------------------------------------------

const usd = (x: number) =>
  '$' + x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usd0 = (x: number) => '$' + Math.round(x).toLocaleString('en-US');
const mm2 = (x: number) => `${x.toFixed(2)} mm²`;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function row(label: string, ...cols: string[]): string {
  return `  ${label.padEnd(22)}${cols.map((c) => c.padEnd(18)).join('').trimEnd()}\n`;
}

function toText(model: ProcessModel, mono: ManufacturingResult, cmp?: ChipletComparison): string {
  const m = model.manufacturing;
  const d = m.defects;
  const yieldNote = d.yieldModel === 'negative-binomial' ? `${d.yieldModel}, D0 ${d.d0PerCm2}/cm², α ${d.clusterAlpha}` : `${d.yieldModel}, D0 ${d.d0PerCm2}/cm²`;
  let s = `ppa-lens cost: ${model.name}\n`;
  s += row('die area', `${mm2(mono.dieAreaMm2)}  (${mm2(mono.grownAreaMm2)} with ${m.wafer.scribeMm} mm scribe)`);
  s += row('dies per wafer', `${Math.round(mono.diesPerWafer)}  (${m.wafer.diameterMm} mm wafer, ${m.wafer.edgeLossMm} mm edge loss)`);
  s += row('yield', `${pct(mono.yield)}  (${yieldNote})`);
  s += row('wafer cost', usd0(m.wafer.costUsd));
  s += row('cost per good die', `${usd(mono.costPerGoodDieUsd)}  (raw ${usd(mono.rawDieUsd)} + defects ${usd(mono.defectCostUsd)})`);
  s += row('mask set', `${usd0(m.masks.setCostUsd)} (${m.masks.count} masks) over ${m.masks.volumeUnits.toLocaleString('en-US')} units = ${usd(mono.maskCostPerUnitUsd)} per unit`);
  s += row('unit cost', `${usd(mono.unitCostUsd)}  (good die + masks, before packaging)`);
  s += row(
    'reticle',
    mono.reticle.fits
      ? `fits (${mm2(mono.dieAreaMm2)} of ${mm2(mono.reticle.reticleAreaMm2)})`
      : `EXCEEDED: ${mm2(mono.dieAreaMm2)} > ${mm2(mono.reticle.reticleAreaMm2)} (needs stitching, not priced)`,
  );
  if (!cmp) return s;

  const a = cmp.monolithic;
  const b = cmp.chiplets;
  s += `\nmonolithic on os against ${b.count} chiplets on ${b.package.type} (+${(model.packaging.d2d.areaFraction * 100).toFixed(0)} % die-to-die area each)\n`;
  s += row('', 'monolithic', `${b.count} chiplets`);
  s += row('die area (each)', mm2(a.dieAreaMm2), mm2(b.dieAreaMm2));
  s += row('dies per wafer', String(Math.round(a.die.diesPerWafer)), String(Math.round(b.die.diesPerWafer)));
  s += row('yield', pct(a.die.yield), pct(b.die.yield));
  s += row('cost per good die', usd(a.die.costPerGoodDieUsd), usd(b.die.costPerGoodDieUsd));
  s += row('known-good dies', usd(a.die.costPerGoodDieUsd * a.count), usd(b.die.costPerGoodDieUsd * b.count));
  s += row('package', usd(a.package.packageUsd), usd(b.package.packageUsd));
  s += row('  incl. wasted KGD', usd(a.package.wastedKgdUsd), usd(b.package.wastedKgdUsd));
  s += row('masks per unit', `${usd(a.maskCostPerUnitUsd)} (${a.maskSets} set)`, `${usd(b.maskCostPerUnitUsd)} (${b.maskSets} sets)`);
  s += row('total per unit', usd(a.totalUsd), usd(b.totalUsd));
  if (!b.reticleFits) s += row('reticle', '', 'EXCEEDED by each chiplet');
  s += `cheaper: ${cmp.cheaper}, by ${usd(cmp.savingsUsd)} per unit (${pct(cmp.savingsFraction)})\n`;
  return s;
}
