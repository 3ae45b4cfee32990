/**
 * Where design units start (module-recovery.ts `designUnitStarts`): unit keywords at the start of
 * a line, except inside a block comment. The implementation scans forward once; here it is held
 * against the plain definition (the last `/*` before the keyword is not closed yet) on random texts.
 */
import { describe, expect, it } from 'vitest';
import { designUnitStarts } from '../src/syntax/module-recovery';

function byDefinition(text: string): number[] {
  const out: number[] = [];
  const re = /^[ \t]*(?:module|macromodule|interface|package|program|primitive)\b/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const open = text.lastIndexOf('/*', m.index);
    if (open !== -1 && text.lastIndexOf('*/', m.index) < open) continue;
    out.push(m.index + m[0].length - m[0].trimStart().length);
  }
  return out;
}

/** A small deterministic generator (no dependency on Math.random). */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

describe('design unit starts', () => {
  it('finds module lines and skips those inside block comments', () => {
    const text = 'module a; endmodule\n/* module b;\n*/\nmodule c; endmodule\n  module d;\n// module e\n';
    expect(designUnitStarts(text).map((i) => text.slice(i, i + 8))).toEqual(['module a', 'module c', 'module d']);
  });

  it('an `interface class` line and a generic interface port line begin no design unit', () => {
    const text = 'module a(\n  interface bus,\n  input x);\n  interface class shape;\n  endclass\nendmodule\ninterface b;\nendinterface\n  interface  c #(1);\nendinterface\n';
    expect(designUnitStarts(text).map((i) => text.slice(i, i + 11))).toEqual(['module a(\n ', 'interface b', 'interface  ']);
  });

  it('agrees with the definition on 2,000 random texts of modules, comments and stray comment marks', () => {
    const parts = ['module m;', 'endmodule', '/*', '*/', '/*/', '\n', '\n  ', 'x ', '// ', 'package p;', '\t'];
    const next = rng(7);
    for (let i = 0; i < 2000; i++) {
      let text = '';
      const n = 1 + Math.floor(next() * 40);
      for (let k = 0; k < n; k++) text += parts[Math.floor(next() * parts.length)];
      expect(designUnitStarts(text), JSON.stringify(text)).toEqual(byDefinition(text));
    }
  });
});
