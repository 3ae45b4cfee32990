/**
 * Recurring cost of putting dies into a package, in the model of Chiplet Actuary (Feng & Ma,
 * DAC'22; README §3, CA2/CA3). All packages sit on an organic substrate; fan-out (fo) and silicon
 * interposer (si) packages add an interposer made on its own wafer with its own yield.
 *
 * Organic substrate (os):
 *   package area = areaFactor · Σ die area; raw = area · $/mm² · f, with f = 1 for one die,
 *   else 1.5, 1.75 above 17×17 mm, 2 above 30×30 mm (more substrate layers to route between dies)
 *   y_b = bondYield^n; package defect = raw · (1/y_b − 1); wasted KGD = dies · (1/y_b − 1)
 * Interposer (fo, si), with y1 = interposer yield, y2 = bondYield^n, y3 = os.bondYield:
 *   chip-last:  package defect = interposer·(1/(y1·y2·y3) − 1) + substrate·(1/y3 − 1),
 *               wasted KGD = dies·(1/(y2·y3) − 1)
 *   chip-first: package defect = interposer·(1/(y1·y3) − 1) + substrate·(1/y3 − 1),
 *               wasted KGD = dies·(1/(y1·y3) − 1)
 * One deliberate difference: micro-bump cost is charged for every die (Chiplet Actuary charges
 * it once per distinct chip type).
 */
import type { DieCost } from './die-cost';
import { diesPerWafer, type WaferGeometry } from './dies-per-wafer';
import type { PackageType, Packaging } from './model';
import { dieYield } from './yield-models';

export interface PackageCost {
  type: PackageType;
  chips: number;
  siliconAreaMm2: number;
  packageAreaMm2: number;
  /** Interposer area (fo, si); 0 for os. */
  interposerAreaMm2: number;
  /** Interposer yield (fo, si); 1 for os. */
  interposerYield: number;
  /** Probability that the whole assembly survives bonding. */
  assemblyBondYield: number;
  /** Σ raw die cost. */
  rawChipsUsd: number;
  /** Σ (KGD − raw) die cost. */
  defectChipsUsd: number;
  /** C4 bumps (os) or micro-bumps (fo, si) on the dies. */
  bumpsUsd: number;
  /** Substrate, plus interposer for fo/si, before yield. */
  rawPackageUsd: number;
  defectPackageUsd: number;
  /** Known-good dies thrown away with failed assemblies. */
  wastedKgdUsd: number;
  /** Everything but the KGD cost of the dies: bumps + raw + defect package + wasted KGD. */
  packageUsd: number;
  totalUsd: number;
}

function substrateFactor(chips: number, areaMm2: number): number {
  if (chips <= 1) return 1;
  if (areaMm2 > 30 * 30) return 2;
  if (areaMm2 > 17 * 17) return 1.75;
  return 1.5;
}

/** Cost of `dies` (each with its own DieCost) in one package of `type`. */
export function packagedCost(
  dies: readonly DieCost[],
  type: PackageType,
  p: Packaging,
  wafer: WaferGeometry,
): PackageCost {
  const n = dies.length;
  const silicon = dies.reduce((s, d) => s + d.dieAreaMm2, 0);
  const rawChips = dies.reduce((s, d) => s + d.rawDieUsd, 0);
  const defectChips = dies.reduce((s, d) => s + d.defectCostUsd, 0);
  const base = { type, chips: n, siliconAreaMm2: silicon, rawChipsUsd: rawChips, defectChipsUsd: defectChips };

  if (type === 'os') {
    const area = silicon * p.os.areaFactor;
    const raw = area * p.os.costPerMm2 * substrateFactor(n, area);
    const bumps = silicon * p.os.bumpCostPerMm2;
    const yb = Math.pow(p.os.bondYield, n);
    const loss = 1 / yb - 1;
    const defectPackage = raw * loss;
    const wasted = (rawChips + defectChips + bumps) * loss;
    return finish(base, {
      packageAreaMm2: area,
      interposerAreaMm2: 0,
      interposerYield: 1,
      assemblyBondYield: yb,
      bumpsUsd: bumps,
      rawPackageUsd: raw,
      defectPackageUsd: defectPackage,
      wastedKgdUsd: wasted,
    });
  }

  const ip = p[type];
  const interposerArea = silicon * ip.areaFactor;
  const area = interposerArea * p.os.areaFactor;
  const interposer = ip.waferCostUsd / diesPerWafer(interposerArea, wafer) + interposerArea * p.os.bumpCostPerMm2;
  const substrate = area * p.os.costPerMm2;
  const bumps = silicon * ip.ubumpCostPerMm2;
  const y1 = dieYield(interposerArea, { model: 'negative-binomial', d0PerCm2: ip.d0PerCm2, alpha: ip.alpha });
  const y2 = Math.pow(ip.bondYield, n);
  const y3 = p.os.bondYield;
  const chipsValue = rawChips + defectChips + bumps;
  const defectPackage = ip.chipLast
    ? interposer * (1 / (y1 * y2 * y3) - 1) + substrate * (1 / y3 - 1)
    : interposer * (1 / (y1 * y3) - 1) + substrate * (1 / y3 - 1);
  const wasted = ip.chipLast ? chipsValue * (1 / (y2 * y3) - 1) : chipsValue * (1 / (y1 * y3) - 1);
  return finish(base, {
    packageAreaMm2: area,
    interposerAreaMm2: interposerArea,
    interposerYield: y1,
    assemblyBondYield: y2 * y3,
    bumpsUsd: bumps,
    rawPackageUsd: interposer + substrate,
    defectPackageUsd: defectPackage,
    wastedKgdUsd: wasted,
  });
}

type Base = Pick<PackageCost, 'type' | 'chips' | 'siliconAreaMm2' | 'rawChipsUsd' | 'defectChipsUsd'>;
type Rest = Omit<PackageCost, keyof Base | 'packageUsd' | 'totalUsd'>;

function finish(base: Base, rest: Rest): PackageCost {
  const packageUsd = rest.bumpsUsd + rest.rawPackageUsd + rest.defectPackageUsd + rest.wastedKgdUsd;
  return { ...base, ...rest, packageUsd, totalUsd: base.rawChipsUsd + base.defectChipsUsd + packageUsd };
}
