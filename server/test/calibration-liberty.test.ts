import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { canonicalFf, globToRegExp, mergeLiberty, splitLibrary } from '../src/estimate/calibration/liberty';

const libA = `/* license A */
library (libA) {
  time_unit : "1ps";
  capacitive_load_unit (1,ff)
  lu_table_template (t7) {
    variable_1 : input_net_transition;
  }
  cell (INVx1_X) {
    area : 0.04374;
    pin (A) { direction : input; }
    comment : "a } brace in a string";
  }
  cell (INVxp33_X) {
    area : 0.03;
  }
}
`;
const libB = `library (libB) {
  time_unit : "1ps";
  lu_table_template (t7) {
    variable_1 : input_net_transition;
  }
  lu_table_template (t5) {
    variable_1 : total_output_net_capacitance;
  }
  cell (BUFx2_X) {
    area : 0.0729
  }
  cell (DFFASRHQNx1_X) {
    area : 0.37908;
    ff (IQN,IQNN) {
      clear : "!SETN";
      clear_preset_var1 : L;
      clear_preset_var2 : H;
      clocked_on : "CLK";
      next_state : "!D";
      preset : "!RESETN";
    }
  }
}
`;

describe('liberty text processing', () => {
  test('splits top-level statements, honouring strings, and complex attributes without ";"', () => {
    const lib = splitLibrary(libA);
    expect(lib.name).toBe('libA');
    expect(lib.prefix).toContain('license A');
    expect(lib.items.map((i) => i.key)).toEqual([
      'time_unit : "1ps";',
      'capacitive_load_unit (1,ff)',
      'lu_table_template (t7)',
      'cell (INVx1_X)',
      'cell (INVxp33_X)',
    ]);
  });

  test('globs follow fnmatch', () => {
    expect(globToRegExp('*xp*_ASAP7*').test('NAND2xp33_ASAP7_75t_R')).toBe(true);
    expect(globToRegExp('*xp*_ASAP7*').test('NAND2x1_ASAP7_75t_R')).toBe(false);
    expect(globToRegExp('SDF*').test('SDFHx1_ASAP7_75t_R')).toBe(true);
    expect(globToRegExp('a?c').test('abc')).toBe(true);
  });

  test('rewrites an inverted flop state with clear/preset swapped', () => {
    const { text, changed } = canonicalFf(libB.slice(libB.indexOf('cell (DFF')));
    expect(changed).toBe(true);
    expect(text).toContain('ff (IQNN,IQN) {');
    expect(text).toContain('next_state : "D"');
    expect(text).toContain('preset : "!SETN"');
    expect(text).toContain('clear : "!RESETN"');
    expect(text).toContain('clear_preset_var2 : L');
    expect(text).toContain('clear_preset_var1 : H');
    expect(canonicalFf('cell (X) { ff (Q,QN) { next_state : "D"; } }').changed).toBe(false);
  });

  test('merges: first header, de-duplicated templates, excluded cells, seq and area-only copies', () => {
    const m = mergeLiberty(
      [
        { path: 'a.lib', text: libA },
        { path: 'b.lib', text: libB },
      ],
      { name: 'merged', exclude: ['*xp*'] },
    );
    expect(m.cells).toEqual(['INVx1_X', 'BUFx2_X', 'DFFASRHQNx1_X']);
    expect(m.excluded).toBe(1);
    expect(m.ffRewritten).toBe(1);
    expect(m.seqCells).toEqual(['DFFASRHQNx1_X']);
    expect(m.areas).toEqual({ INVx1_X: 0.04374, BUFx2_X: 0.0729, DFFASRHQNx1_X: 0.37908 });
    expect(m.full.match(/lu_table_template \(t7\)/g)).toHaveLength(1);
    expect(m.full).toContain('lu_table_template (t5)');
    expect(m.full).toContain('library (merged) {');
    expect(m.full).not.toContain('INVxp33_X');
    // the merged text is itself a well-formed library
    expect(splitLibrary(m.full).items.filter((i) => i.key.startsWith('cell')).length).toBe(3);
    expect(splitLibrary(m.seq).items.filter((i) => i.key.startsWith('cell')).map((i) => i.key)).toEqual(['cell (DFFASRHQNx1_X)']);
    expect(m.area).toContain('cell (BUFx2_X) {\n    area : 0.0729 ;');
    expect(m.area).not.toContain('lu_table_template');
  });

  test('a cell name twice is an error', () => {
    expect(() => mergeLiberty([{ path: 'a', text: libA }, { path: 'b', text: libA }], { name: 'x', exclude: [] })).toThrow(/duplicate cell INVx1_X/);
  });

  test('the ASAP7 SEQ library: every QN-only flop is rewritten, scan flops and ICGs dropped', () => {
    const text = gunzipSync(readFileSync('../shared/pdk/asap7/asap7sc7p5t_SEQ_RVT_TT_nldm_220123.lib.gz')).toString('utf8');
    const m = mergeLiberty([{ path: 'seq', text }], { name: 'seq', exclude: ['*x1p*_ASAP7*', '*xp*_ASAP7*', 'SDF*', 'ICG*'] });
    expect(m.cells.some((c) => c.startsWith('SDF') || c.startsWith('ICG'))).toBe(false);
    expect(m.cells).toContain('DFFHQNx1_ASAP7_75t_R');
    expect(m.areas['DFFHQNx1_ASAP7_75t_R']).toBeCloseTo(0.2916, 6);
    expect(m.full).not.toMatch(/next_state\s*:\s*"!/);
    expect(m.ffRewritten).toBeGreaterThan(0);
  });
});
