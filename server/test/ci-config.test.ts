/**
 * ppa-lens.json: the schema in code equals the shipped file, every problem is located at the
 * offending value or key, paths resolve against the file's folder, clock targets parse the same
 * from every source, and the layers merge with the command line first.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeBudgets } from '../src/analysis/budgets/index';
import { clockComments, configSchema, findConfigFile, formatFrequency, parseClockAssignment, parseConfig, parseFrequencyMhz } from '../src/analysis/config/index';
import { inputArgs } from '../src/cli/ci-options';
import { ROOT } from './support/paths';

const F = '/w/proj/ppa-lens.json';
/** "line:col: message" of each diagnostic, 1-based as the CLI prints them. */
const located = (text: string) =>
  parseConfig(F, text).diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.code}: ${d.message}`);

describe('ppa-lens.json: schema and located errors', () => {
  it('the schema the loader uses is the one shipped to VS Code', () => {
    const shipped = JSON.parse(readFileSync(path.join(ROOT, 'schemas/ppa-lens-config.schema.json'), 'utf8'));
    expect(configSchema()).toEqual(shipped);
  });

  it('JSON syntax errors point at the offending character', () => {
    expect(located('{\n  "top": "x",\n}')).toEqual(['3:1: config-json-syntax: JSON syntax: PropertyNameExpected', '3:1: config-json-syntax: JSON syntax: ValueExpected']);
    expect(located('')[0]).toMatch(/^1:1: config-json-syntax/);
  });

  it('schema violations point at the value, unknown fields and bad names at the key', () => {
    const text = [
      '{',
      '  "top": "9top",',
      '  "clocks": { "clk": "fast", "9a": "1GHz", "c2": 0 },',
      '  "budgets": { "maxArea": 3, "maxCostUsd": -1 },',
      '  "failOn": "info",',
      '  "defines": { "W": 8, "X": true },',
      '  "files": ["a.v", "a.v"],',
      '  "colour": 1',
      '}',
    ].join('\n');
    expect(located(text)).toEqual([
      '8:3: config-invalid: unknown field "colour" in (top level); known fields: $schema, top, files, filelists, includeDirs, defines, processModel, clocks, budgets, failOn',
      '2:10: config-invalid: top must be an identifier (got "9top")',
      '7:12: config-invalid: files lists the same entry twice',
      '6:29: config-invalid: defines.X must be a string or number (got true)',
      '3:30: config-invalid: "9a" is not a valid name in clocks (letters, digits, _ and $; not starting with a digit)',
      '3:22: config-invalid: clocks.clk must be a frequency such as "1.25GHz" or "800MHz", or a number of MHz (got "fast")',
      '3:50: config-invalid: clocks.c2 must be a frequency such as "1.25GHz" or "800MHz", or a number of MHz (got 0)',
      '4:16: config-invalid: unknown field "maxArea" in budgets; known fields: maxAreaUm2, maxDieAreaMm2, maxCostUsd',
      '4:44: config-invalid: budgets.maxCostUsd must be > 0 (got -1)',
      '5:13: config-invalid: failOn must be one of "error", "warning" (got "info")',
    ]);
    expect(parseConfig(F, text).config).toBeUndefined();
  });

  it('a valid file: comments allowed, paths relative to its folder, clocks in MHz with their location', () => {
    const text = '{\n  // the design\n  "top": "t",\n  "files": ["rtl/*.v"],\n  "filelists": ["../f.f"],\n  "includeDirs": ["inc"],\n  "defines": { "W": 8, "E": "" },\n  "processModel": "models/fab.ppa-process.json",\n  "clocks": { "clk": "1.25GHz", "io": 800, "slow": "250 kHz" },\n  "budgets": { "maxAreaUm2": 1000 },\n  "failOn": "warning"\n}';
    const { config, diagnostics } = parseConfig(F, text);
    expect(diagnostics).toEqual([]);
    expect(config).toMatchObject({
      file: F,
      top: 't',
      files: ['/w/proj/rtl/*.v'],
      filelists: ['/w/f.f'],
      includeDirs: ['/w/proj/inc'],
      defines: { W: '8', E: '' },
      processModel: '/w/proj/models/fab.ppa-process.json',
      budgets: { maxAreaUm2: 1000 },
      failOn: 'warning',
    });
    expect(config!.clocks.map((c) => [c.name, c.mhz, c.source, c.loc!.range.start.line + 1, c.loc!.range.start.character + 1])).toEqual([
      ['clk', 1250, 'config', 9, 22],
      ['io', 800, 'config', 9, 39],
      ['slow', 0.25, 'config', 9, 52],
    ]);
    expect(parseConfig(F, '{ "processModel": "euv-7nm" }').config!.processModel).toBe('euv-7nm');
  });

  it('finds ppa-lens.json in the folder or the nearest parent that has one', () => {
    const files: Record<string, string> = { '/w/ppa-lens.json': '{}', '/w/a/b/ppa-lens.json': '{}' };
    const read = (p: string) => files[p];
    expect(findConfigFile('/w/a/b/c', read)).toBe('/w/a/b/ppa-lens.json');
    expect(findConfigFile('/w/a', read)).toBe('/w/ppa-lens.json');
    expect(findConfigFile('/elsewhere', read)).toBeUndefined();
  });
});

describe('clock targets', () => {
  it('frequencies with units, or MHz', () => {
    expect(parseFrequencyMhz('1.25GHz')).toBe(1250);
    expect(parseFrequencyMhz('800MHz')).toBe(800);
    expect(parseFrequencyMhz(' 800 mhz ')).toBe(800);
    expect(parseFrequencyMhz('500')).toBe(500);
    expect(parseFrequencyMhz(650)).toBe(650);
    expect(parseFrequencyMhz('100kHz')).toBeCloseTo(0.1);
    for (const bad of ['fast', '0', '-1GHz', '1.2.3GHz', '', 0, -5, NaN]) expect(parseFrequencyMhz(bad as string)).toBeUndefined();
    expect(parseClockAssignment('clk=1.25GHz')).toEqual({ name: 'clk', mhz: 1250 });
    expect(parseClockAssignment('clk_io = 800')).toEqual({ name: 'clk_io', mhz: 800 });
    expect(parseClockAssignment('clk')).toBeUndefined();
    expect(parseClockAssignment('clk=soon')).toBeUndefined();
    expect(formatFrequency(1250)).toBe('1.25 GHz');
    expect(formatFrequency(800)).toBe('800 MHz');
  });

  it('// ppa: clock comments in the top module and the comment block above it; bad ones are located', () => {
    const text = [
      '// other module',
      '// ppa: clock nope 1GHz',
      'module other; endmodule',
      '// the top',
      '// ppa: clock clk 1.25GHz',
      'module top(input clk, input io);',
      '  // ppa: clock io=400MHz',
      '  //ppa:clock  x  fast',
      'endmodule',
    ].join('\n');
    const r = clockComments('/w/top.v', text, { start: { line: 5, character: 0 }, end: { line: 8, character: 9 } });
    expect(r.clocks.map((c) => [c.name, c.mhz, c.source, c.loc!.range.start.line, c.loc!.range.start.character])).toEqual([
      ['clk', 1250, 'comment', 4, 0],
      ['io', 400, 'comment', 6, 2],
    ]);
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.severity])).toEqual([['budget-bad-clock-comment', 7, 2, 'warning']]);
  });

  it('// ppa: clock comments: reading only the module\'s lines finds what reading every line finds', () => {
    // the reading of the whole text, line by line, as a reference
    const reference = (text: string, from: number, to: number) => {
      const lines = text.split('\n');
      let first = from;
      while (first > 0 && /^\s*\/\//.test(lines[first - 1])) first--;
      const found: string[] = [];
      for (let line = first; line <= Math.min(to, lines.length - 1); line++) {
        const m = /\/\/\s*ppa:\s*clock\b(.*)$/.exec(lines[line].replace(/\r$/, ''));
        if (m) found.push(`${line}:${m.index}`);
      }
      return found;
    };
    const pieces = ['// ppa: clock clk 1GHz', '  // ppa: clock io 2GHz', '// a comment', 'module m(input clk);', 'endmodule', '', '  assign a = b; // ppa: clock bad', '/* ppa: */'];
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    for (let k = 0; k < 300; k++) {
      const n = 1 + rnd(12);
      const eol = rnd(3) === 0 ? '\r\n' : '\n';
      const text = Array.from({ length: n }, () => pieces[rnd(pieces.length)]).join(eol) + (rnd(2) ? eol : '');
      const from = rnd(n + 2);
      const to = from + rnd(n + 2);
      const r = clockComments('/w/t.v', text, { start: { line: from, character: 0 }, end: { line: to, character: 0 } });
      const got = [...r.clocks.map((c) => c.loc!.range.start), ...r.diagnostics.map((d) => d.range.start)]
        .sort((a, b) => a.line - b.line || a.character - b.character)
        .map((p) => `${p.line}:${p.character}`);
      expect(got, JSON.stringify({ text, from, to })).toEqual(reference(text, from, to));
    }
  });

  it('layers merge per clock and per limit, highest priority first', () => {
    const cli = { clocks: [{ name: 'clk', mhz: 1000, source: 'cli' as const }], maxAreaUm2: 10 };
    const config = { clocks: [{ name: 'clk', mhz: 2000, source: 'config' as const }, { name: 'io', mhz: 100, source: 'config' as const }], maxAreaUm2: 20, maxCostUsd: 3 };
    const comment = { clocks: [{ name: 'io', mhz: 5, source: 'comment' as const }, { name: 'aux', mhz: 50, source: 'comment' as const }] };
    const m = mergeBudgets(cli, config, comment);
    expect(m.clocks.map((c) => `${c.name}=${c.mhz}/${c.source}`)).toEqual(['clk=1000/cli', 'io=100/config', 'aux=50/comment']);
    expect(m.maxAreaUm2).toBe(10);
    expect(m.maxCostUsd).toBe(3);
    expect(m.maxDieAreaMm2).toBeUndefined();
  });

  it('inputs: files from the command line replace the config files; include folders and defines add up, -D wins', () => {
    const config = { ...parseConfig(F, '{ "files": ["a.v"], "filelists": ["l.f"], "includeDirs": ["inc"], "defines": { "W": 8 } }').config! };
    expect(inputArgs([], {}, config)).toEqual({ positionals: ['/w/proj/a.v'], opts: { filelist: ['/w/proj/l.f'], include: ['/w/proj/inc'], define: ['W=8'] } });
    expect(inputArgs(['b.v'], { include: ['i2'], define: ['W=16'] }, config)).toEqual({
      positionals: ['b.v'],
      opts: { filelist: undefined, include: ['i2', '/w/proj/inc'], define: ['W=8', 'W=16'] },
    });
  });
});
