import type { DemoStory, OutletId } from './demo-story.js';

/** Which page layout an outlet uses; every outlet has its own so extraction meets six different sites. */
export type SiteTemplate = 'broadsheet' | 'magazine' | 'regional' | 'community' | 'tabloid' | 'digital';

/** One fictional outlet: its name, its look and its feed. */
export interface DemoOutlet {
  readonly id: OutletId;
  readonly name: string;
  readonly tagline: string;
  readonly template: SiteTemplate;
  readonly feedFormat: 'rss' | 'atom';
  /** Path of the outlet's feed on the demo server. */
  readonly feedPath: string;
  /** Whether article pages carry a JSON-LD NewsArticle block (only some real sites do). */
  readonly jsonLd: boolean;
  /** Navigation sections printed in the header. */
  readonly nav: readonly string[];
}

/** The six fictional outlets, in the order their feeds are listed. */
export const DEMO_OUTLETS: readonly DemoOutlet[] = [
  {
    id: 'harbour-gazette',
    name: 'The Harbour Gazette',
    tagline: 'Independent journalism since 1871',
    template: 'broadsheet',
    feedFormat: 'rss',
    feedPath: '/harbour-gazette/rss.xml',
    jsonLd: false,
    nav: ['News', 'Politics', 'Business', 'Environment', 'Sport', 'Culture', 'Opinion'],
  },
  {
    id: 'meridian-daily',
    name: 'Meridian Daily',
    tagline: 'The news, in depth',
    template: 'magazine',
    feedFormat: 'atom',
    feedPath: '/meridian-daily/feeds/all.atom',
    jsonLd: true,
    nav: ['Home', 'National', 'World', 'Economy', 'Science', 'Technology', 'Weather'],
  },
  {
    id: 'northgate-courier',
    name: 'Northgate Courier',
    tagline: 'Your region. Your news.',
    template: 'regional',
    feedFormat: 'rss',
    feedPath: '/northgate-courier/feed/',
    jsonLd: false,
    nav: ['Local', 'Region', 'Business', 'Crime', 'Sport', 'What\u2019s On'],
  },
  {
    id: 'valley-record',
    name: 'The Valley Record',
    tagline: 'Serving the valley communities',
    template: 'community',
    feedFormat: 'atom',
    feedPath: '/valley-record/atom.xml',
    jsonLd: true,
    nav: ['Front Page', 'Community', 'Farming', 'Council', 'Obituaries', 'Letters'],
  },
  {
    id: 'brightwater-post',
    name: 'Brightwater Post',
    tagline: 'Brightwater\u2019s daily newspaper',
    template: 'tabloid',
    feedFormat: 'rss',
    feedPath: '/brightwater-post/rss',
    jsonLd: false,
    nav: ['News', 'Showbiz', 'Money', 'Sport', 'Travel', 'Puzzles'],
  },
  {
    id: 'kite-news',
    name: 'Kite News',
    tagline: 'Fast, fair, free',
    template: 'digital',
    feedFormat: 'atom',
    feedPath: '/kite-news/feed.atom',
    jsonLd: true,
    nav: ['Latest', 'Politics', 'Climate', 'Tech', 'Money', 'Explainers'],
  },
];

/** The outlet with this id; every OutletId has one, so absence is a programming error. */
export function outletById(id: OutletId): DemoOutlet {
  const outlet = DEMO_OUTLETS.find((candidate) => candidate.id === id);
  if (outlet === undefined) throw new Error(`demo: unknown outlet ${id}`);
  return outlet;
}

/**
 * URL path of an article page. Each outlet has its own URL scheme, as real sites do, so nothing downstream
 * can lean on one path shape.
 */
export function articlePath(story: DemoStory): string {
  const [date = ''] = story.publishedAt.split('T');
  const [year = '', month = '', day = ''] = date.split('-');
  const section = slugify(story.section);
  switch (story.outlet) {
    case 'harbour-gazette':
      return `/harbour-gazette/${section}/${year}/${month}/${day}/${story.slug}`;
    case 'meridian-daily':
      return `/meridian-daily/${section}/${story.slug}-${numericId(story)}`;
    case 'northgate-courier':
      return `/northgate-courier/article/${year}${month}${day}/${story.slug}.html`;
    case 'valley-record':
      return `/valley-record/stories/${story.slug}/`;
    case 'brightwater-post':
      return `/brightwater-post/${section}/${year}/${month}/${story.slug}`;
    case 'kite-news':
      return `/kite-news/a/${story.slug}`;
  }
}

/** URL slug of a label: lower case, runs of other characters collapsed to one hyphen. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A stable six-digit id derived from the slug, like the numeric suffixes CMSs append. */
function numericId(story: DemoStory): string {
  let hash = 7;
  for (const char of story.slug) hash = (hash * 31 + char.charCodeAt(0)) % 900_000;
  return String(100_000 + hash);
}
