/**
 * The names a construct reads and writes, taken from its CST: for what the model does not elaborate
 * (initial and final blocks, tasks, assertions, event controls, simulation calls, blocks timed by a
 * named event), so that a signal read only there is not reported as "never read".
 *
 * A name is read unless it is the target of an assignment (`x = ...`, `x <= ...`, `x++`); the index
 * expressions of a target are read. Each name is the path of a hierarchical name (`bus.valid`,
 * `obj.method`), at most two parts. Generous on purpose: a name that might be read counts as read.
 */
import type { LightNode } from '../../syntax/light-tree';
import { identText } from './cst';

/** Distinct names kept per construct. */
export const MAX_READ_NAMES = 10_000;

const IDENT = new Set(['simple_identifier', 'escaped_identifier']);
/** Nodes whose leading name is written, not read. */
const LVALUE = new Set(['variable_lvalue', 'net_lvalue']);
/** Nodes under which an lvalue head is read again (its index expressions). */
const READ_AGAIN = new Set(['expression', 'constant_expression', 'constant_bit_select', 'bit_select', 'select', 'constant_select', 'part_select_range', 'constant_part_select_range']);

export interface NamesUsed {
  reads: string[][];
  /** Names assigned (the targets' leading names). */
  writes: string[][];
}

export function readNames(root: LightNode): string[][] {
  return namesUsed(root).reads;
}

export function namesUsed(root: LightNode): NamesUsed {
  const reads: string[][] = [];
  const writes: string[][] = [];
  const seen = new Set<string>();
  const emit = (path: string[], written = false) => {
    if (!path.length || reads.length + writes.length >= MAX_READ_NAMES) return;
    const key = `${written ? 'w' : 'r'}${path.join('.')}`;
    if (seen.has(key)) return;
    seen.add(key);
    (written ? writes : reads).push(path);
  };
  // [node, whether names here are written rather than read]
  const stack: Array<[LightNode, boolean]> = [[root, false]];
  while (stack.length && reads.length + writes.length < MAX_READ_NAMES) {
    const [n, written] = stack.pop()!;
    let w = written;
    if (LVALUE.has(n.type)) w = true;
    else if (READ_AGAIN.has(n.type)) w = false;
    if (IDENT.has(n.type)) {
      emit([identText(n)], w);
      continue;
    }
    const cs = n.namedChildren;
    if (n.type === 'hierarchical_identifier') {
      const parts: string[] = [];
      for (const c of cs) if (IDENT.has(c.type) && parts.length < 2) parts.push(identText(c));
      emit(parts, w);
      for (let i = cs.length - 1; i >= 0; i--) if (!IDENT.has(cs[i].type)) stack.push([cs[i], w]);
      continue;
    }
    // `c = new ...;`: the grammar puts the target's name directly under the assignment; `-> e`
    // triggers (drives) the event
    const headWritten = (n.type === 'blocking_assignment' || n.type === 'event_trigger' || n.type === 'nonblocking_trigger') && cs[0]?.type === 'hierarchical_identifier';
    for (let i = cs.length - 1; i >= 0; i--) stack.push([cs[i], w || (headWritten && i === 0)]);
    // `x++`, `x += y` read their target as well
    if (!w && (n.type === 'inc_or_dec_expression' || (n.type === 'operator_assignment' && cs.some((c) => c.type === 'assignment_operator' && c.text.trim() !== '='))))
      for (const c of cs) if (LVALUE.has(c.type)) for (const g of c.namedChildren) stack.push([g, false]);
  }
  return { reads, writes };
}
