import type { DemoStory } from './corpus/demo-story.js';
import { DEMO_EVENTS } from './corpus/events.js';
import { articlePath, outletById, type DemoOutlet } from './corpus/outlets.js';
import { STANDALONE_STORIES } from './corpus/standalone.js';
import { WIRE_COPIES } from './corpus/wire.js';

/** Why an article is in the corpus: which grouping the pipeline is expected to find for it. */
export type DemoArticleRole =
  { readonly kind: 'event'; readonly label: string } | { readonly kind: 'wire' } | { readonly kind: 'standalone' };

/** One article of the corpus with everything needed to serve it. */
export interface DemoArticle {
  readonly story: DemoStory;
  readonly outlet: DemoOutlet;
  /** URL path on the demo server, e.g. "/kite-news/a/some-slug". */
  readonly path: string;
  readonly role: DemoArticleRole;
}

/** Every article of the demo corpus: event coverage, wire copies and standalone stories. */
export const DEMO_ARTICLES: readonly DemoArticle[] = [
  ...DEMO_EVENTS.flatMap((event) => event.stories.map((story) => toArticle(story, { kind: 'event', label: event.label }))),
  ...WIRE_COPIES.map((story) => toArticle(story, { kind: 'wire' })),
  ...STANDALONE_STORIES.map((story) => toArticle(story, { kind: 'standalone' })),
];

function toArticle(story: DemoStory, role: DemoArticleRole): DemoArticle {
  return { story, outlet: outletById(story.outlet), path: articlePath(story), role };
}
