/**
 * A die larger than the scanner's reticle field cannot be made as one die: an error on the top
 * module's header, saying by how much, so the user sees it where the design starts (and the
 * chiplet comparison is the way out).
 */
import type { Diagnostic } from '../base/diagnostic';
import type { ModuleDecl } from '../semantic';

export interface ReticleVerdict {
  fits: boolean;
  reticleAreaMm2: number;
}

export function reticleDiagnostic(top: ModuleDecl | undefined, dieAreaMm2: number, verdict: ReticleVerdict, processName: string): Diagnostic | undefined {
  if (verdict.fits || !top) return undefined;
  const over = dieAreaMm2 / verdict.reticleAreaMm2;
  const mm2 = (x: number) => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toPrecision(3));
  return {
    file: top.file,
    range: top.nameLoc.range,
    severity: 'error',
    code: 'process-reticle-exceeded',
    message: `The die (${mm2(dieAreaMm2)} mm²) is ${over.toFixed(2)}x the reticle field (${mm2(verdict.reticleAreaMm2)} mm²) of ${processName}: it cannot be made as one die; split it into chiplets (ppa-lens cost --chiplets auto)`,
  };
}
