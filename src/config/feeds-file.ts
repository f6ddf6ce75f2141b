import { isMap, isScalar, isSeq, parseDocument, YAMLSeq } from 'yaml';

/** A feed to add to feeds.yaml. */
export interface NewFeed {
  name: string;
  url: string;
  outlet?: string;
  tags?: string[];
}

/**
 * Appends feeds to the `feeds:` list of a feeds.yaml text, keeping its comments and layout; feeds whose URL or name
 * is already listed are skipped. Returns the new text and what was added.
 */
export function appendFeeds(text: string, feeds: readonly NewFeed[]): { text: string; added: NewFeed[] } {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`feeds.yaml does not parse: ${doc.errors[0]?.message ?? ''}`);
  if (!isMap(doc.contents)) throw new Error('feeds.yaml: expected a mapping at the top level');
  let list = doc.get('feeds', true);
  if (!isSeq(list)) {
    list = new YAMLSeq();
    doc.set('feeds', list);
  }
  const seq = list as YAMLSeq;
  const names = new Set<string>();
  const urls = new Set<string>();
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    const name = item.get('name', true);
    const url = item.get('url', true);
    if (isScalar(name)) names.add(String(name.value));
    if (isScalar(url)) urls.add(String(url.value));
  }
  const added: NewFeed[] = [];
  for (const feed of feeds) {
    if (urls.has(feed.url)) continue;
    const name = uniqueName(feed.name, names);
    const entry: Record<string, unknown> = { name, url: feed.url };
    if (feed.outlet) entry['outlet'] = feed.outlet;
    if (feed.tags && feed.tags.length > 0) entry['tags'] = feed.tags;
    seq.add(doc.createNode(entry));
    names.add(name);
    urls.add(feed.url);
    added.push({ ...feed, name });
  }
  return { text: doc.toString({ lineWidth: 0, flowCollectionPadding: false }), added };
}

/** A feed name from a URL's host: `https://www.example.org/rss` → `example-org`. */
export function feedNameFromUrl(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./, '');
  return (
    host
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'feed'
  );
}

function uniqueName(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}
