/**
 * No false errors on valid code (issue 20): one fixture per class of false error that the sv-tests
 * conformance suite and the corpus showed, each checked alone as `ppa-lens check` does, plus the
 * conformance runner's reading of a test's metadata header (scripts/conformance.mjs).
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeTest, includedNames, parseMetadata } from '../../scripts/conformance.mjs';
import { ppaLens } from './support/ci-run';
import { FIXTURES } from './support/paths';

const DIR = path.join(FIXTURES, 'conformance');

interface JsonDiagnostic {
  line: number;
  severity: string;
  code: string;
  message: string;
}

async function check(file: string): Promise<JsonDiagnostic[]> {
  const r = await ppaLens(['check', '--format', 'json', '--no-config', path.join(DIR, file)], DIR);
  expect(r.err).toBe('');
  return (JSON.parse(r.out) as { diagnostics: JsonDiagnostic[] }).diagnostics;
}

/** What each fixture must still report (so that a fixture silently read as nothing cannot pass). */
const EXPECTED: Record<string, Array<(d: JsonDiagnostic[]) => boolean>> = {
  'implicit_nets.v': [
    (d) => d.some((x) => x.code === 'sem-implicit-net' && x.message.includes("'both'") && x.severity === 'warning'),
    (d) => d.some((x) => x.code === 'sem-implicit-net' && x.message.includes("'floating'")),
  ],
  'design_units.sv': [
    // the interface instance is flattened into nets (the SystemVerilog support): its signals exist
    (d) => d.some((x) => x.code === 'sem-unused' && x.message.includes("'lane.valid'")),
    (d) => d.some((x) => x.code === 'sem-unsupported' && x.message.includes("program 'lane_check'")),
  ],
  'class_types.sv': [(d) => ['counter_cls', 'shape_if', 'mailbox', 'base_shape'].every((n) => d.some((x) => x.code === 'sem-unsupported' && x.message.includes(`class type '${n}'`)))],
  'begin_keywords.v': [(d) => !d.some((x) => x.code.startsWith('syntax-'))],
  'trailing_port_comma.v': [(d) => d.filter((x) => x.code === 'syntax-nonstandard' && x.severity === 'warning' && x.line === 6).length === 1],
  'paren_operand_parser_limit.sv': [(d) => d.filter((x) => x.code === 'syntax-unsupported' && x.severity === 'warning' && x.line === 6).length === 1],
  'interface_class.sv': [(d) => d.filter((x) => x.message.includes('interface class')).length === 2],
  // the event-timed block is left out of the logic (a note), not read as combinational
  'named_event.sv': [(d) => d.some((x) => x.code === 'sem-unsupported' && x.line === 14), (d) => !d.some((x) => x.severity === 'warning')],
  'type_of_expression.sv': [(d) => d.some((x) => x.code === 'sem-unsupported' && x.message.includes('real type')), (d) => !d.some((x) => x.severity === 'warning')],
  'dead_arm_select.v': [(d) => !d.some((x) => x.code === 'sem-select-range')],
  'reads_outside_logic.sv': [(d) => d.some((x) => x.message.includes("class type 'tally_cls'")), (d) => !d.some((x) => x.severity === 'warning')],
};

