/**
 * The report view's entry point (bundled to dist/report-view.js as an IIFE). The same code runs in
 * the VS Code webview and inlined in the standalone HTML: it renders the model's sections, and keeps
 * the scroll position, the area table's sort and the selected row across refreshes (VS Code's
 * webview state survives the panel being hidden; the standalone page keeps it in memory).
 */
import type { HostToView, ReportModel } from '../types';
import { destroyCharts } from './charts';
import { h } from './dom';
import { detectHost, type ViewState } from './host';
import { acceleratorSection, areaSection, chipletSection, confidenceSection, criticalPathSection, notesSection, processSection, summarySection, type SectionContext } from './sections';

const host = detectHost();
const DEFAULT_STATE: ViewState = { scrollY: 0, areaView: 'module', sortKey: 'cellUm2', sortDesc: true };
let state: ViewState = { ...DEFAULT_STATE, ...(host.getState() ?? {}) };
let revealPending: string | undefined;

function save(): void {
  host.setState(state);
}

function render(model: ReportModel): void {
  const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
  const y = state.scrollY;
  destroyCharts();
  const pending: Array<() => void> = [];
  const ctx: SectionContext = {
    model,
    state,
    host,
    changed: (s) => {
      state = { ...state, ...s, scrollY: window.scrollY };
      save();
      render(model);
    },
    later: (f) => pending.push(f),
  };
  const sections = [summarySection, areaSection, criticalPathSection, processSection, chipletSection, confidenceSection, acceleratorSection, notesSection]
    .map((f) => {
      try {
        return f(ctx);
      } catch (e) {
        return h('section', { class: 'card error' }, `This section could not be drawn: ${e instanceof Error ? e.message : String(e)}`);
      }
    })
    .filter((s): s is HTMLElement => s !== null);
  const header = h('header', {}, h('h1', {}, 'PPA estimate report'), h('span', { class: 'muted' }, `ppa-lens ${model.version}`));
  app.replaceChildren(header, ...sections);
  for (const f of pending) f();
  if (revealPending) {
    const name = revealPending;
    revealPending = undefined;
    state = { ...state, areaView: 'module', selected: name };
    save();
    render(model);
    document.querySelector(`#area-table tr[data-id="${CSS.escape(name)}"]`)?.scrollIntoView({ block: 'center' });
    return;
  }
  window.scrollTo(0, y);
  // a webview brought back (the user clicked a source link, the editor took the column) lays out its
  // styles and charts after this first call, which then lands short: restore once more after layout
  if (y > 0) window.requestAnimationFrame?.(() => window.scrollY === y || window.scrollTo(0, y));
}

function show(model: ReportModel): void {
  state = { ...state, model };
  save();
  render(model);
}

let scrollTimer: number | undefined;
window.addEventListener('scroll', () => {
  if (scrollTimer !== undefined) window.clearTimeout(scrollTimer);
  scrollTimer = window.setTimeout(() => {
    state = { ...state, scrollY: window.scrollY };
    save();
  }, 150);
});

// Re-theme the charts when VS Code's theme (a body class) or the browser's colour scheme changes.
const rerender = () => state.model && render(state.model);
new MutationObserver(rerender).observe(document.body, { attributes: true, attributeFilter: ['class'] });
window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', rerender);

host.onMessage((msg: HostToView) => {
  if (msg.type === 'error') {
    const app = document.getElementById('app');
    app?.prepend(h('div', { class: 'card error', role: 'alert' }, msg.message));
    return;
  }
  revealPending = msg.revealModule;
  show(msg.model);
});

const inline = host.inlineModel();
if (inline) show(inline);
else if (state.model) render(state.model);
host.post({ type: 'ready' });
