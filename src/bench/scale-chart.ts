/**
 * The curves of a bench-scale run as one hand-written SVG: six panels (ingest rate, per-article time, read-path
 * latency, database bytes per article, peak RSS, pairwise F1), each against stored articles on a log axis.
 */
import type { ScaleCheckpoint, ScaleResult } from './scale-result.js';

interface Series {
  name: string;
  color: string;
  value: (checkpoint: ScaleCheckpoint) => number;
}

interface Panel {
  title: string;
  series: Series[];
  /** The issue's target, drawn as a dashed line. */
  target?: number;
  /** Fixed top of the y axis (F1: 1). */
  max?: number;
  /** Legend at the bottom of the plot (where the curves stay high). */
  legendBottom?: boolean;
}

const PANELS: readonly Panel[] = [
  {
    title: 'ingest rate (docs/s)',
    series: [
      { name: 'docs/s (wall)', color: '#1f77b4', value: (c) => c.ingestPerSecond },
      { name: 'docs per CPU-second', color: '#2ca02c', value: (c) => 1000 / c.cpuMsPerArticle },
    ],
  },
  {
    title: 'dedup + clustering per article (ms)',
    target: 2,
    series: [
      { name: 'p50', color: '#1f77b4', value: (c) => c.articleP50Ms },
      { name: 'p99', color: '#d62728', value: (c) => c.articleP99Ms },
      { name: 'CPU p50', color: '#2ca02c', value: (c) => c.articleCpuP50Ms },
    ],
  },
  {
    title: 'read paths, p50 (ms)',
    target: 50,
    series: [
      { name: 'clusters --since 24h', color: '#1f77b4', value: (c) => c.queriesP50Ms.clustersSince24h },
      { name: 'cluster ID', color: '#ff7f0e', value: (c) => c.queriesP50Ms.clusterById },
      { name: 'search', color: '#2ca02c', value: (c) => c.queriesP50Ms.search },
      { name: 'story page', color: '#d62728', value: (c) => c.queriesP50Ms.storyPage },
      { name: 'stories page 24h', color: '#9467bd', value: (c) => c.queriesP50Ms.storiesPage24h },
    ],
  },
  {
    title: 'database KB per article',
    target: 12,
    series: [{ name: 'KB/article', color: '#1f77b4', value: (c) => c.dbBytesPerArticle / 1024 }],
  },
  { title: 'peak RSS (MB)', series: [{ name: 'ingest peak', color: '#1f77b4', value: (c) => c.ingestPeakRssMb }] },
  {
    title: 'clusters vs known events',
    max: 1,
    legendBottom: true,
    series: [
      { name: 'pairwise F1', color: '#1f77b4', value: (c) => c.quality.pairwise.f1 },
      { name: 'B³ F1', color: '#2ca02c', value: (c) => c.quality.bcubed.f1 },
    ],
  },
];

const WIDTH = 300;
const HEIGHT = 190;
const MARGIN = { left: 46, right: 12, top: 26, bottom: 34 };
const COLUMNS = 3;
const TICKS = [10_000, 30_000, 100_000, 300_000, 1_000_000];

/** The SVG document of a run's checkpoints. */
export function renderScaleChart(result: ScaleResult): string {
  const rows = Math.ceil(PANELS.length / COLUMNS);
  const width = WIDTH * COLUMNS;
  const height = HEIGHT * rows + 30;
  const panels = PANELS.map((panel, i) =>
    renderPanel(panel, result.checkpoints, (i % COLUMNS) * WIDTH, 30 + Math.floor(i / COLUMNS) * HEIGHT),
  );
  const title = `newsdedup bench:scale, ${result.articles.toLocaleString('en')} articles over 60 simulated days (${result.date}; ${result.machine})`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">\n` +
    `<rect width="${width}" height="${height}" fill="#fff"/>\n<text x="8" y="18" font-size="12" font-weight="bold">${escape(title)}</text>\n${panels.join('\n')}\n</svg>\n`
  );
}

