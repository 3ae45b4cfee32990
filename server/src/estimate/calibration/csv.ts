/** Reading and writing the reference flow's CSV (design,params,area_um2,...,delay_ps,...). */
import type { GroundTruthRow } from './types';

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out;
}

/** "W=16;SIGNED=0" -> { W: 16, SIGNED: 0 } (non-numeric values are dropped). */
export function parseParams(s: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kv of s.split(';')) {
    const [k, v] = kv.split('=');
    if (k && v !== undefined && Number.isFinite(Number(v))) out[k.trim()] = Number(v);
  }
  return out;
}

export function formatParams(p: Record<string, number>): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
}

/** Parse a ground-truth CSV with a header line; rows without a numeric area and delay are skipped. */
export function parseGroundTruthCsv(text: string): GroundTruthRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
  if (lines.length === 0) return [];
  const head = splitCsvLine(lines[0]).map((h) => h.trim());
  const col = (name: string) => head.indexOf(name);
  const num = (cells: string[], name: string): number | undefined => {
    const i = col(name);
    if (i < 0 || cells[i] === undefined || cells[i].trim() === '') return undefined;
    const v = Number(cells[i]);
    return Number.isFinite(v) ? v : undefined;
  };
  const rows: GroundTruthRow[] = [];
  for (const line of lines.slice(1)) {
    const c = splitCsvLine(line);
    const area = num(c, 'area_um2');
    const delay = num(c, 'delay_ps');
    if (area === undefined || delay === undefined) continue;
    const row: GroundTruthRow = { design: c[col('design')], params: parseParams(c[col('params')] ?? ''), area_um2: area, delay_ps: delay };
    const cells = num(c, 'cells');
    const flops = num(c, 'flops');
    const arrival = num(c, 'sta_arrival_ps') ?? num(c, 'arrival_ps');
    if (cells !== undefined) row.cells = cells;
    if (flops !== undefined) row.flops = flops;
    if (arrival !== undefined) row.arrival_ps = arrival;
    rows.push(row);
  }
  return rows;
}

export const CSV_HEADER = 'design,params,area_um2,cells,flops,delay_ps,arrival_ps';

export function formatGroundTruthCsv(rows: GroundTruthRow[]): string {
  const lines = rows.map((r) =>
    [r.design, formatParams(r.params), r.area_um2, r.cells ?? '', r.flops ?? '', r.delay_ps, r.arrival_ps ?? ''].join(','),
  );
  return [CSV_HEADER, ...lines].join('\n') + '\n';
}
