/** Lint-style checks on an elaborated module (filled in below). */
import type { ElabContext } from './context';
import type { ElaboratedModule } from './types';

export function runChecks(m: ElaboratedModule, ctx: ElabContext): void {
  void m;
  void ctx;
}
