import { describe, expect, test } from 'vitest';
import { ASAP7_CELLS, RESET_PORT_RE, netlistInputs, parseSta, parseStat, staScript, yosysScript } from '../src/estimate/calibration/flow-scripts';
import { DEFAULT_SWEEP, parseSweepSpec, withRequired } from '../src/estimate/calibration/sweep';
import { SWEEP_MODULES } from '../src/estimate/calibration/sweep-rtl';
import { mapRow } from '../src/estimate/calibration/row-map';

// excerpts of a real run (ppl_register, N=8) of yosys 0.23 `stat -liberty` and OpenSTA 2.0.17
const STAT = `
12. Printing statistics.

=== ppl_register ===

   Number of wires:                 11
   Number of cells:                 16
     DFFHQNx1_ASAP7_75t_R            8
     INVx3_ASAP7_75t_R               8

   Chip area for module '\\ppl_register': 2.916000
`;
const STA = `Startpoint: _16_ (rising edge-triggered flip-flop clocked by clk)
Endpoint: q[0] (output port clocked by clk)
   0.000    0.000 ^ _16_/CLK (DFFHQNx1_ASAP7_75t_R)
  50.779   50.779 v _16_/QN (DFFHQNx1_ASAP7_75t_R)
  16.019   66.798 ^ _12_/Y (INVx3_ASAP7_75t_R)
   0.000   66.798 ^ q[0] (out)
           66.798   data arrival time
         9933.202   slack (MET)


worst slack 9933.202
`;

describe('reference flow scripts and reports', () => {
  test('parses area, cell counts and the minimum period', () => {
    expect(parseStat(STAT, 'ppl_register')).toEqual({ area: 2.916, cells: 16, counts: { DFFHQNx1_ASAP7_75t_R: 8, INVx3_ASAP7_75t_R: 8 } });
    expect(parseSta(STA, 10000)).toEqual({ delay: 66.798, arrival: 66.798 });
    expect(parseSta('Error: no paths', 10000)).toBeUndefined();
  });

  test('the yosys script is the README flow, with chparam before hierarchy', () => {
    const s = yosysScript({
      verilog: '/w/x.v',
      top: 'ppl_mul',
      params: { W: 16, SIGNED: 0 },
      libs: { full: '/l/f.lib', seq: '/l/s.lib', area: '/l/a.lib' },
      cells: ASAP7_CELLS,
      work: '/w',
    }).split('\n');
    expect(s.slice(0, 9)).toEqual([
      'read_verilog -sv "/w/x.v"',
      'chparam -set W 16 -set SIGNED 0 ppl_mul',
      'hierarchy -check -top ppl_mul',
      'rename -top ppl_mul',
      'synth -top ppl_mul -flatten',
      'dfflibmap -liberty /l/s.lib',
      'opt',
      'setundef -zero',
      'abc -liberty /l/f.lib -constr /w/abc.constr -script /w/abc.script',
    ]);
    expect(s).toContain('hilomap -singleton -hicell TIEHIx1_ASAP7_75t_R H -locell TIELOx1_ASAP7_75t_R L');
    expect(s).toContain('tee -o /w/stat.txt stat -liberty /l/a.lib');
    expect(s.indexOf('splitnets -ports')).toBeGreaterThan(s.findIndex((l) => l.startsWith('tee -o')));
  });

  test('STA: clock or virtual clock, I/O constraints, reset inputs as false paths', () => {
    const netlist = 'module t(clk, rst, \\d[0] );\n  input clk;\n  input rst;\n  input \\d[0] ;\n  input [3:0] en_rst_n;\n  output q;\n';
    const inputs = netlistInputs(netlist);
    expect(inputs).toEqual(['clk', 'd', 'en_rst_n', 'rst']);
    expect(inputs.filter((p) => RESET_PORT_RE.test(p))).toEqual(['en_rst_n', 'rst']);
    const seq = staScript({ libFull: '/l/f.lib', netlist: '/w/n.v', top: 't', clock: 'clk', periodPs: 10000, resetPorts: ['rst'], cells: ASAP7_CELLS });
    expect(seq).toContain('create_clock -name clk -period 10000 [get_ports {clk}]');
    expect(seq).toContain('set_driving_cell -lib_cell BUFx2_ASAP7_75t_R -pin Y $data_in');
    expect(seq).toContain('set_load 3.898 [all_outputs]');
    expect(seq).toContain('set_false_path -from [get_ports {rst}]');
    const comb = staScript({ libFull: '/l/f.lib', netlist: '/w/n.v', top: 't', periodPs: 10000, resetPorts: [], cells: ASAP7_CELLS });
    expect(comb).toContain('create_clock -name clk -period 10000\nset data_in [all_inputs]');
  });
});

describe('sweep', () => {
  test('every default point has RTL and feeds a model', () => {
    for (const p of DEFAULT_SWEEP) {
      const mod = SWEEP_MODULES[p.design];
      expect(mod, p.design).toBeDefined();
      for (const k of Object.keys(p.params)) expect(mod.source, `${p.design} ${k}`).toMatch(new RegExp(`parameter ${k} =`));
      expect(mapRow({ design: p.design, params: p.params, area_um2: 1, delay_ps: 1 }), p.design).toBeDefined();
    }
  });
  test('specs parse, unknown designs are refused, the fitter\'s required points are added', () => {
    const pts = parseSweepSpec('adder:W=8,adder:W=16');
    expect(pts).toEqual([
      { design: 'adder', params: { W: 8 } },
      { design: 'adder', params: { W: 16 } },
    ]);
    expect(withRequired(pts).map((p) => p.design)).toEqual(['adder', 'adder', 'register', 'bitwise', 'shift_const']);
    expect(() => parseSweepSpec('divider:W=8')).toThrow(/unknown sweep design 'divider'/);
  });
});
