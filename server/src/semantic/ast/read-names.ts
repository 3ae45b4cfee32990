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
import { MAX_NESTING_DEPTH } from '../../base/limits';

/** Distinct names kept per construct. */
export const MAX_READ_NAMES = 10_000;

const IDENT = new Set(['simple_identifier', 'escaped_identifier']);
/** Nodes whose leading name is written, not read. */
const LVALUE = new Set(['variable_lvalue', 'net_lvalue']);
/** Nodes under which an lvalue head is read again (its index expressions). */
const READ_AGAIN = new Set(['expression', 'constant_expression', 'constant_bit_select', 'bit_select', 'select', 'constant_select', 'part_select_range', 'constant_part_select_range']);

/** System functions about a variable's type or shape, not its value. */
const SHAPE_QUERIES = new Set(['$bits', '$left', '$right', '$low', '$high', '$size', '$dimensions', '$unpacked_dimensions', '$increment', '$typename', '$isunbounded']);
/** System tasks that write arguments: the first written and the last (undefined: to the end). */
const OUTPUT_ARGS: Record<string, [number, number?]> = {
  $readmemh: [1, 1],
  $readmemb: [1, 1],
  $sscanf: [2],
  $fscanf: [2],
  $fread: [0, 0],
  $fgets: [0, 0],
  $value$plusargs: [1, 1],
  $cast: [0, 0],
  $sformat: [0, 0],
  $swrite: [0, 0],
  $swriteb: [0, 0],
  $swriteh: [0, 0],
  $swriteo: [0, 0],
};

/** The argument expressions of a call (its list_of_arguments, wherever the call form puts it). */
function argumentsOf(call: LightNode): LightNode[] {
  const out: LightNode[] = [];
  const stack: LightNode[] = [call];
  for (let guard = 0; stack.length && guard < MAX_NESTING_DEPTH; guard++) {
    const n = stack.pop()!;
    for (const c of n.namedChildren) {
      if (c.type === 'list_of_arguments') {
        for (const a of c.namedChildren) if (a.type === 'expression') out.push(a);
        return out;
      }
      if (c.type === 'method_call_body' || c.type.endsWith('_method_call')) stack.push(c);
    }
  }
  return out;
}

/** The path of an expression that is just a name (`x`, `a.b`), through its wrapper nodes. */
function plainName(e: LightNode | undefined): string[] | undefined {
  let n = e;
  for (let i = 0; n && i < 8; i++) {
    if (n.type === 'hierarchical_identifier') return objectOf(n, 2);
    if (IDENT.has(n.type)) return [identText(n)];
    const cs = n.namedChildren;
    if (cs.length !== 1 || (n.type !== 'expression' && n.type !== 'primary')) return undefined;
    n = cs[0];
  }
  return undefined;
}

/** The leading names of a hierarchical name, `parts` of them; the object of `obj.method` by default. */
function objectOf(h: LightNode, parts = 1): string[] | undefined {
  const ids = h.namedChildren.filter((c) => IDENT.has(c.type));
  if (parts === 1 && ids.length < 2) return undefined;
  return ids.slice(0, parts).map(identText);
}

export interface NamesUsed {
  reads: string[][];
  /** Names assigned (the targets' leading names). */
  writes: string[][];
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
    if (!w && n.type === 'system_tf_call') {
      const name = cs[0]?.type === 'system_tf_identifier' ? cs[0].text.trim() : '';
      // $bits(x), $left(x)...: the shape of x, not its value
      if (SHAPE_QUERIES.has(name)) continue;
      const from = OUTPUT_ARGS[name];
      if (from !== undefined) {
        const args = argumentsOf(n);
        for (let i = args.length - 1; i >= 0; i--) {
          const path = i >= from[0] && (from[1] === undefined || i <= from[1]) ? plainName(args[i]) : undefined;
          if (path) emit(path, true);
          else stack.push([args[i], false]);
        }
        continue;
      }
    }
    if (!w && (n.type === 'method_call' || n.type === 'tf_call')) {
      // `q.push_back(x)`, `obj.update(v)`, `t(a, b)`: the object may change, and so may any
      // argument (an output or ref argument): each is read and written
      const obj = n.type === 'method_call' ? plainName(cs[0]) : cs[0]?.type === 'hierarchical_identifier' ? objectOf(cs[0]) : undefined;
      if (obj) emit(obj, true);
      for (const a of argumentsOf(n)) {
        const path = plainName(a);
        if (path) emit(path, true);
      }
    }
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
