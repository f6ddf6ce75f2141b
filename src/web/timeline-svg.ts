/**
 * The coverage timelines, drawn as inline SVG on the server (no script, no external file): a small one per row of
 * the stories page, and a chart with one lane per outlet on a story's page. Colours come from the stylesheet's
 * classes, so dark mode applies; positions are presentation attributes, never inline style (the CSP forbids it).
 */
import { html, type SafeHtml } from './html.js';
import { plural } from './layout.js';

/** One article on a timeline. */
export interface TimelineMark {
  outlet: string;
  at: string;
  label: string;
  /** A syndicated copy of another article of the story (drawn hollow). */
  copy: boolean;
}

const HOUR = 3_600_000;

/** A 160×24 strip: one dot per article between when the story broke and when it last moved. */
export function sparkline(times: readonly string[]): SafeHtml {
  const ms = times.map((time) => Date.parse(time)).filter((value) => Number.isFinite(value));
  const first = Math.min(...ms);
  const last = Math.max(...ms);
  const x = (value: number) => (last === first ? 80 : 6 + ((value - first) / (last - first)) * 148);
  const span = ms.length === 0 ? '' : `over ${durationLabel(last - first)}`;
  return html`<svg class="spark" viewBox="0 0 160 24" preserveAspectRatio="none" role="img" aria-label="${`Coverage: ${plural(ms.length, 'article')} ${span}`}">
<line x1="6" y1="12" x2="154" y2="12"></line>${ms.map((value) => html`<circle cx="${x(value).toFixed(1)}" cy="12" r="3.5"></circle>`)}</svg>`;
}

/** Geometry of the two coverage charts: wide (labels left of the lanes) and narrow (labels above, for phones). */
const LAYOUTS = {
  wide: { width: 720, left: 170, right: 700, lane: 30, labelDy: 4, labelX: 0, top: 20 },
  narrow: { width: 340, left: 8, right: 330, lane: 40, labelDy: -9, labelX: 2, top: 30 },
} as const;

/**
 * A chart of a story's coverage: time across, one lane per outlet (in order of first coverage), a mark per article.
 * The page carries both layouts; the stylesheet shows one by the screen's width, so text stays readable on phones.
 */
export function coverageChart(marks: readonly TimelineMark[], layout: keyof typeof LAYOUTS): SafeHtml {
  const geometry = LAYOUTS[layout];
  const { left, right, lane, top } = geometry;
  const outlets = [...new Set(marks.map((mark) => mark.outlet))];
  const ms = marks.map((mark) => Date.parse(mark.at));
  const first = Math.min(...ms);
  const last = Math.max(...ms);
  const height = top + (outlets.length - 1) * lane + 40;
  const x = (value: number) => (last === first ? (left + right) / 2 : left + ((value - first) / (last - first)) * (right - left));
  const lanes = outlets.map((outlet, index) => {
    const y = top + index * lane;
    const name = layout === 'wide' && outlet.length > 24 ? `${outlet.slice(0, 23)}…` : outlet;
    return html`<g><title>${outlet}</title><text x="${geometry.labelX}" y="${y + geometry.labelDy}">${name}</text><line class="lane" x1="${left}" y1="${y}" x2="${right}" y2="${y}"></line></g>`;
  });
  const dots = marks.map((mark, index) => {
    const y = top + outlets.indexOf(mark.outlet) * lane;
    return html`<circle class="${mark.copy ? 'copy' : 'original'}" cx="${x(ms[index] ?? first).toFixed(1)}" cy="${y}" r="6"><title>${`${mark.outlet}: ${mark.label} (${mark.at.replace('T', ' ').slice(0, 16)} UTC)`}</title></circle>`;
  });
  const axisY = height - 14;
  const ticks = tickOffsets(last - first, layout === 'wide' ? 6 : 4).map((offset) => {
    const tx = x(first + offset);
    const anchor = offset === 0 && layout === 'narrow' ? 'start' : 'middle';
    return html`<line class="axis" x1="${tx.toFixed(1)}" y1="${axisY - 8}" x2="${tx.toFixed(1)}" y2="${axisY - 4}"></line><text x="${tx.toFixed(1)}" y="${axisY + 8}" text-anchor="${anchor}">${offset === 0 ? 'broke' : `+${durationLabel(offset)}`}</text>`;
  });
  const description = `Coverage by ${plural(outlets.length, 'outlet')}: ${plural(marks.length, 'article')} over ${durationLabel(last - first)}`;
  return html`<svg class="chart ${layout}" viewBox="0 0 ${geometry.width} ${height}" role="img" aria-label="${description}">
<title>${description}</title>${lanes}<line class="axis" x1="${left}" y1="${axisY - 6}" x2="${right}" y2="${axisY - 6}"></line>${ticks}${dots}</svg>`;
}

/** Up to `most` evenly spaced tick offsets on whole hours (or minutes for a short story). */
function tickOffsets(span: number, most: number): number[] {
  if (span <= 0) return [0];
  const steps = [10 * 60_000, 30 * 60_000, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR, 48 * HOUR, 7 * 24 * HOUR];
  const step = steps.find((candidate) => span / candidate <= most) ?? Math.ceil(span / most / HOUR) * HOUR;
  const offsets: number[] = [];
  for (let offset = 0; offset <= span; offset += step) offsets.push(offset);
  return offsets;
}

/** "0 min", "45 min", "1 h 30 min", "5 h", "3 d 4 h". */
export function durationLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 300 && minutes % 60 !== 0) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  const hours = Math.round(ms / HOUR);
  if (hours < 48) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
