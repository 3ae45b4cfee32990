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
 * own with tree-sitter's `includedRanges` (positions stay absolute). Items and diagnostics of
 * suspect units come from these unit trees, the rest from the main tree. A unit tree depends only
 * on the unit's text, so incremental and fresh parses of the same text report the same errors.
 * The main tree stays the base of incremental reparsing. Unit trees whose text and place did not
 * change are reused across edits. A file without errors costs nothing here.
 */
import type { Node, Parser, Tree } from 'web-tree-sitter';

export interface UnitTree {
  start: number;
  end: number;
  text: string;
  tree: Tree;
}

export interface RecoveredRegion {
  /** Trees of the suspect units, in order. The owner deletes them. */
  units: UnitTree[];
}

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
function brokenSpans(tree: Tree): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const visit = (n: Node): void => {
    if (n.isError || n.isMissing) {
      spans.push([n.startIndex, Math.max(n.endIndex, n.startIndex + 1)]);
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) if (c) visit(c);
  };
  for (const c of tree.rootNode.children) {
    if (!c || !c.hasError) continue;
    spans.push([c.startIndex, c.endIndex]);
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
function crossingSpans(tree: Tree, starts: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const c of tree.rootNode.children) {
    if (!c) continue;
    // each index is a call into the wasm tree: read once per item, not once per unit start
    const start = c.startIndex;
    const end = c.endIndex;
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

export function recoverModules(parser: Parser, tree: Tree, text: string, previous?: RecoveredRegion): RecoveredRegion | undefined {
  const deadline = performance.now() + RECOVERY_BUDGET_MS;
  const bounds = unitBounds(text);
  const crossing = crossingSpans(tree, bounds.map(([s]) => s));
  if (!tree.rootNode.hasError && crossing.length === 0) {
    previous?.units.forEach((u) => u.tree.delete());
    return undefined;
  }
  const spans = brokenSpans(tree);
  const topLevel = tree.rootNode.children.filter((c): c is Node => !!c && c.hasError);
  const suspect = bounds.filter(
    ([s, e]) =>
      crossing.some(([a, b]) => a < e && b > s) ||
      spans.some(([a, b]) => a < e && b > s && (topLevel.some((c) => c.startIndex <= a && c.endIndex >= b && (c.startIndex < s || c.endIndex > e)) || (a >= s && a < e))),
  );
  const reuse = new Map<string, UnitTree>();
  for (const u of previous?.units ?? []) reuse.set(`${u.start}:${u.end}`, u);
  const units: UnitTree[] = [];
  const lines = lineStarts(text);
  for (const [s, e] of suspect) {
    const key = `${s}:${e}`;
    const unitText = text.slice(s, e);
    const old = reuse.get(key);
    if (old && old.text === unitText) {
      units.push(old);
      reuse.delete(key);
      continue;
    }
    if (performance.now() > deadline) break;
    const t = parser.parse(text, null, {
      includedRanges: [{ startIndex: s, endIndex: e, startPosition: point(lines, s), endPosition: point(lines, e) }],
      progressCallback: () => performance.now() > deadline,
    });
    if (t) units.push({ start: s, end: e, text: unitText, tree: t });
    else parser.reset();
  }
  for (const u of reuse.values()) u.tree.delete();
  return units.length ? { units } : undefined;
}

/** The file's top-level items: main-tree items outside suspect units, and the suspect units' items. */
export function mergeTopLevel(tree: Tree, region: RecoveredRegion | undefined): Node[] {
  const main = tree.rootNode.children.filter((c): c is Node => !!c);
  if (!region) return main;
  const inSuspect = (n: Node) => region.units.some((u) => n.startIndex < u.end && n.endIndex > u.start);
  const items = main.filter((n) => !inSuspect(n));
  for (const u of region.units) for (const c of u.tree.rootNode.children) if (c && c.endIndex > c.startIndex) items.push(c);
  return items.sort((a, b) => a.startIndex - b.startIndex);
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function point(lines: number[], offset: number): { row: number; column: number } {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { row: lo, column: offset - lines[lo] };
}
