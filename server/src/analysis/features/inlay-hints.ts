/**
 * Inlay hints at instantiations: the evaluated value of each `#(...)` override (`.DW(W = 16)`),
 * the port range after each connection (`.a_in(x : [15:0])`) and the port name before each
 * positional connection. Values and ranges come from the elaborated child instances, so a generate
 * loop that instantiates with several parameter sets shows them all (`= 8 | 16`).
 */
import type { Position, Range } from '../../base/text';
import { paramValueText } from '../../semantic/query';
import type { FeatureContext } from './context';
import { childBodies, instancesIn, portRanges } from './instances';

export interface InlayHint {
  position: Position;
  label: string;
  kind: 'type' | 'parameter';
  paddingLeft?: boolean;
  paddingRight?: boolean;
}

const inRange = (p: Position, r: Range | undefined) =>
  !r || ((p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character)));

export function inlayHints(ctx: FeatureContext, file: string, range?: Range): InlayHint[] {
  const index = ctx.host.model.index;
  const out: InlayHint[] = [];
  for (const m of index.file(file)?.modules ?? []) {
    if (range && (m.loc.range.end.line < range.start.line || m.loc.range.start.line > range.end.line)) continue;
    for (const inst of instancesIn(m.items)) {
      if (inst.loc.file !== file || !inRange(inst.loc.range.start, range && { start: { line: range.start.line - 50, character: 0 }, end: range.end })) continue;
      const bodies = childBodies(ctx, m, inst);
      const child = index.module(inst.moduleName);
      if (!bodies.length || !child) continue;
      // parameter overrides
      const overridable = child.headerParams.length ? child.headerParams : [];
      inst.params.forEach((p, i) => {
        const name = p.name ?? overridable[i]?.name;
        if (!name || !p.value || p.value.loc.file !== file) return;
        const values = [...new Set(bodies.map((b) => b.params.find((x) => x.name === name)).filter((x) => !!x).map((x) => paramValueText(x!)))];
        if (!values.length) return;
        if (p.value.kind === 'number' && values.length === 1 && p.value.value.toString() === values[0]) return;
        const at = p.value.loc.range.end;
        if (inRange(at, range)) out.push({ position: at, label: `= ${values.join(' | ')}`, kind: 'parameter', paddingLeft: true });
      });
      // port connections
      const positional = inst.connections.some((c) => !c.name && !c.wildcard);
      inst.connections.forEach((c, i) => {
        const port = c.name ?? (positional ? child.portOrder[i] : undefined);
        if (!port) return;
        if (!c.name && c.expr && c.expr.loc.file === file && inRange(c.expr.loc.range.start, range))
          out.push({ position: c.expr.loc.range.start, label: `${port}:`, kind: 'parameter', paddingRight: true });
        const ranges = portRanges(bodies, port).filter((r) => r !== '');
        if (!ranges.length) return;
        const anchor = c.expr && !c.implicit ? c.expr.loc : c.nameLoc;
        if (!anchor || anchor.file !== file) return;
        const at = anchor.range.end;
        // after a select or an expression (`a[r*W +: W]`) a `: [7:0]` would read as more code: say it is the port's range
        const plain = !c.expr || c.implicit || c.expr.kind === 'ident';
        if (inRange(at, range))
          out.push(plain ? { position: at, label: `: ${ranges.join(' | ')}`, kind: 'type', paddingLeft: false } : { position: at, label: `(port ${ranges.join(' | ')})`, kind: 'type', paddingLeft: true });
      });
    }
  }
  out.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
  return out;
}
