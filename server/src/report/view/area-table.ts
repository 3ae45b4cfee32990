/**
 * The sortable area table, by module or by instance. Sorting and selection are part of the view
 * state, so a refresh (the user typed) redraws the same order with the same row selected.
 */
import type { InstanceAreaRow, ModuleAreaRow, ReportModel } from '../types';
import { h, num, pct } from './dom';
import type { ViewState } from './host';

interface Column<R> {
  key: string;
  title: string;
  value: (r: R) => number | string;
  show?: (r: R) => string;
  numeric?: boolean;
}

const MODULE_COLUMNS: Column<ModuleAreaRow>[] = [
  { key: 'module', title: 'Module', value: (r) => r.module },
  { key: 'instances', title: 'Instances', value: (r) => r.instances, numeric: true },
  // totals over all instances, then one instance with its sub-tree: each title says which
  { key: 'cellUm2', title: 'Own area, all instances µm²', value: (r) => r.cellUm2, show: (r) => num(r.cellUm2), numeric: true },
  { key: 'share', title: 'Share', value: (r) => r.share, show: (r) => pct(r.share), numeric: true },
  { key: 'flops', title: 'Own flops, all instances', value: (r) => r.flops, numeric: true },
  { key: 'eachUm2', title: 'One instance with sub-tree µm²', value: (r) => r.eachUm2, show: (r) => num(r.eachUm2), numeric: true },
];

/** Shown when some module has a synthesis result: its area, and the estimate's error against it. */
const SYNTH_COLUMN: Column<ModuleAreaRow> = {
  key: 'synthesized',
  title: 'Synthesized µm² (estimate error)',
  value: (r) => r.synthesized?.um2 ?? -1,
  show: (r) => (r.synthesized ? `${num(r.synthesized.um2)} (${r.synthesized.errorPct >= 0 ? '+' : ''}${r.synthesized.errorPct.toFixed(1)} %)` : ''),
  numeric: true,
};

const INSTANCE_COLUMNS: Column<InstanceAreaRow>[] = [
  { key: 'path', title: 'Instance', value: (r) => r.path },
  { key: 'module', title: 'Module', value: (r) => r.module },
  { key: 'ownUm2', title: 'Own µm²', value: (r) => r.ownUm2, show: (r) => num(r.ownUm2), numeric: true },
  { key: 'totalUm2', title: 'Total µm²', value: (r) => r.totalUm2, show: (r) => num(r.totalUm2), numeric: true },
  { key: 'share', title: 'Share', value: (r) => r.share, show: (r) => pct(r.share), numeric: true },
  { key: 'flops', title: 'Flops with sub-tree', value: (r) => r.flops, numeric: true },
];

export function areaTable(model: ReportModel, state: ViewState, changed: (s: Partial<ViewState>) => void): HTMLElement {
  const byModule = state.areaView !== 'instance';
  const toggle = h(
    'div',
    { class: 'toggle', role: 'group', 'aria-label': 'Area table rows' },
    tab('By module', byModule, () => changed({ areaView: 'module', sortKey: 'cellUm2', sortDesc: true, selected: undefined })),
    tab('By instance', !byModule, () => changed({ areaView: 'instance', sortKey: 'totalUm2', sortDesc: true, selected: undefined })),
  );
  const table = byModule
    ? sortable(model.area.byModule, model.area.byModule.some((r) => r.synthesized) ? [...MODULE_COLUMNS, SYNTH_COLUMN] : MODULE_COLUMNS, (r) => r.module, state, changed)
    : sortable(model.area.byInstance, INSTANCE_COLUMNS, (r) => r.path, state, changed);
  const note = !byModule && model.area.instancesOmitted > 0 ? h('p', { class: 'muted' }, `${model.area.instancesOmitted} smaller instances not listed.`) : null;
  return h('div', { id: 'area-table' }, toggle, h('div', { class: 'scroll-x' }, table), note);
}

function tab(label: string, active: boolean, onClick: () => void): HTMLButtonElement {
  const b = h('button', { type: 'button', class: active ? 'active' : '', 'aria-pressed': String(active) }, label);
  b.addEventListener('click', onClick);
  return b;
}

function sortable<R>(rows: R[], cols: Column<R>[], id: (r: R) => string, state: ViewState, changed: (s: Partial<ViewState>) => void): HTMLTableElement {
  const col = cols.find((c) => c.key === state.sortKey) ?? cols.find((c) => c.numeric) ?? cols[0];
  const sorted = [...rows].sort((a, b) => {
    const x = col.value(a);
    const y = col.value(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return state.sortDesc ? -c : c;
  });
  const head = h(
    'tr',
    {},
    ...cols.map((c) => {
      const active = c.key === col.key;
      const th = h('th', { scope: 'col', class: `${c.numeric ? 'num' : ''} sortable`, 'aria-sort': active ? (state.sortDesc ? 'descending' : 'ascending') : 'none', tabindex: '0', 'data-key': c.key }, c.title, active ? (state.sortDesc ? ' ▾' : ' ▴') : '');
      const sort = () => changed({ sortKey: c.key, sortDesc: active ? !state.sortDesc : !!c.numeric });
      th.addEventListener('click', sort);
      th.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          sort();
        }
      });
      return th;
    }),
  );
  const body = h(
    'tbody',
    {},
    ...sorted.map((r) => {
      const key = id(r);
      const tr = h('tr', { class: key === state.selected ? 'selected' : '', 'data-id': key, tabindex: '0', 'aria-selected': String(key === state.selected) }, ...cols.map((c) => h('td', { class: c.numeric ? 'num' : '' }, c.show ? c.show(r) : String(c.value(r)))));
      tr.addEventListener('click', () => changed({ selected: key === state.selected ? undefined : key }));
      return tr;
    }),
  );
  return h('table', { class: 'area sortable-table' }, h('thead', {}, head), body);
}
