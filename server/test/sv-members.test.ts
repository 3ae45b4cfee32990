/**
 * Members through the real server over stdio (golden: server/test/golden/lsp/sv-members.json):
 * - interface signals used through an interface port (`in.ready` in pipe_stage) and an interface
 *   instance (`s0.valid` in stream_pipe): go-to-definition lands on the signal's declaration in the
 *   interface, references find the uses through ports and instances; hover shows the width of the net elaboration flattened it into; completion after
 *   `s0.` lists the signals and modports;
 * - nested struct members (`r.hdr.addr`, an inline struct member `r.ctl.last`): definition, hover
 *   (width and bit offset) and completion at each level.
 * Only the using file is opened; the interface and the package are known from workspace indexing.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CompletionItem, Hover, Location } from 'vscode-languageserver-protocol/node';
import { positionOf } from './features-helpers';
import { expectGolden } from './support/golden';
import { fileUri, LspClient, REPO_ROOT } from './support/lsp-client';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const SV = path.join(REPO_ROOT, 'test-fixtures', 'sv');

function stable(value: unknown): string {
  const prefix = fileUri(SV);
  return JSON.stringify(value, (_k, v) => (typeof v === 'string' && v.startsWith(prefix) ? `sv${v.slice(prefix.length)}` : v), 2) + '\n';
}

type Case = [label: string, needle: string, nth: number, delta: number];

async function session(dir: string, file: string, probe: Case) {
  const client = await LspClient.start({ rootDir: dir });
  const uri = await client.open(file, undefined, 'systemverilog');
  const at = (needle: string, nth = 0, delta = 1) => ({ textDocument: { uri }, position: positionOf(file, needle, nth, delta) });
  // indexing runs after `initialized`: wait until a name of another file resolves
  const deadline = Date.now() + 30_000;
  for (;;) {
    const defs = await client.request<Location[]>('textDocument/definition', at(probe[1], probe[2], probe[3]));
    if (defs?.length) break;
    if (Date.now() > deadline) throw new Error(`workspace indexing did not resolve ${probe[0]}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const definitions = async (cases: Case[]) => {
    const out: Record<string, Location[]> = {};
    for (const [label, needle, nth, delta] of cases) out[label] = await client.request<Location[]>('textDocument/definition', at(needle, nth, delta));
    return out;
  };
  const hovers = async (cases: Case[]) => {
    const out: Record<string, string | undefined> = {};
    for (const [label, needle, nth, delta] of cases) {
      const h = await client.request<Hover | null>('textDocument/hover', at(needle, nth, delta));
      out[label] = h ? (h.contents as { value: string }).value : undefined;
    }
    return out;
  };
  const completions = async (needle: string) =>
    ((await client.request<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', at(needle, 0, needle.length))) as CompletionItem[]).map((c) => c.label).sort();
  return { client, definitions, hovers, completions };
}

/** The text a location points at. */
async function textOf(loc: Location): Promise<string> {
  const { readFileSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const lines = readFileSync(fileURLToPath(loc.uri), 'utf8').split('\n');
  return lines[loc.range.start.line].slice(loc.range.start.character, loc.range.end.character);
}

const golden: Record<string, unknown> = {};

describe('interface signals through ports and instances', () => {
  const DIR = path.join(SV, 'stream', 'sv');
  const FILE = path.join(DIR, 'pipe_stage.sv');
  const IF = path.join(DIR, 'stream_if.sv');
  let s: Awaited<ReturnType<typeof session>>;
  beforeAll(async () => {
    s = await session(DIR, FILE, ['port member', 'in.ready', 0, 4]);
  });
  afterAll(() => s?.client.kill());

  it('definition of a port member and an instance member is the signal in the interface', async () => {
    const defs = await s.definitions([
      ['in.ready (port, modport dst)', 'in.ready', 0, 4],
      ['out.valid (port, modport src)', 'out.valid', 0, 5],
      ['in.data (port)', 'in.data + W', 0, 4],
      ['s0.valid (instance)', 's0.valid', 0, 4],
      ['s3.ready (instance)', 's3.ready', 0, 4],
      ['s1.dst (modport)', 's1.dst', 0, 4],
    ]);
    for (const [label, d] of Object.entries(defs)) {
      expect(d, label).toHaveLength(1);
      expect(d[0].uri, label).toBe(fileUri(IF));
      expect(await textOf(d[0]), label).toBe(label.split(' ')[0].split('.')[1]);
    }
    golden['interface definitions'] = defs;
  });

  it('references of an interface signal: its declaration and its uses through ports and instances', async () => {
    const refs = await s.client.request<Location[]>('textDocument/references', { textDocument: { uri: fileUri(FILE) }, position: positionOf(FILE, 'in.ready', 0, 4), context: { includeDeclaration: true } });
    const where = await Promise.all(refs.map(async (r) => `${path.basename(r.uri)}:${r.range.start.line + 1} ${await textOf(r)}`));
    // the declaration; in.ready (twice) and out.ready in pipe_stage; s0.ready and s3.ready in stream_pipe
    expect(where.sort()).toEqual(['pipe_stage.sv:10 ready', 'pipe_stage.sv:10 ready', 'pipe_stage.sv:17 ready', 'pipe_stage.sv:41 ready', 'pipe_stage.sv:44 ready', 'stream_if.sv:4 ready']);
    golden['interface references'] = refs;
  });

  it('hover on an interface signal shows its width where it is used', async () => {
    const h = await s.hovers([
      ['in.data', 'in.data + W', 0, 4],
      ['out.ready', 'out.ready', 0, 5],
      ['s0.data', 's0.data', 0, 4],
    ]);
    expect(h['in.data']).toMatch(/16 bits `\[15:0\]` as `in\.data`/);
    expect(h['out.ready']).toMatch(/1 bit as `out\.ready`/);
    expect(h['s0.data']).toMatch(/16 bits `\[15:0\]` as `s0\.data`/);
    golden['interface hovers'] = h;
  });

  it('completion after an interface instance lists its signals and modports', async () => {
    const c = await s.completions('s2.');
    expect(c).toEqual(['data', 'dst', 'ready', 'src', 'valid']);
    const p = await s.completions('out.');
    expect(p).toEqual(['data', 'dst', 'ready', 'src', 'valid']);
    golden['interface completion'] = { 's2.': c, 'out.': p };
  });
});

describe('nested struct members', () => {
  const DIR = path.join(SV, 'nested');
  const FILE = path.join(DIR, 'nest_user.sv');
  const PKG = path.join(DIR, 'nest_pkg.sv');
  let s: Awaited<ReturnType<typeof session>>;
  beforeAll(async () => {
    s = await session(DIR, FILE, ['pkt_t', 'pkt_t r', 0, 1]);
  });
  afterAll(() => s?.client.kill());

  it('definition at each level of a.b.c', async () => {
    const defs = await s.definitions([
      ['hdr', 'r.hdr.addr', 0, 3],
      ['addr', 'r.hdr.addr', 0, 7],
      ['ctl', 'r.ctl.last', 0, 3],
      ['last', 'r.ctl.last', 0, 7],
      ['kind', 'in.ctl.kind', 0, 8],
    ]);
    for (const [label, d] of Object.entries(defs)) {
      expect(d, label).toHaveLength(1);
      expect(d[0].uri, label).toBe(fileUri(PKG));
      expect(await textOf(d[0]), label).toBe(label);
    }
    golden['nested definitions'] = defs;
  });

  it('hover at each level shows the member width and offset', async () => {
    const h = await s.hovers([
      ['hdr', 'r.hdr.addr', 0, 3],
      ['addr', 'r.hdr.addr', 0, 7],
      ['ctl', 'r.ctl.last', 0, 3],
      ['last', 'r.ctl.last', 0, 7],
      ['kind', 'in.ctl.kind', 0, 8],
    ]);
    expect(h.hdr).toMatch(/16 bits, at bit 19/);
    expect(h.addr).toMatch(/12 bits, at bit 0/);
    expect(h.ctl).toMatch(/3 bits, at bit 0/);
    expect(h.last).toMatch(/1 bit, at bit 2/);
    expect(h.kind).toMatch(/2 bits, at bit 0/);
    golden['nested hovers'] = h;
  });

  it('completion at each level', async () => {
    const c = { 'r.': await s.completions('addr_q <= r.'), 'r.hdr.': await s.completions('r.hdr.'), 'r.ctl.': await s.completions('r.ctl.'), 'in.ctl.': await s.completions('in.ctl.') };
    expect(c).toEqual({ 'r.': ['ctl', 'data', 'hdr'], 'r.hdr.': ['addr', 'tag'], 'r.ctl.': ['kind', 'last'], 'in.ctl.': ['kind', 'last'] });
    golden['nested completion'] = c;
  });
});

describe('golden', () => {
  it('the answers above match server/test/golden/lsp/sv-members.json', () => {
    expect(Object.keys(golden)).toHaveLength(7);
    expectGolden('lsp/sv-members.json', stable(golden));
  });
});