describe('no false errors on valid code (test-fixtures/conformance)', () => {
  const files = readdirSync(DIR).filter((f) => /\.s?v$/.test(f)).sort();
  it('has the fixtures', () => expect(files.length).toBeGreaterThanOrEqual(12));
  for (const file of files) {
    it(`${file}: no error`, async () => {
      const diags = await check(file);
      expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
      for (const ok of EXPECTED[file] ?? []) expect(ok(diags), JSON.stringify(diags)).toBe(true);
    });
  }

  it('a concatenation used as an index names signals, not functions', async () => {
    const diags = await check('concat_index.v');
    expect(diags.filter((d) => /Function|never used/.test(d.message))).toEqual([]);
  });

  it('a constant function call with return gives the localparam a value (no not-constant)', async () => {
    const diags = await check('const_function_return.sv');
    expect(diags.some((d) => d.code === 'sem-not-constant')).toBe(false);
  });

  it('type(expression) has the width of the expression', async () => {
    // `var type(left_in + right_in) total` is 6 bits: assigned 6 bits without a width warning, and
    // two of it fill the 12-bit word_t exactly; a type named after the last operand would be undeclared
    const diags = await check('type_of_expression.sv');
    expect(diags.filter((d) => d.code === 'sem-width-mismatch' || d.code === 'sem-undeclared')).toEqual([]);
  });

  it('still reports a combinational loop on a signal and a variable only written by an initial block', async () => {
    const r = await ppaLens(['check', '--format', 'json', '--no-config', path.join(FIXTURES, 'conformance-negative', 'still_reported.sv')], DIR);
    const diags = (JSON.parse(r.out) as { diagnostics: JsonDiagnostic[] }).diagnostics;
    expect(diags.filter((d) => d.severity !== 'information').map((d) => `${d.line} ${d.code}`)).toEqual(['5 sem-unused', '6 sem-unused', '8 sem-comb-loop']);
  });

  it('a select of a real, or a real index, is an error (the real is declared, not undeclared)', async () => {
    const r = await ppaLens(['check', '--format', 'json', '--no-config', path.join(FIXTURES, 'conformance-negative', 'real_select.sv')], DIR);
    const diags = (JSON.parse(r.out) as { diagnostics: JsonDiagnostic[] }).diagnostics;
    expect(diags.filter((d) => d.severity === 'error').map((d) => `${d.line} ${d.code}`)).toEqual(['6 sem-real-select', '7 sem-real-select']);
  });

  it('a timescale magnitude other than 1, 10 or 100, or a precision coarser than the unit, is an error', async () => {
    const r = await ppaLens(['check', '--format', 'json', '--no-config', path.join(FIXTURES, 'conformance-negative', 'timescale_values.v')], DIR);
    const diags = (JSON.parse(r.out) as { diagnostics: JsonDiagnostic[] }).diagnostics;
    expect(diags.filter((d) => d.severity === 'error').map((d) => `${d.line} ${d.code}`)).toEqual(['3 pp-bad-directive', '4 pp-bad-directive']);
  });

  it('still reports a real error next to a valid construct', async () => {
    // the same concatenation index, with one of its names really undeclared
    const r = await ppaLens(['check', '--format', 'json', '--no-config', path.join(FIXTURES, 'conformance-negative', 'undeclared_in_concat_index.v')], DIR);
    const diags = (JSON.parse(r.out) as { diagnostics: JsonDiagnostic[] }).diagnostics;
    expect(diags.some((d) => d.severity === 'error' && d.code === 'sem-undeclared' && d.message.includes("'missing'"))).toBe(true);
  });
});

describe('conformance runner: metadata header', () => {
  const header = [
    '// a licence line',
    '',
    '/*',
    ':name: made_up_case',
    ':description: a synthetic header written for this test',
    ':should_fail_because: the body is wrong on purpose',
    ':tags: 11.4.2 7.3',
    ':incdirs: sub ../shared_inc',
    ':defines: WIDTH=8 FAST',
    ':top_module: the_top',
    ':type: simulation elaboration parsing',
    '*/',
    'module the_top; endmodule',
    '/*',
    ':name: not_a_header_any_more',
    '*/',
  ].join('\n');

  it('reads every key of the header comment and nothing after the code starts', () => {
    const m = parseMetadata(header);
    expect(m.name).toBe('made_up_case');
    expect(m.should_fail_because).toBe('the body is wrong on purpose');
    expect(m.tags).toBe('11.4.2 7.3');
    expect(m.incdirs).toBe('sub ../shared_inc');
  });

  it('describes the test: chapter from the file name, negative, incdirs, defines, top, type', () => {
    const t = describeTest('chapter-11/11.4.2--made-up.sv', header);
    expect(t).toMatchObject({
      isTest: true,
      chapter: '11',
      negative: true,
      incdirs: ['sub', '../shared_inc'],
      defines: ['WIDTH=8', 'FAST'],
      top: 'the_top',
      type: ['simulation', 'elaboration', 'parsing'],
      tags: ['11.4.2', '7.3'],
    });
  });

  it('takes the chapter from the folder, else the group folder; a file without :name: is a helper', () => {
    const positive = '/*\n:name: p\n:tags: 6.5\n*/\nmodule p; endmodule\n';
    expect(describeTest('chapter-6/helper_name.sv', positive)).toMatchObject({ chapter: '6', negative: false, incdirs: [], defines: [] });
    expect(describeTest('generic/class/class_test_0.sv', positive).chapter).toBe('generic');
    expect(describeTest('chapter-22/helper.sv', '// no header\nmodule h; endmodule\n').isTest).toBe(false);
  });

  it('lists quoted includes (for the runner-provided include folders)', () => {
    expect(includedNames('`include "uvm_macros.svh"\n  `include "a/b.vh" // why\n// `include "c.vh"\n')).toEqual(['uvm_macros.svh', 'a/b.vh']);
  });
});
