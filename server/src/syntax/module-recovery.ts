/**
 * Recovery at design-unit boundaries, and canonical error trees.
 *
 * Two tree-sitter behaviours make a whole-file error tree a poor source of diagnostics:
 * - one missing `;` (typically right before `end`) can swallow the rest of the file into a single
 *   ERROR node, so every later module loses its symbols and diagnostics;
 * - after an incremental reparse, the error tree can differ from a fresh parse of the same text.
 *
 * So the text is cut lexically into design units (a line starting with `module`, `interface`, ...
 * begins one), and every unit that the main tree shows as broken ("suspect") is parsed again on its
 * own (its text alone; its tree's offsets are then moved to the unit's place, so they stay absolute,
 * and positions come from the whole text's lines). Items and diagnostics of
 * suspect units come from these unit trees, the rest from the main tree. A unit tree depends only
 * on the unit's text, so incremental and fresh parses of the same text report the same errors.
 * The main tree stays the base of incremental reparsing. Unit trees are kept as columns only (the
 * runtime's tree is deleted once copied); those whose text and place did not change are reused across
 * edits. A file without errors costs nothing here.
 */
import { FLAG_HAS_ERROR, FLAG_MISSING, type ParserBackend } from './backend';
import { CompactTree, type LightNode, type LineStarts } from './light-tree';

export interface UnitTree {
  start: number;
  end: number;
  text: string;
  tree: CompactTree;
}

export interface RecoveredRegion {
  /** Trees of the suspect units, in order. */
  units: UnitTree[];
}

const ERROR_ID = 0xffff;

/**
 * A line that begins a design unit. `interface class` (a class, legal inside a module) and a
 * generic interface port on its own line (`interface bus,`) begin none.
 */
const UNIT_START = /^[ \t]*(?:module|macromodule|interface(?![ \t]+class\b)(?![ \t]+[A-Za-z_][\w$]*[ \t]*[,)])|package|program|primitive)\b/gm;

/** Offsets where design units begin (first keyword), ignoring lines inside block comments. */
export function designUnitStarts(text: string): number[] {
  const out: number[] = [];
  // the last `/*` and `*/` at or before each match, found by one forward scan over the text
  // (a backward search per match made this quadratic in the file's size times its modules)
  let lastOpen = -1;
  let lastClose = -1;
  let nextOpen = text.indexOf('/*');
  let nextClose = text.indexOf('*/');
  UNIT_START.lastIndex = 0;
  for (let m = UNIT_START.exec(text); m; m = UNIT_START.exec(text)) {
    while (nextOpen !== -1 && nextOpen <= m.index) {
      lastOpen = nextOpen;
      nextOpen = text.indexOf('/*', nextOpen + 1);
    }
    while (nextClose !== -1 && nextClose <= m.index) {
      lastClose = nextClose;
      nextClose = text.indexOf('*/', nextClose + 1);
    }
    if (lastOpen !== -1 && lastClose < lastOpen) continue;
    out.push(m.index + m[0].length - m[0].trimStart().length);
  }
  return out;
}

/** [start, end) of every unit: the text before the first unit is a unit too. */
function unitBounds(text: string): Array<[number, number]> {
  const starts = designUnitStarts(text).filter((s) => s > 0);
  const cuts = [0, ...starts, text.length];
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 1 < cuts.length; i++) if (cuts[i + 1] > cuts[i]) out.push([cuts[i], cuts[i + 1]]);
  return out;
}

/** Ranges of the main tree that make units suspect: error nodes, and broken items crossing a unit boundary. */
function brokenSpans(tree: CompactTree): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const visit = (i: number): void => {
    const f = tree.flagsAt(i);
    if (tree.typeIdAt(i) === ERROR_ID || (f & FLAG_MISSING) !== 0) {
      spans.push([tree.startAt(i), Math.max(tree.endAt(i), tree.startAt(i) + 1)]);
      return;
    }
    if ((f & FLAG_HAS_ERROR) === 0) return;
    for (const c of tree.childIndices(i)) visit(c);
  };
  for (const c of tree.childIndices(0)) {
    if ((tree.flagsAt(c) & FLAG_HAS_ERROR) === 0) continue;
    spans.push([tree.startAt(c), tree.endAt(c)]);
    visit(c);
  }
  return spans;
}

