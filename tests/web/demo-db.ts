/** The demo database, built by `newsdedup demo` itself, and what the demo corpus says its stories are. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_ARTICLES } from '../../src/demo/demo-corpus.js';
import { runCli } from '../helpers/cli.js';
import { queryDb } from '../helpers/news-db.js';

/** One story of the corpus covered by more than one outlet, from the corpus's own ground truth. */
export interface ExpectedStory {
  /** The wire story (one article and its syndicated copies) or an event covered in each outlet's own words. */
  wire: boolean;
  outlets: string[];
  articles: number;
  last: string;
}

/** Runs `newsdedup demo --db <dir>/demo.db` and writes a feeds.yaml naming its feeds (with tags) beside it. */
export async function buildDemoDatabase(dir: string): Promise<{ database: string; config: string }> {
  const database = path.join(dir, 'demo.db');
  const demo = await runCli(['demo', '--db', database]);
  if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`);
  const feeds = queryDb<{ name: string; outlet: string; url: string }>(database, 'SELECT name, outlet, url FROM feeds ORDER BY id');
  const config = path.join(dir, 'feeds.yaml');
  const lines = feeds.map(
    (feed, index) =>
      `  - { name: ${JSON.stringify(feed.name)}, outlet: ${JSON.stringify(feed.outlet)}, url: ${JSON.stringify(feed.url)}, tags: [${index % 2 === 0 ? 'coast' : 'inland'}] }`,
  );
  writeFileSync(config, `database: demo.db\nfeeds:\n${lines.join('\n')}\n`);
  return { database, config };
}

/**
 * The corpus's stories with two or more outlets (each event, and the wire story with its copies), in the order the
 * stories page must list them: most outlets, then most articles, then most recently updated.
 */
export function expectedMultiOutletStories(): ExpectedStory[] {
  const groups = new Map<string, (typeof DEMO_ARTICLES)[number][]>();
  for (const article of DEMO_ARTICLES) {
    const key =
      article.role.kind === 'event' ? `event:${article.role.label}` : article.role.kind === 'wire' ? 'wire' : `single:${article.path}`;
    groups.set(key, [...(groups.get(key) ?? []), article]);
  }
  return [...groups.values()]
    .map((articles) => ({
      wire: articles[0]?.role.kind === 'wire',
      outlets: [...new Set(articles.map((article) => article.outlet.name))].sort(),
      articles: articles.length,
      last:
        articles
          .map((article) => article.story.publishedAt)
          .sort()
          .at(-1) ?? '',
    }))
    .filter((story) => story.outlets.length >= 2)
    .sort((a, b) => b.outlets.length - a.outlets.length || b.articles - a.articles || b.last.localeCompare(a.last));
}
