/**
 * The few static files of the pages, served by the server itself from these strings (the build compiles TypeScript
 * only, and three small files need no static-file plugin). No inline style or script anywhere: the
 * Content-Security-Policy allows only these.
 */

/** One static file: its body and content type. */
export interface Asset {
  body: string;
  contentType: string;
}

const STYLE = `
:root {
  color-scheme: light dark;
  --bg: #fbfbf8; --fg: #1d1d1b; --muted: #5c5c57; --line: #dcdcd4; --card: #ffffff;
  --accent: #0b5cad; --mark: #fff1a8; --dot: #0b5cad; --copy: #8a8a82; --bad: #a4161a; --good: #2b7a3d;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  line-height: 1.45;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #141413; --fg: #ecece6; --muted: #a9a9a1; --line: #3a3a36; --card: #1d1d1b;
    --accent: #7db7f0; --mark: #5a4c00; --dot: #7db7f0; --copy: #8f8f88; --bad: #ff8a8a; --good: #7fd18f;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font-size: 1rem; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; padding: .5rem 1rem; background: var(--card); }
.skip:focus { left: 0; z-index: 1; }
.site { border-bottom: 1px solid var(--line); background: var(--card); }
.site .bar { max-width: 64rem; margin: 0 auto; padding: .6rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; }
.brand { font-weight: 700; text-decoration: none; color: var(--fg); letter-spacing: .01em; }
.site nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
.site nav a { text-decoration: none; }
.site nav a[aria-current="page"] { font-weight: 700; text-decoration: underline; text-underline-offset: .25em; }
.site form { margin-left: auto; display: flex; gap: .4rem; flex: 1 1 14rem; max-width: 22rem; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.2; margin: .5rem 0 .75rem; }
h2 { font-size: 1.15rem; line-height: 1.3; margin: 0 0 .25rem; }
input, select, button { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: .3rem; padding: .3rem .5rem; }
input[type="search"] { flex: 1; min-width: 0; }
button { cursor: pointer; background: var(--card); }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: 0 0 1rem; padding: .6rem .75rem; border: 1px solid var(--line); border-radius: .4rem; background: var(--card); }
.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); gap: .15rem; }
.filters input[type="search"] { width: min(26rem, 70vw); font-size: 1rem; }
.summary, .meta, .muted { color: var(--muted); }
.meta { font-size: .9rem; margin: .15rem 0; }
ol.stories, ol.results, ol.coverage { list-style: none; margin: 0; padding: 0; }
ol.stories > li, ol.results > li { padding: .8rem 0; border-top: 1px solid var(--line); }
ol.stories > li { display: grid; grid-template-columns: 1fr auto; gap: .25rem 1rem; align-items: center; }
ol.stories h2 a, ol.results h2 a { color: var(--fg); text-decoration: none; }
ol.stories h2 a:hover, ol.results h2 a:hover { text-decoration: underline; }
.outlets { margin: .15rem 0; font-size: .95rem; }
.count { font-weight: 700; }
.badge { display: inline-block; font-size: .8rem; padding: 0 .4rem; border: 1px solid var(--line); border-radius: 1rem; color: var(--muted); }
svg.spark { width: 10rem; height: 1.5rem; }
svg.spark line, svg.chart line.axis, svg.chart line.lane { stroke: var(--line); stroke-width: 1; }
svg.spark circle, svg.chart circle.original { fill: var(--dot); }
svg.chart circle.copy { fill: none; stroke: var(--copy); stroke-width: 2; }
svg.chart text { fill: var(--muted); font-size: 12px; }
svg.chart.narrow text { font-size: 13px; }
figure.coverage { margin: 1rem 0; padding: .75rem; border: 1px solid var(--line); border-radius: .4rem; background: var(--card); }
figure.coverage svg { width: 100%; height: auto; display: block; }
svg.chart.narrow { display: none; }
figure.coverage figcaption { font-size: .85rem; color: var(--muted); display: flex; justify-content: space-between; flex-wrap: wrap; gap: .5rem; }
ol.coverage > li { padding: .6rem 0; border-top: 1px solid var(--line); }
ol.coverage h3 { font-size: 1.05rem; margin: 0 0 .2rem; }
ol.coverage h3 a { color: var(--fg); }
ol.coverage ul.copies { margin: .3rem 0 0; padding-left: 1.2rem; font-size: .9rem; color: var(--muted); }
mark { background: var(--mark); color: inherit; padding: 0 .1em; }
.snippet { margin: .25rem 0; }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: .4rem; background: var(--card); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { white-space: nowrap; }
tbody th { font-weight: 400; }
td.wrap { min-width: 10rem; overflow-wrap: anywhere; }
th { font-weight: 600; color: var(--muted); }
.status-ok { color: var(--good); }
.status-failing, .status-disabled { color: var(--bad); font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .5rem 0 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
div.body { max-width: 42rem; font-size: 1.05rem; line-height: 1.6; overflow-wrap: break-word; }
div.body img { max-width: 100%; height: auto; }
.error { border-left: 4px solid var(--bad); padding: .5rem 1rem; background: var(--card); }
footer { max-width: 64rem; margin: 2rem auto 1rem; padding: 0 1rem; font-size: .8rem; color: var(--muted); }
@media (max-width: 40rem) {
  ol.stories > li { grid-template-columns: 1fr; }
  table.feeds, table.feeds tbody, table.feeds tr, table.feeds th, table.feeds td { display: block; }
  table.feeds thead, table.feeds caption { display: none; }
  table.feeds tr { border-bottom: 1px solid var(--line); padding: .3rem 0; }
  table.feeds td { border: 0; padding: .1rem .6rem; }
  table.feeds td:empty { display: none; }
  table.feeds td::before { content: attr(data-label) ": "; color: var(--muted); }
  svg.chart.wide { display: none; }
  svg.chart.narrow { display: block; }
  h1 { font-size: 1.35rem; }
  .site form { margin-left: 0; max-width: none; }
}
`;

// Rewrites every <time datetime> into the reader's time zone; the UTC time stays in its title (the tooltip).
const TIME_SCRIPT = `(function () {
  'use strict';
  var format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  var times = document.querySelectorAll('time[datetime]');
  for (var i = 0; i < times.length; i++) {
    var element = times[i];
    var date = new Date(element.getAttribute('datetime'));
    if (isNaN(date.getTime())) continue;
    if (!element.title) element.title = date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
    element.textContent = format.format(date);
    element.setAttribute('data-local', 'true');
  }
})();
`;

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b5cad"/><path d="M4 4h8M4 8h8M4 12h5" stroke="#fff" stroke-width="2" stroke-linecap="round"/></svg>`;

/** The static files by path. */
export const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ['/assets/style.css', { body: STYLE, contentType: 'text/css; charset=utf-8' }],
  ['/assets/time.js', { body: TIME_SCRIPT, contentType: 'text/javascript; charset=utf-8' }],
  ['/assets/icon.svg', { body: ICON, contentType: 'image/svg+xml' }],
]);