function renderPanel(panel: Panel, checkpoints: readonly ScaleCheckpoint[], x0: number, y0: number): string {
  const plot = { left: x0 + MARGIN.left, right: x0 + WIDTH - MARGIN.right, top: y0 + MARGIN.top, bottom: y0 + HEIGHT - MARGIN.bottom };
  const stored = checkpoints.map((c) => c.stored);
  const lo = Math.log10(Math.min(10_000, ...stored));
  const hi = Math.log10(Math.max(100_000, ...stored));
  const x = (n: number) => plot.left + ((Math.log10(n) - lo) / (hi - lo || 1)) * (plot.right - plot.left);
  const values = panel.series.flatMap((s) => checkpoints.map(s.value)).filter(Number.isFinite);
  const top = panel.max ?? niceMax(Math.max(panel.target ?? 0, ...values) * 1.1);
  const y = (v: number) => plot.bottom - (Math.min(v, top) / top) * (plot.bottom - plot.top);
  const parts = [`<text x="${x0 + MARGIN.left}" y="${y0 + 16}" font-weight="bold">${escape(panel.title)}</text>`];
  parts.push(
    `<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="none" stroke="#999"/>`,
  );
  for (let k = 0; k <= 4; k++) {
    const v = (top * k) / 4;
    parts.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#eee"/>`);
    parts.push(`<text x="${plot.left - 4}" y="${(y(v) + 3).toFixed(1)}" text-anchor="end">${formatValue(v)}</text>`);
  }
  for (const tick of TICKS.filter((t) => Math.log10(t) >= lo - 1e-9 && Math.log10(t) <= hi + 1e-9)) {
    parts.push(
      `<text x="${x(tick).toFixed(1)}" y="${plot.bottom + 12}" text-anchor="middle">${tick >= 1_000_000 ? `${tick / 1_000_000}M` : `${tick / 1000}k`}</text>`,
    );
  }
  parts.push(`<text x="${(plot.left + plot.right) / 2}" y="${plot.bottom + 25}" text-anchor="middle" fill="#555">stored articles</text>`);
  if (panel.target !== undefined && panel.target <= top) {
    parts.push(
      `<line x1="${plot.left}" x2="${plot.right}" y1="${y(panel.target).toFixed(1)}" y2="${y(panel.target).toFixed(1)}" stroke="#888" stroke-dasharray="4 3"/>`,
    );
    parts.push(
      `<text x="${plot.right - 2}" y="${(y(panel.target) - 3).toFixed(1)}" text-anchor="end" fill="#666">target ${panel.target}</text>`,
    );
  }
  panel.series.forEach((series, i) => {
    const points = checkpoints.map((c) => [x(c.stored), y(series.value(c))] as const).filter(([, py]) => Number.isFinite(py));
    if (points.length > 1)
      parts.push(
        `<polyline fill="none" stroke="${series.color}" stroke-width="1.8" points="${points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')}"/>`,
      );
    for (const [px, py] of points) parts.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="2.5" fill="${series.color}"/>`);
    if (panel.series.length > 1) {
      const ly = panel.legendBottom ? plot.bottom - 6 - (panel.series.length - 1 - i) * 11 : plot.top + 11 + i * 11;
      // The legend sits in the middle of the panel, away from the first and last checkpoints' points.
      const lx = plot.left + (plot.right - plot.left) * 0.3;
      parts.push(
        `<rect x="${lx}" y="${ly - 7}" width="8" height="8" fill="${series.color}"/><text x="${lx + 12}" y="${ly}">${escape(series.name)}</text>`,
      );
    }
  });
  return `<g>${parts.join('')}</g>`;
}

/** 1, 2 or 5 times a power of ten, at or above `value`. */
function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

function formatValue(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1).replace(/\.0$/, '') : v.toFixed(2).replace(/\.?0+$/, '') || '0';
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
