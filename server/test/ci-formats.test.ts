/**
 * `check` and `estimate` in every output format on the CI fixture (a design with a clock target it
 * misses, clk_core at 2 GHz from a // ppa: clock comment, and one it meets, clk_io at 800 MHz from
 * ppa-lens.json): golden files, SARIF valid against the official 2.1.0 schema, GitHub escaping.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { CODES } from '../src/base/codes';
import { escapeData, escapeProperty, toGithub } from '../src/cli/formats/github';
import { CI_DIR, ppaLens } from './support/ci-run';
import { expectGolden } from './support/golden';
import { FIXTURES } from './support/paths';

/** Drops what changes from run to run or machine to machine: timings and the checkout's path. */
function normalise(s: string): string {
  return s
    .split(pathToFileURL(CI_DIR).href)
    .join('file:///CI_DIR')
    .split(CI_DIR)
    .join('/CI_DIR')
    .replace(/("(?:parse|elaborate|estimate|total)": )[0-9.]+/g, '$10')
    .replace(/; [0-9.]+ ms \(parse [0-9.]+, elaborate [0-9.]+, estimate [0-9.]+\)/, '; N ms');
}

/**
 * The official schema is draft-04, which ajv 8 reads once its draft-04 spelling of the id is
 * renamed (the schema uses no other draft-04-only keyword); formats are checked, not ignored.
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(path.join(FIXTURES, 'schemas/sarif-schema-2.1.0.json'), 'utf8'));
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile({ ...rest, $id: id });
}

describe('output formats: golden files', () => {
  for (const command of ['estimate', 'check'] as const) {
    for (const format of ['text', 'json', 'sarif', 'github'] as const) {
      it(`${command} --format ${format}`, async () => {
        const r = await ppaLens([command, '--format', format]);
        expect(r.code).toBe(1); // clk_core misses its target
        if (format !== 'text') expect(r.err).toBe('');
        if (format === 'json' || format === 'sarif') JSON.parse(r.out);
        const name = format === 'json' || format === 'sarif' ? `${command}.${format}` : `${command}.${format}.txt`;
        expectGolden(`ci/${name}`, normalise(r.out + (format === 'text' ? `--- stderr\n${r.err}` : '')));
      });
    }
  }
});

describe('SARIF', () => {
  const validate = sarifValidator();

  it('is valid SARIF 2.1.0, for a missed budget and for a file with syntax errors', async () => {
    for (const argv of [['estimate', '--format', 'sarif'], ['check', '--format', 'sarif', '--no-config', path.join(FIXTURES, 'ci/broken')]]) {
      const sarif = JSON.parse((await ppaLens(argv)).out);
      expect(sarif.runs[0].results.length).toBeGreaterThan(0);
      if (argv[0] === 'check') expect(sarif.runs[0].results.some((x: { level: string }) => x.level === 'error')).toBe(true);
      const ok = validate(sarif);
      expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('the invalid is rejected (the validator really validates)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
  });

  it('rules come from the code table; results carry regions, relative URIs and related locations', async () => {
    const sarif = JSON.parse((await ppaLens(['estimate', '--format', 'sarif'])).out);
    const run = sarif.runs[0];
    const rules = run.tool.driver.rules as Array<{ id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }>;
    // the rules of the codes the results use, in the table's order
    const used = new Set(run.results.map((x: { ruleId: string }) => x.ruleId));
    expect(rules.map((r) => r.id)).toEqual(Object.keys(CODES).filter((c) => used.has(c)));
    const rule = rules.find((r) => r.id === 'budget-clock-missed')!;
    expect(rule).toEqual({ id: 'budget-clock-missed', shortDescription: { text: CODES['budget-clock-missed'].title }, defaultConfiguration: { level: 'warning' } });
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe(pathToFileURL(CI_DIR + path.sep).href);
    const res = run.results.find((x: { ruleId: string }) => x.ruleId === 'budget-clock-missed');
    expect(rules[res.ruleIndex].id).toBe('budget-clock-missed');
    expect(res.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'rtl/mac_unit.v', uriBaseId: 'SRCROOT' },
      region: { startLine: 6, startColumn: 22, endLine: 6, endColumn: 25 },
    });
    expect(res.relatedLocations.map((l: { id: number; physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }) => [l.id, l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine])).toEqual([
      [1, 'rtl/mac_unit.v', 8],
      [2, 'rtl/mac_unit.v', 12],
      [3, 'rtl/mac_unit.v', 6],
      [4, 'rtl/ci_top.v', 2],
    ]);
  });
});

describe('GitHub workflow commands', () => {
  it('escapes data and properties as the runner expects', () => {
    expect(escapeData('50% a\r\nb: c, d')).toBe('50%25 a%0D%0Ab: c, d');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('one command per diagnostic with 1-based line/col, inclusive end column, severities mapped', () => {
    const range = (l: number, c: number, el: number, ec: number) => ({ start: { line: l, character: c }, end: { line: el, character: ec } });
    const out = toGithub(
      [
        { file: '/w/a dir/x,y.v', range: range(0, 4, 0, 9), severity: 'error', code: 'syntax-error', message: '100% wrong:\nhere' },
        { file: '/w/b.v', range: range(2, 0, 2, 0), severity: 'information', code: 'sem-unsupported', message: 'm' },
        { file: '/elsewhere/c.v', range: range(1, 1, 3, 2), severity: 'hint', code: 'pp-inactive', message: 'h' },
      ],
      '/w',
    );
    expect(out).toBe(
      '::error file=a dir/x%2Cy.v,line=1,col=5,endLine=1,endColumn=9,title=ppa-lens syntax-error::100%25 wrong:%0Ahere\n' +
        '::notice file=b.v,line=3,col=1,endLine=3,endColumn=1,title=ppa-lens sem-unsupported::m\n' +
        '::notice file=/elsewhere/c.v,line=2,col=2,endLine=4,endColumn=2,title=ppa-lens pp-inactive::h\n',
    );
  });
});
