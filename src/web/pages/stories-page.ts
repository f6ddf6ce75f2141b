/** The stories page: one row per event cluster, most outlets first, with its outlets, copies and a small timeline. */
import { html, type SafeHtml } from '../html.js';
import { note, plural, renderPage, timeTag } from '../layout.js';
import type { StoryListItem } from '../load.js';
import { isLanguageTag } from '../params.js';
import { sparkline } from '../timeline-svg.js';

/** The filters as the reader chose them (URL values, for the form). */
export interface StoriesForm {
  since: string;
  minOutlets: string;
  lang: string;
  tag: string;
}

/** What the filter form offers. */
export interface StoriesChoices {
  languages: readonly string[];
  tags: readonly string[];
}

const SINCE = [
  ['', 'any time'],
  ['6h', 'last 6 hours'],
  ['24h', 'last 24 hours'],
  ['7d', 'last 7 days'],
] as const;

const MIN_OUTLETS = [
  ['', 'any'],
  ['2', '2 or more'],
  ['3', '3 or more'],
  ['5', '5 or more'],
] as const;

/** The whole stories page. */
export function storiesPage(stories: readonly StoryListItem[], form: StoriesForm, choices: StoriesChoices, limit: number): string {
  const filtered = form.since !== '' || form.minOutlets !== '' || form.lang !== '' || form.tag !== '';
  const count = stories.length === limit ? `The top ${limit} stories` : plural(stories.length, 'story', 'stories');
  const body = html`<h1>Stories</h1>
${filterForm(form, choices)}
<p class="summary">${count}${filtered ? ' matching the filters' : ''}, most outlets first, then most recent.</p>
${stories.length === 0 ? note(filtered ? 'No story matches these filters.' : 'No stories yet: run `newsdedup run` to fetch the feeds.') : html`<ol class="stories">${stories.map(storyItem)}</ol>`}`;
  return renderPage({ title: 'Stories', section: 'stories', body });
}

function storyItem({ story, lang, copies, coverage }: StoryListItem): SafeHtml {
  return html`<li><article class="story" aria-labelledby="story-${story.id}">
<h2 id="story-${story.id}"${isLanguageTag(lang) ? html` lang="${lang}"` : ''}><a href="/stories/${story.id}">${story.headline}</a></h2>
<p class="meta">Broke ${timeTag(story.firstSeenAt)} · last moved ${timeTag(story.lastUpdatedAt)}</p>
<p class="outlets"><span class="count">${plural(story.outlets, 'outlet')}</span>: ${story.outletNames.join(', ')}</p>
<p class="meta">${plural(story.articles, 'article')}${copies > 0 ? html` · <span class="badge">${plural(copies, 'copy', 'copies')} folded</span>` : ''}</p>
</article>${sparkline(coverage.map((point) => point.publishedAt))}</li>`;
}

function filterForm(form: StoriesForm, choices: StoriesChoices): SafeHtml {
  const options = (pairs: ReadonlyArray<readonly [string, string]>, current: string) =>
    pairs.map(([value, label]) => html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`);
  const listed = (values: readonly string[], current: string) =>
    options([['', 'any'], ...values.map((value) => [value, value] as const)], current);
  return html`<form class="filters" method="get" action="/" aria-label="Filter stories">
<label>Updated<select name="since">${options(SINCE, form.since)}</select></label>
<label>Outlets<select name="min_outlets">${options(MIN_OUTLETS, form.minOutlets)}</select></label>
${choices.languages.length > 1 || form.lang !== '' ? html`<label>Language<select name="lang">${listed(choices.languages, form.lang)}</select></label>` : ''}
${choices.tags.length > 0 ? html`<label>Tag<select name="tag">${listed(choices.tags, form.tag)}</select></label>` : ''}
<button type="submit">Filter</button>
</form>`;
}
