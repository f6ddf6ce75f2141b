/** One story: its coverage chart (one lane per outlet) and every article with the copies it stands for. */
import type { ClusterDetail, ClusterMember } from '../../store/cluster-queries.js';
import type { CoveragePoint } from '../../store/web-queries.js';
import { html, outboundLink, type SafeHtml } from '../html.js';
import { plural, renderPage, timeTag } from '../layout.js';
import { copiesOf } from '../load.js';
import { coverageChart, type TimelineMark } from '../timeline-svg.js';

/** The whole page of one story. */
export function storyPage(story: ClusterDetail, coverage: readonly CoveragePoint[]): string {
  const timeOf = new Map(coverage.map((point) => [point.articleId, point.publishedAt]));
  const copies = copiesOf(story);
  const marks = marksOf(story, timeOf);
  const body = html`<article class="story-page">
<h1>${story.headline}</h1>
<p class="meta">Broke ${timeTag(story.firstSeenAt)} · last moved ${timeTag(story.lastUpdatedAt)}</p>
<p class="outlets"><span class="count">${plural(story.outlets, 'outlet')}</span>, ${plural(story.articles, 'article')}${copies > 0 ? `, ${plural(copies, 'copy', 'copies')} folded` : ''}: ${story.outletNames.join(', ')}</p>
${story.mergedFrom.length > 0 ? html`<p class="meta">Merged from ${story.mergedFrom.map((id, index) => html`${index > 0 ? ', ' : ''}<a href="/stories/${id}">#${id}</a>`)}</p>` : ''}
<figure class="coverage">
${coverageChart(marks, 'wide')}${coverageChart(marks, 'narrow')}
<figcaption><span>From ${timeTag(story.firstSeenAt)} to ${timeTag(story.lastUpdatedAt)}</span>${copies > 0 ? html`<span>filled: an outlet's own article · hollow: a syndicated copy</span>` : ''}</figcaption>
</figure>
<h2>Coverage</h2>
<ol class="coverage">${story.members.map((member) => memberItem(member, timeOf))}</ol>
<p class="meta"><a href="/api/stories/${story.id}">This story as JSON</a></p>
</article>`;
  return renderPage({ title: story.headline, section: 'stories', body });
}

function marksOf(story: ClusterDetail, timeOf: ReadonlyMap<number, string>): TimelineMark[] {
  return story.members.flatMap((member) => [
    { outlet: member.outlet, at: member.publishedAt, label: member.title, copy: false },
    ...member.copies.map((copy) => ({
      outlet: copy.outlet,
      at: timeOf.get(copy.id) ?? member.publishedAt,
      label: `copy of ${member.outlet}`,
      copy: true,
    })),
  ]);
}

function memberItem(member: ClusterMember, timeOf: ReadonlyMap<number, string>): SafeHtml {
  return html`<li>
<h3><a href="/articles/${member.id}">${member.title}</a></h3>
<p class="meta"><strong>${member.outlet}</strong> · ${timeTag(member.publishedAt)}${member.url ? html` · ${outboundLink(member.url, 'original')}` : ''}</p>
${
  member.copies.length > 0
    ? html`<p class="meta">Stands for ${plural(member.copies.length, 'copy', 'copies')}:</p><ul class="copies">${member.copies.map(
        (copy) =>
          html`<li><a href="/articles/${copy.id}">${copy.outlet}</a> · ${timeTag(timeOf.get(copy.id) ?? null)}${copy.url ? html` · ${outboundLink(copy.url, 'original')}` : ''}</li>`,
      )}</ul>`
    : ''
}
</li>`;
}
