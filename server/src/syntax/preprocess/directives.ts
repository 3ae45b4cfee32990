/**
 * The table of compiler directives that are simply blanked out (kept as spaces so the parser never
 * sees them), how far each extends and how its arguments are checked. `define, `undef, `include and
 * the conditionals have their own handlers in `file-processor.ts`.
 */

export type DirectiveExtent =
  /** Only the directive keyword (`resetall, `celldefine, ...). */
  | 'name'
  /** The keyword and the rest of its line, up to a comment (`timescale 1ns/1ps, `pragma ...). */
  | 'line';

export interface SimpleDirective {
  extent: DirectiveExtent;
  /** For 'line' directives: checks the (trimmed) argument text; returns a problem or undefined. */
  check?: (args: string) => string | undefined;
}

const TIME = String.raw`\d+(?:\.\d+)?\s*(?:s|ms|us|ns|ps|fs)`;
const TIMESCALE_RE = new RegExp(String.raw`^${TIME}\s*/\s*${TIME}$`);
const UNIT_EXP: Record<string, number> = { s: 0, ms: -3, us: -6, ns: -9, ps: -12, fs: -15 };

/** IEEE 1800 22.7: each magnitude is 1, 10 or 100, and the precision is no coarser than the unit. */
function timescaleValues(a: string): string | undefined {
  const [unit, precision] = a.split('/').map((t) => /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/.exec(t));
  if (!unit || !precision) return undefined;
  const exp = (m: RegExpExecArray) => Math.log10(Number(m[1])) + UNIT_EXP[m[2]];
  // (`1.0ns` is read as 1: some tools take it)
  for (const m of [unit, precision]) if (![1, 10, 100].includes(Number(m[1]))) return `\`timescale: ${m[1]}${m[2]} is not 1, 10 or 100 of a unit`;
  if (exp(precision) > exp(unit) + 1e-9) return `\`timescale: the precision ${precision[1]}${precision[2]} is coarser than the unit ${unit[1]}${unit[2]}`;
  return undefined;
}

const NETTYPES = new Set(['wire', 'tri', 'tri0', 'tri1', 'wand', 'triand', 'wor', 'trior', 'trireg', 'uwire', 'none']);
const KEYWORD_VERSIONS = new Set([
  '1364-1995',
  '1364-2001',
  '1364-2001-noconfig',
  '1364-2005',
  '1800-2005',
  '1800-2009',
  '1800-2012',
  '1800-2017',
  '1800-2023',
]);

const required = (what: string) => (args: string) => (args === '' ? `missing ${what}` : undefined);

/** Directives of IEEE 1800 (and 1364) that only need blanking. These names are reserved. */
export const SIMPLE_DIRECTIVES: ReadonlyMap<string, SimpleDirective> = new Map<string, SimpleDirective>([
  [
    'timescale',
    {
      extent: 'line',
      check: (a) => (TIMESCALE_RE.test(a) ? timescaleValues(a) : `expected \`timescale <unit> / <precision>, e.g. 1ns / 1ps`),
    },
  ],
  [
    'default_nettype',
    {
      extent: 'line',
      check: (a) => (NETTYPES.has(a) ? undefined : `expected a net type or none after \`default_nettype`),
    },
  ],
  ['resetall', { extent: 'name' }],
  ['celldefine', { extent: 'name' }],
  ['endcelldefine', { extent: 'name' }],
  ['nounconnected_drive', { extent: 'name' }],
  ['end_keywords', { extent: 'name' }],
  ['undefineall', { extent: 'name' }],
  [
    'unconnected_drive',
    { extent: 'line', check: (a) => (a === 'pull0' || a === 'pull1' ? undefined : 'expected pull0 or pull1') },
  ],
  [
    'begin_keywords',
    {
      extent: 'line',
      check: (a) => {
        const m = /^"([^"]*)"$/.exec(a);
        if (!m) return 'expected a quoted version specifier, e.g. "1800-2017"';
        return KEYWORD_VERSIONS.has(m[1]) ? undefined : `unknown version specifier "${m[1]}"`;
      },
    },
  ],
  [
    'line',
    {
      extent: 'line',
      check: (a) => (/^\d+\s+"[^"]*"\s+[012]$/.test(a) ? undefined : 'expected `line <number> "<file>" <level>'),
    },
  ],
  ['pragma', { extent: 'line', check: required('pragma name') }],
]);

/**
 * Old (Verilog-XL era, IEEE 1364 Annex) directives, blanked too. Unlike the standard ones they are
 * not reserved: a user macro of the same name wins.
 */
export const LEGACY_DIRECTIVES: ReadonlyMap<string, SimpleDirective> = new Map<string, SimpleDirective>([
  ...[
    'delay_mode_distributed',
    'delay_mode_path',
    'delay_mode_unit',
    'delay_mode_zero',
    'accelerate',
    'noaccelerate',
    'expand_vectornets',
    'noexpand_vectornets',
    'autoexpand_vectornets',
    'remove_gatenames',
    'noremove_gatenames',
    'remove_netnames',
    'noremove_netnames',
    'enable_portfaults',
    'disable_portfaults',
    'suppress_faults',
    'nosuppress_faults',
    'protect',
    'endprotect',
  ].map((n): [string, SimpleDirective] => [n, { extent: 'name' }]),
  ...['uselib', 'default_decay_time', 'default_trireg_strength'].map(
    (n): [string, SimpleDirective] => [n, { extent: 'line' }],
  ),
]);

/** The conditional directives. */
export const CONDITIONALS = new Set(['ifdef', 'ifndef', 'elsif', 'else', 'endif']);

/** Every reserved directive name: none of these can be a macro name. */
export const RESERVED = new Set<string>([
  ...SIMPLE_DIRECTIVES.keys(),
  ...CONDITIONALS,
  'define',
  'undef',
  'include',
  '__FILE__',
  '__LINE__',
]);
