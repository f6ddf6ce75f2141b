/**
 * Maps the expected parses of the gofeed and feed-rs test suites onto the fields of our model that can be
 * compared. Each suite uses its own field names (and gofeed's parser tests use the raw RSS/Atom/JSON Feed
 * structures); a field the expectation does not state is not compared.
 */

/** The comparable fields of one item; undefined means "not stated by the expectation". */
export interface ExpectedItem {
  title?: string;
  link?: string;
  guid?: string;
  published?: string;
  updated?: string;
  authors?: string[];
  summary?: string;
  content?: string;
  categories?: string[];
  enclosures?: string[];
}

/** The comparable fields of one feed. */
export interface ExpectedFeed {
  title?: string;
  link?: string;
  language?: string;
  items: ExpectedItem[];
  /**
   * When the expectation lists items: how many, and how many of them state at least one comparable field. Our
   * count must lie between the two: our model drops an item with nothing to identify or show it by (only
   * comments or contributors), but must lose no other and invent none.
   */
  itemCount?: { listed: number; comparable: number };
}

type Json = { readonly [key: string]: unknown };

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function objects(value: unknown): Json[] {
  return list(value).filter(isJson);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function strings(values: (string | undefined)[]): string[] | undefined {
  const kept = values.filter((v): v is string => v !== undefined);
  return kept.length > 0 ? kept : undefined;
}

function get(object: unknown, ...path: string[]): unknown {
  let current: unknown = object;
  for (const key of path) current = isJson(current) ? current[key] : undefined;
  return current;
}

/** A person as our model shows one: "Name (email)", else whichever of the two is given. */
function personLabel(person: Json): string | undefined {
  const name = str(person['name'])?.trim() || undefined;
  const email = str(person['email'])?.trim() || undefined;
  return name !== undefined && email !== undefined ? `${name} (${email})` : (name ?? email);
}

/** gofeed's universal `Feed` (translator tests, extension tests). */
function fromGofeedUniversal(doc: Json): ExpectedFeed {
  return {
    title: str(doc['title']),
    link: str(doc['link']),
    language: str(doc['language']),
    items: objects(doc['items']).map((item) => ({
      title: str(item['title']),
      link: str(item['link']),
      guid: str(item['guid']),
      published: str(item['publishedParsed']),
      updated: str(item['updatedParsed']),
      authors: strings(objects(item['authors']).map(personLabel)),
      summary: str(item['description']),
      content: str(item['content']),
      categories: strings(list(item['categories']).map(str)),
      enclosures: strings(objects(item['enclosures']).map((e) => str(e['url']))),
    })),
  };
}

/** gofeed's RSS parser structure (`rss.Feed`). */
function fromGofeedRss(doc: Json): ExpectedFeed {
  return {
    title: str(doc['title']),
    link: str(doc['link']),
    language: str(doc['language']),
    items: objects(doc['items']).map((item) => ({
      title: str(item['title']),
      link: str(item['link']),
      guid: str(get(item, 'guid', 'value')),
      published: str(item['pubDateParsed']),
      authors: strings([str(item['author'])]),
      summary: str(item['description']),
      content: str(item['content']),
      categories: strings(objects(item['categories']).map((c) => str(c['value']))),
      enclosures: strings(objects(item['enclosures']).map((e) => str(e['url']))),
    })),
  };
}

function atomText(value: unknown): string | undefined {
  return str(value) ?? str(get(value, 'value'));
}

function alternateHref(links: Json[]): string | undefined {
  const alternate = links.find((l) => l['rel'] === undefined || l['rel'] === 'alternate');
  return str(alternate?.['href']);
}

/** gofeed's Atom parser structure (`atom.Feed`). */
function fromGofeedAtom(doc: Json): ExpectedFeed {
  return {
    title: atomText(doc['title']),
    link: alternateHref(objects(doc['links'])),
    language: str(doc['language']),
    items: objects(doc['entries']).map((entry) => {
      const links = objects(entry['links']);
      return {
        title: atomText(entry['title']),
        link: alternateHref(links),
        guid: str(entry['id']),
        published: str(entry['publishedParsed']),
        updated: str(entry['updatedParsed']),
        authors: strings(objects(entry['authors']).map(personLabel)),
        summary: atomText(entry['summary']),
        content: atomText(entry['content']),
        categories: strings(objects(entry['categories']).map((c) => str(c['term']))),
        enclosures: strings(links.filter((l) => l['rel'] === 'enclosure').map((l) => str(l['href']))),
      };
    }),
  };
}

/** A JSON Feed document used as its own expectation (gofeed's JSON parser tests). */
function fromJsonFeed(doc: Json): ExpectedFeed {
  return {
    title: str(doc['title']),
    link: str(doc['home_page_url']),
    language: str(doc['language']),
    items: objects(doc['items']).map((item) => ({
      title: str(item['title']),
      link: str(item['url']) ?? str(item['external_url']),
      guid: str(item['id']),
      published: str(item['date_published']),
      updated: str(item['date_modified']),
      authors: strings([...objects(item['authors']), ...(isJson(item['author']) ? [item['author']] : [])].map((a) => str(a['name']))),
      summary: str(item['summary']),
      content: str(item['content_html']) ?? str(item['content_text']),
      categories: strings(list(item['tags']).map(str)),
      enclosures: strings(objects(item['attachments']).map((a) => str(a['url']))),
    })),
  };
}

/**
 * feed-rs's `Feed`. feed-rs invents an id (an MD5 hex digest) when an entry has none; such ids are only
 * compared when they occur in the source text, i.e. when the feed really states them.
 */
function fromFeedRs(doc: Json, source: string): ExpectedFeed {
  const firstLink = (value: unknown): string | undefined => {
    const links = objects(value);
    return str((links.find((l) => l['rel'] === null || l['rel'] === 'alternate') ?? links[0])?.['href']);
  };
  return {
    title: str(get(doc, 'title', 'content')),
    link: firstLink(doc['links']),
    language: str(doc['language']),
    items: objects(doc['entries']).map((entry) => {
      const id = str(entry['id']);
      return {
        title: str(get(entry, 'title', 'content')),
        link: firstLink(entry['links']),
        guid: id !== undefined && source.includes(id) ? id : undefined,
        published: str(entry['published']),
        updated: str(entry['updated']),
        authors: strings(objects(entry['authors']).map(personLabel)),
        summary: str(get(entry, 'summary', 'content')),
        content: str(get(entry, 'content', 'body')),
        categories: strings(objects(entry['categories']).map((c) => str(c['term']))),
        enclosures: strings(objects(entry['media']).flatMap((m) => objects(m['content']).map((c) => str(c['url'])))),
      };
    }),
  };
}

/** Which expectation format a file uses. */
export type ExpectationKind = 'gofeed-universal' | 'gofeed-rss' | 'gofeed-atom' | 'jsonfeed' | 'feed-rs';

/** Reads an expectation document of the given kind; `source` is the feed text (see `fromFeedRs`). */
export function readExpectation(kind: ExpectationKind, document: unknown, source: string): ExpectedFeed | null {
  if (!isJson(document)) return null;
  const listed = document[kind === 'gofeed-atom' || kind === 'feed-rs' ? 'entries' : 'items'];
  const feed = readFeed(kind, document, source);
  if (!Array.isArray(listed)) return feed;
  const comparable = feed.items.filter((item) => Object.values(item).some((v) => v !== undefined)).length;
  return { ...feed, itemCount: { listed: listed.length, comparable } };
}

function readFeed(kind: ExpectationKind, document: Json, source: string): ExpectedFeed {
  switch (kind) {
    case 'gofeed-universal':
      return fromGofeedUniversal(document);
    case 'gofeed-rss':
      return fromGofeedRss(document);
    case 'gofeed-atom':
      return fromGofeedAtom(document);
    case 'jsonfeed':
      return fromJsonFeed(document);
    case 'feed-rs':
      return fromFeedRs(document, source);
  }
}
