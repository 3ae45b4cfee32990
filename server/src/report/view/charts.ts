/**
 * Charts drawn with Chart.js (bundled, tree-shaken to bar and line charts): area by module, the
 * chiplet cost breakdown and the accelerator sweep. Colours come from the page's CSS variables, so
 * they follow the VS Code theme (or the browser's light/dark preference in the standalone file).
 * Animations are off: a refresh while typing must not make the chart dance.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

const live: Chart[] = [];

export function destroyCharts(): void {
  while (live.length) live.pop()!.destroy();
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export interface Theme {
  fg: string;
  muted: string;
  grid: string;
  series: string[];
  font: string;
}

export function theme(): Theme {
  return {
    fg: cssVar('--ppa-fg', '#333'),
    muted: cssVar('--ppa-muted', '#666'),
    grid: cssVar('--ppa-grid', 'rgba(128,128,128,0.25)'),
    series: [1, 2, 3, 4, 5].map((i) => cssVar(`--ppa-series-${i}`, ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6'][i - 1])),
    font: cssVar('--ppa-font', 'system-ui, sans-serif'),
  };
}

function base(t: Theme, opts: { stacked?: boolean; horizontal?: boolean; xTitle?: string; yTitle?: string }): ChartConfiguration['options'] {
  const axis = (title?: string, stacked?: boolean) => ({
    stacked,
    ticks: { color: t.muted, font: { family: t.font } },
    grid: { color: t.grid },
    border: { color: t.grid },
    title: title ? { display: true, text: title, color: t.muted, font: { family: t.font } } : undefined,
  });
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    indexAxis: opts.horizontal ? 'y' : 'x',
    plugins: { legend: { labels: { color: t.fg, font: { family: t.font } } }, tooltip: { enabled: true } },
    scales: { x: axis(opts.xTitle, opts.stacked), y: axis(opts.yTitle, opts.stacked) },
  };
}

function mount(canvas: HTMLCanvasElement, config: ChartConfiguration): void {
  try {
    live.push(new Chart(canvas, config));
  } catch (e) {
    canvas.replaceWith(document.createTextNode(`(chart unavailable: ${e instanceof Error ? e.message : String(e)})`));
  }
}

/** Sorted horizontal bars: where the area goes. */
export function areaBars(canvas: HTMLCanvasElement, rows: Array<{ label: string; value: number }>, t = theme()): void {
  const options = base(t, { horizontal: true, xTitle: 'cell area, µm²' });
  if (options?.plugins?.legend) options.plugins.legend.display = false;
  mount(canvas, {
    type: 'bar',
    data: { labels: rows.map((r) => r.label), datasets: [{ label: 'cell area µm²', data: rows.map((r) => r.value), backgroundColor: t.series[0], borderWidth: 0 }] },
    options,
  });
}

/** Stacked cost per unit: monolithic, then 2..8 chiplets. */
export function chipletBars(canvas: HTMLCanvasElement, labels: string[], stacks: Array<{ label: string; values: number[] }>, t = theme()): void {
  mount(canvas, {
    type: 'bar',
    data: { labels, datasets: stacks.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: t.series[i % t.series.length], borderWidth: 0 })) },
    options: base(t, { stacked: true, yTitle: 'USD per unit' }),
  });
}

/**
 * A metric across sweep points, one line per process model. The y-axis starts at 0, so a change of
 * a few percent looks like one (an axis fitted to the data made a 2.5 % change look steep).
 */
export function sweepLines(canvas: HTMLCanvasElement, labels: string[], lines: Array<{ label: string; values: number[] }>, yTitle: string, t = theme()): void {
  const options = base(t, { yTitle });
  const y = options?.scales?.y as { beginAtZero?: boolean } | undefined;
  if (y) y.beginAtZero = true;
  mount(canvas, {
    type: 'line',
    data: { labels, datasets: lines.map((l, i) => ({ label: l.label, data: l.values, borderColor: t.series[i % t.series.length], backgroundColor: t.series[i % t.series.length], tension: 0 })) },
    options,
  });
}
