/**
 * Macros and includes can be followed (issue 18, problem 6), on ../shared/designs/accel_top:
 * definition of `` `ACCEL_ROWS `` is its `` `define `` in accel_defs.vh, of the `` `include `` the
 * file; the hover of a macro use shows the definition and the expansion at that use.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisHost } from '../src/analysis/host';
import type { FeatureContext } from '../src/analysis/features/context';
import { definition } from '../src/analysis/features/navigation';
import { hover } from '../src/analysis/features/hover';
import { testHost } from './support/host';
import { positionOf } from './features-helpers';
import { REPO_ROOT } from './support/lsp-client';

const ACCEL = path.join(REPO_ROOT, '..', 'shared', 'designs', 'accel_top');
const TOP = path.join(ACCEL, 'accel_top.v');
const DEFS = path.join(ACCEL, 'accel_defs.vh');

let host: AnalysisHost;
let ctx: FeatureContext;
beforeAll(async () => {
  host = await testHost();
  host.open(TOP, readFileSync(TOP, 'utf8'));
  ctx = { host, readText: (f) => host.get(f)?.sourceText ?? readFileSync(f, 'utf8') };
});
afterAll(() => host.dispose());

describe('macros and includes', () => {
  it('go to definition on a macro use lands on its `define in the included file', () => {
    const defs = definition(ctx, TOP, positionOf(TOP, '`ACCEL_ROWS', 0, 3));
    expect(defs).toHaveLength(1);
    expect(defs[0].file).toBe(DEFS);
    expect(defs[0].range.start.line).toBe(positionOf(DEFS, '`define ACCEL_ROWS').line);
  });

  it('go to definition on an include opens the file', () => {
    const defs = definition(ctx, TOP, positionOf(TOP, '"accel_defs.vh"', 0, 3));
    expect(defs.map((d) => d.file)).toEqual([DEFS]);
  });

  it('the hover of a macro use shows its definition and its expansion there', () => {
    const h = hover(ctx, TOP, positionOf(TOP, '`ACCEL_ROWS', 0, 3))!;
    expect(h.markdown).toContain('`define ACCEL_ROWS 4');
    expect(h.markdown).toMatch(/defined in `accel_defs\.vh` at line \d+/);
    expect(h.markdown).toMatch(/Expands here to:\n```verilog\n4\n```/);
  });
});