/**
 * A top-level item never spans two design units in a sound tree (each unit begins with its own
 * keyword line). One that does, even without an error node, is a recovery artefact: tree-sitter's
 * incremental reparse can reuse subtrees into a clean-looking item that a fresh parse of the same
 * text rejects (found by the 10,000-edit property test). The units under it are parsed on their own.
 */
function crossingSpans(tree: CompactTree, starts: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const c of tree.childIndices(0)) {
    const start = tree.startAt(c);
    const end = tree.endAt(c);
    if (starts.some((s) => s > start && s < end)) out.push([start, end]);
  }
  return out;
}

/**
 * Longest the reparse of broken units may take in all (ms). Garbage makes many broken units, each
 * parsed with tree-sitter's superlinear error recovery (48 KB of random bytes: 9 s); past the budget
 * the remaining units keep the main tree's reading.
 */
export const RECOVERY_BUDGET_MS = 3_000;

export function recoverModules(backend: ParserBackend, tree: CompactTree, text: string, previous?: RecoveredRegion, lines?: LineStarts): RecoveredRegion | undefined {
  const deadline = performance.now() + RECOVERY_BUDGET_MS;
  const bounds = unitBounds(text);
  const crossing = crossingSpans(tree, bounds.map(([s]) => s));
  if ((tree.flagsAt(0) & FLAG_HAS_ERROR) === 0 && crossing.length === 0) return undefined;
  const spans = brokenSpans(tree);
  const topLevel = tree.childIndices(0).filter((c) => (tree.flagsAt(c) & FLAG_HAS_ERROR) !== 0).map((c) => [tree.startAt(c), tree.endAt(c)]);
  const suspect = bounds.filter(
    ([s, e]) =>
      crossing.some(([a, b]) => a < e && b > s) ||
      spans.some(([a, b]) => a < e && b > s && (topLevel.some(([cs, ce]) => cs <= a && ce >= b && (cs < s || ce > e)) || (a >= s && a < e))),
  );
  const reuse = new Map<string, UnitTree>();
  for (const u of previous?.units ?? []) reuse.set(`${u.start}:${u.end}`, u);
  const units: UnitTree[] = [];
  for (const [s, e] of suspect) {
    const key = `${s}:${e}`;
    const unitText = text.slice(s, e);
    const old = reuse.get(key);
    if (old && old.text === unitText) {
      units.push(old);
      reuse.delete(key);
      continue;
    }
    const left = deadline - performance.now();
    if (left < 0) break;
    const t = backend.parse(unitText, null, left);
    if (!t) continue;
    let cols;
    try {
      cols = t.columns();
    } finally {
      t.delete();
    }
    // the unit was parsed on its own: its offsets move to where it is in the file
    if (s > 0)
      for (let i = 0; i < cols.starts.length; i++) {
        cols.starts[i] += s;
        cols.ends[i] += s;
      }
    units.push({ start: s, end: e, text: unitText, tree: new CompactTree(cols, backend.tables, text, lines) });
  }
  return units.length ? { units } : undefined;
}

/** The file's top-level items: main-tree items outside suspect units, and the suspect units' items. */
export function mergeTopLevel(tree: CompactTree, region: RecoveredRegion | undefined): LightNode[] {
  const main = [...tree.at(0).children];
  if (!region) return main;
  const inSuspect = (n: LightNode) => region.units.some((u) => n.startIndex < u.end && n.endIndex > u.start);
  const items = main.filter((n) => !inSuspect(n));
  for (const u of region.units) for (const c of u.tree.at(0).children) if (c.endIndex > c.startIndex) items.push(c);
  return items.sort((a, b) => a.startIndex - b.startIndex);
}
