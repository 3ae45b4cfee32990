/**
 * The netlist timer of the synthesis tier (synth/sta.ts over synth/liberty.ts's timing view):
 *  - on a hand-written library of round numbers, a netlist whose three paths are computed by hand
 *    below (interpolation, extrapolation, unateness, setup, the driving cell, a false path);
 *  - on the shipped ASAP7 library, a five-cell netlist against OpenSTA 2.0.17 run on the same
 *    netlist with the reference flow's constraints (figures recorded from that run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { lookupTable, parseLibertyGroups, parseTimingLibrary } from '../src/synth/liberty';
import { RESET_PORT_RE, timeNetlist, type YosysJson } from '../src/synth/sta';

// delay tables: index_1 input slew (0, 10), index_2 load (0, 10); constraint tables: index_1 data slew, index_2 clock slew
const LIB = `library (hand) {
  time_unit : "1ps";
  capacitive_load_unit (1,ff);
  lu_table_template (d2) { variable_1 : input_net_transition; variable_2 : total_output_net_capacitance; index_1 ("0, 10"); index_2 ("0, 10"); }
  lu_table_template (c2) { variable_1 : constrained_pin_transition; variable_2 : related_pin_transition; index_1 ("0, 10"); index_2 ("0, 10"); }
  /* a comment */
  cell (BUF) {
    area : 1;
    pin (A) { direction : input; capacitance : 1; }
    pin (Y) { direction : output; function : "A";
      timing () { related_pin : "A"; timing_sense : positive_unate;
        cell_rise (d2) { values ("10, 20", \\
                                "12, 22"); }
        cell_fall (d2) { values ("10, 20", "12, 22"); }
        rise_transition (d2) { values ("5, 15", "5, 15"); }
        fall_transition (d2) { values ("5, 15", "5, 15"); }
      }
    }
  }
  cell (INV) {
    area : 1;
    pin (A) { direction : input; capacitance : 2; }
    pin (Y) { direction : output; function : "!A";
      timing () { related_pin : "A"; timing_sense : negative_unate;
        cell_rise (d2) { values ("20, 40", "30, 50"); }
        cell_fall (d2) { values ("10, 30", "20, 40"); }
        rise_transition (d2) { values ("4, 14", "4, 14"); }
        fall_transition (d2) { values ("4, 14", "4, 14"); }
      }
    }
  }
  cell (DFF) {
    area : 4;
    ff (IQ, IQN) { clocked_on : "CLK"; next_state : "D"; }
    pin (CLK) { direction : input; clock : true; capacitance : 1; }
    pin (D) { direction : input; capacitance : 1.5;
      timing () { related_pin : "CLK"; timing_type : setup_rising;
        rise_constraint (c2) { values ("8, 8", "18, 18"); }
        fall_constraint (c2) { values ("6, 6", "16, 16"); }
      }
    }
    pin (Q) { direction : output; function : "IQ";
      timing () { related_pin : "CLK"; timing_type : rising_edge;
        cell_rise (d2) { values ("30, 50", "30, 50"); }
        cell_fall (d2) { values ("25, 45", "25, 45"); }
        rise_transition (d2) { values ("6, 16", "6, 16"); }
        fall_transition (d2) { values ("6, 16", "6, 16"); }
      }
    }
  }
}
`;

// a -> u1 -> r1/D ; r1/Q -> u2 -> y ; rst -> u3 -> u4 -> u5 -> z ; clk -> r1/CLK
const bits = { clk: 2, a: 3, rst: 4, y: 5, z: 6, n1: 7, q: 8, n3: 9, n4: 10 };
const NETLIST: YosysJson = {
  modules: {
    top: {
      ports: {
        clk: { direction: 'input', bits: [bits.clk] },
        a: { direction: 'input', bits: [bits.a] },
        rst: { direction: 'input', bits: [bits.rst] },
        y: { direction: 'output', bits: [bits.y] },
        z: { direction: 'output', bits: [bits.z] },
      },
      cells: {
        u1: { type: 'INV', connections: { A: [bits.a], Y: [bits.n1] } },
        r1: { type: 'DFF', connections: { CLK: [bits.clk], D: [bits.n1], Q: [bits.q] } },
        u2: { type: 'INV', connections: { A: [bits.q], Y: [bits.y] } },
        u3: { type: 'INV', connections: { A: [bits.rst], Y: [bits.n3] } },
        u4: { type: 'INV', connections: { A: [bits.n3], Y: [bits.n4] } },
        u5: { type: 'INV', connections: { A: [bits.n4], Y: [bits.z] } },
      },
    },
  },
};

test('the liberty group parser reads groups, attributes, complex attributes and continuations', () => {
  const root = parseLibertyGroups(LIB);
  const lib = root.groups[0];
  expect(lib.type).toBe('library');
  expect(lib.attrs.time_unit).toBe('1ps');
  expect(lib.groups.filter((g) => g.type === 'cell').map((g) => g.args[0])).toEqual(['BUF', 'INV', 'DFF']);
  const t = parseTimingLibrary(LIB);
  const arc = t.cells.BUF.pins.Y.arcs[0];
  expect(arc.cellRise).toEqual({ xs: [0, 10], ys: [0, 10], v: [[10, 20], [12, 22]] });
  // interpolation and linear extrapolation on both axes
  expect(lookupTable(arc.cellRise!, 5, 5)).toBeCloseTo(16, 9);
  expect(lookupTable(arc.cellRise!, 20, -10)).toBeCloseTo(4, 9);
  expect(t.cells.DFF.pins.D.checks[0]).toMatchObject({ clock: 'CLK', kind: 'setup' });
  expect(t.cells.DFF.pins.CLK.clock).toBe(true);
});

test('a hand-computed netlist: driving cell, unateness, slews, clock-to-Q, setup, false path', () => {
  const lib = parseTimingLibrary(LIB);
  const opt = { driverCell: 'BUF', driverPin: 'Y', outputLoad: 3 };
  // Without the false path, rst -> u3 -> u4 -> u5 -> z is the worst:
  //  rst: BUF at load 2 (u3/A) adds 12 - 10 = 2 ps to its unloaded delay; slew 5 + 2 = 7
  //  u3 (load 2, slew 7): rise 24 + 0.7 * 10 = 31 -> 33, fall 14 + 7 = 21 -> 23; slew 4 + 2 = 6
  //  u4 (load 2, slew 6): rise from u3 fall 23 + 30 = 53, fall from u3 rise 33 + 20 = 53; slew 6
  //  u5 (load 3, slew 6): rise from u4 fall 53 + (26 + 6) = 85, fall from u4 rise 53 + (16 + 6) = 75
  const all = timeNetlist(NETLIST, 'top', lib, opt);
  if (typeof all === 'string') throw new Error(all);
  expect(all.periodPs).toBeCloseTo(85, 9);
  expect(all.startpoint).toBe('rst');
  expect(all.endpoint).toBe('z');
  expect(all.path.map((p) => p.name)).toEqual(['rst', 'u3', 'u4', 'u5']);
  // With rst a false path (the reference flow's reset pattern):
  //  r1/Q (load 2): rise 30 + 2 * 2 = 34, fall 25 + 4 = 29, slew 6 + 2 = 8
  //  u2 (load 3, slew 8): rise from Q fall 29 + (26 + 8) = 63, fall from Q rise 34 + (16 + 8) = 58
  //  a -> u1 -> r1/D: a arrives at 2 (slew 7); u1 (load 1.5): rise 2 + (23 + 7) = 32, slew 5.5;
  //  setup of a rising D at slew 5.5: 8 + 5.5 = 13.5 -> 45.5 (less than 63)
  const r = timeNetlist(NETLIST, 'top', lib, { ...opt, falsePathInputs: RESET_PORT_RE });
  if (typeof r === 'string') throw new Error(r);
  expect(r.periodPs).toBeCloseTo(63, 9);
  expect(r.startpoint).toBe('r1');
  expect(r.endpoint).toBe('y');
  expect(r.path.map((p) => [p.name, p.arrival])).toEqual([
    ['r1', 29],
    ['u2', 63],
  ]);
  expect(r.endpoints).toBe(3); // y, z, r1/D
  // the input -> flop path alone: remove the flop's output reader
  const inOnly: YosysJson = JSON.parse(JSON.stringify(NETLIST));
  delete inOnly.modules.top.cells.u2;
  const i = timeNetlist(inOnly, 'top', lib, { ...opt, falsePathInputs: RESET_PORT_RE });
  if (typeof i === 'string') throw new Error(i);
  expect(i.periodPs).toBeCloseTo(45.5, 9);
  expect(i.endpoint).toBe('r1/D');
});

test('bad netlists give a reason, not a crash', () => {
  const lib = parseTimingLibrary(LIB);
  const opt = { driverCell: 'BUF', driverPin: 'Y', outputLoad: 3 };
  const unknown: YosysJson = { modules: { top: { ports: {}, cells: { x: { type: 'NOPE', connections: {} } } } } };
  expect(timeNetlist(unknown, 'top', lib, opt)).toMatch(/NOPE.*not in the library/);
  expect(timeNetlist({ modules: {} }, 'top', lib, opt)).toMatch(/no module/);
  // a combinational loop: its cells are left untimed, counted
  const loop: YosysJson = {
    modules: { top: { ports: { y: { direction: 'output', bits: [3] } }, cells: { a: { type: 'INV', connections: { A: [3], Y: [4] } }, b: { type: 'INV', connections: { A: [4], Y: [3] } } } } },
  };
  const r = timeNetlist(loop, 'top', lib, opt);
  expect(typeof r !== 'string' && r.loopCells).toBe(2);
});

test('ASAP7: a five-cell netlist times as OpenSTA does on the reference flow constraints', () => {
  const text = gunzipSync(readFileSync(join(__dirname, '../src/synth/liberty/asap7-rvt-tt.full.lib.gz'))).toString('utf8');
  const lib = parseTimingLibrary(text);
  expect(Object.keys(lib.cells)).toHaveLength(121);
  // r0 (DFFHQNx1) -> NAND2x1 (with input b) -> INVx1 -> r1 (DFFHQNx1) -> INVx2 -> y
  const n = { clk: 2, a: 3, b: 4, y: 5, q0: 6, n1: 7, n2: 8, q1: 9 };
  const net: YosysJson = {
    modules: {
      small: {
        ports: {
          clk: { direction: 'input', bits: [n.clk] },
          a: { direction: 'input', bits: [n.a] },
          b: { direction: 'input', bits: [n.b] },
          y: { direction: 'output', bits: [n.y] },
        },
        cells: {
          r0: { type: 'DFFHQNx1_ASAP7_75t_R', connections: { CLK: [n.clk], D: [n.a], QN: [n.q0] } },
          g0: { type: 'NAND2x1_ASAP7_75t_R', connections: { A: [n.q0], B: [n.b], Y: [n.n1] } },
          i0: { type: 'INVx1_ASAP7_75t_R', connections: { A: [n.n1], Y: [n.n2] } },
          r1: { type: 'DFFHQNx1_ASAP7_75t_R', connections: { CLK: [n.clk], D: [n.n2], QN: [n.q1] } },
          o0: { type: 'INVx2_ASAP7_75t_R', connections: { A: [n.q1], Y: [n.y] } },
        },
      },
    },
  };
  const r = timeNetlist(net, 'small', lib, { driverCell: 'BUFx2_ASAP7_75t_R', driverPin: 'Y', outputLoad: 3.898, falsePathInputs: RESET_PORT_RE });
  if (typeof r === 'string') throw new Error(r);
  // OpenSTA 2.0.17 (report_checks, same netlist and constraints): r0/QN 46.986, g0/Y 57.336,
  // i0/Y 65.083 (arrival at r1/D), library setup time 16.978: period 82.061 ps; r1 -> y 64.837 ps
  expect(r.path.map((p) => [p.name, p.arrival])).toEqual([
    ['r0', 46.986],
    ['g0', 57.336],
    ['i0', 65.083],
  ]);
  expect(r.periodPs).toBeCloseTo(82.061, 2);
  expect(r.endpoint).toBe('r1/D');
});
