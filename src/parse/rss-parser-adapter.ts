/**
 * The one place that knows rss-parser: it parses repaired XML with `parseString` and hands back raw RSS or Atom
 * feeds. Swapping the XML parser means rewriting this file only.
 *
 * rss-parser's own output is lossy (one link, no guid attributes, no xml:base), so every element of interest is
 * requested as a raw custom field and read here. Elements rss-parser would post-process in harmful ways are
 * renamed while parsing, which takes them out of its path: its snippet code (quadratic regular expressions on
 * `description`, `content:encoded` and Atom `content`), its XML re-serialization of content (recursive), and its
 * `new Date(published).toISOString()` on Atom dates (a RangeError that fails the whole feed).
 *
 * xml2js runs in async mode (chunks, with turns of the event loop between them) and turns every element into an
 * object; the checks in repair-structure.ts and parse-feed.ts keep rss-parser's result building from throwing,
 * and a deadline bounds whatever they missed.
 */
import Parser from 'rss-parser';
import { err, ok, type Result } from '../model.js';
import type { RawAtomContent, RawAtomEntry, RawAtomFeed } from './atom-raw.js';
import type { RawEnclosure, RawLink, RawPerson, RawText } from './raw-common.js';
import { readTextConstruct } from './atom-text-construct.js';
import type { RootElement } from './repair-structure.js';
import type { RawGuid, RawRssFeed, RawRssItem } from './rss-raw.js';
import {
  TEXT_KEY,
  allTexts,
  attributeMap,
  childText,
  firstText,
  nodeAttr,
  nodeChildren,
  nodeList,
  nodeText,
  type XmlNode,
} from './xml-node.js';

/** A parsed XML feed in its own format's raw terms. */
export type RawXmlFeed = { kind: 'rss'; feed: RawRssFeed } | { kind: 'atom'; feed: RawAtomFeed };

/** Elements renamed while parsing so that rss-parser never post-processes them (see the file comment). */
const HIDDEN = 'nd:';
const HIDDEN_ELEMENTS = new Set([
  'description',
  'content:encoded',
  'content',
  'summary',
  'published',
  'updated',
  // rss-parser's setISODate calls `.trim()` on these; on element objects that throws (and is caught) per item,
  // which costs more than the rest of the parse on a big feed.
  'pubDate',
  'dc:date',
  // rss-parser reads `.$.href` without checking that the element has attributes (`<atom:link/>` crashes it);
  // Atom `<link>` elements get an attribute in the repair pass instead (see repair-structure.ts).
  'atom:link',
]);

/** Item-level elements read raw (every occurrence, attributes kept). */
const ITEM_FIELDS = [
  '$',
  'title',
  'link',
  'guid',
  'id',
  'issued',
  'modified',
  'created',
  'author',
  'category',
  'enclosure',
  `${HIDDEN}description`,
  `${HIDDEN}content:encoded`,
  `${HIDDEN}content`,
  `${HIDDEN}summary`,
  `${HIDDEN}published`,
  `${HIDDEN}updated`,
  `${HIDDEN}pubDate`,
  `${HIDDEN}dc:date`,
  `${HIDDEN}atom:link`,
  'dc:creator',
  'dc:subject',
  'dc:language',
  'dc:title',
  'dc:description',
  'dc:author',
  'dcterms:modified',
  'atom:updated',
  'atom:published',
  'atom:category',
  'atom:author',
  'atom:content',
  'media:content',
  'media:group',
  'media:thumbnail',
  'media:title',
  'itunes:author',
  'itunes:summary',
  'itunes:keywords',
  'itunes:image',
];

/**
 * Channel-level fields. rss-parser's typings allow only plain names here, which give the first element only;
 * root attributes come from the repair pass instead.
 */
const FEED_FIELDS = ['title', 'link', `${HIDDEN}atom:link`, 'language', 'dc:language', 'ttl', 'author'];

const RAW = 'raw:';

/** Characters parsed per turn of the event loop. */
const CHUNK_SIZE = 65_536;

/**
 * Last-resort deadline. In async mode xml2js loses an exception thrown while rss-parser builds its result (the
 * promise would never settle); the checks before parsing rule out the known causes, this bounds any other.
 */
const PARSE_DEADLINE_MS = 60_000;

/** rss-parser's parseString, bounded by PARSE_DEADLINE_MS. */
async function parseWithDeadline(xml: string, root: RootElement): Promise<Fields & { items: Fields[] }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the XML parser did not finish within ${PARSE_DEADLINE_MS / 1000} s`)), PARSE_DEADLINE_MS);
    timer.unref();
  });
  try {
    return await Promise.race([newParser(namespaceRenamer(root)).parseString(xml), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

type Fields = Readonly<Record<string, unknown>>;

/**
 * Renames the hidden elements, and elements named like Object.prototype members (`__proto__`, `constructor`),
 * which would otherwise land on inherited properties of xml2js's plain objects.
 */
function hide(name: string): string {
  return HIDDEN_ELEMENTS.has(name) || name in Object.prototype ? `${HIDDEN}${name}` : name;
}

/**
 * The namespaces of the document's own format, by root element (local name). RSS 2.0 has no namespace, but some
 * documents bind one of these to the prefix they write every element with.
 */
const FORMAT_NAMESPACES: ReadonlyMap<string, readonly string[]> = new Map([
  ['feed', ['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#']],
  ['RDF', ['http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/']],
  [
    'rss',
    [
      'http://backend.userland.com/rss2',
      'http://backend.userland.com/rss',
      'http://blogs.law.harvard.edu/tech/rss',
      'http://purl.org/rss/2.0/',
    ],
  ],
]);

/** The prefix of a qualified name with its colon (`rss:` of `rss:channel`), or null. */
function prefixOf(name: string): string | null {
  const colon = name.indexOf(':');
  return colon < 0 ? null : name.slice(0, colon + 1);
}

/**
 * The prefixes the document writes its own format's elements with: those bound to the format's namespace, the
 * root's own prefix (`<rss:rss>`, `<a:feed>`) and the prefix of an RSS `<x:channel>`. The RDF root is left out:
 * its `rdf:` prefix belongs to RDF, not to RSS 1.0.
 */
function formatPrefixes(root: RootElement, local: string): string[] {
  const namespaces = FORMAT_NAMESPACES.get(local) ?? [];
  const bound = [...root.attributes]
    .filter(([attribute, uri]) => attribute.startsWith('xmlns:') && namespaces.includes(uri.trim()))
    .map(([attribute]) => `${attribute.slice('xmlns:'.length)}:`);
  const own = local === 'RDF' ? [] : [prefixOf(root.name)];
  const channels = local === 'rss' ? [...root.childNames].filter((n) => n.endsWith(':channel')).map(prefixOf) : [];
  return [...new Set([...bound, ...own, ...channels])].filter((p): p is string => p !== null);
}

/**
 * rss-parser knows elements by their literal qualified names (`rss`, `feed`, `entry`, `rdf:RDF`, `item`).
 * Documents that write the format's elements with a prefix (`<atom:feed xmlns:atom=…>`, `<rss:item>`, an RSS 2.0
 * document with every element prefixed and no default namespace) or spell the RDF root differently are renamed to
 * those names while parsing. Other prefixes (atom:link inside RSS) are left alone.
 */
function namespaceRenamer(root: RootElement): (name: string) => string {
  const local = root.name.slice(root.name.indexOf(':') + 1);
  const prefixes = formatPrefixes(root, local);
  const rdfRoot = local === 'RDF' && root.name !== 'rdf:RDF' ? root.name : null;
  if (prefixes.length === 0 && rdfRoot === null) return (name) => name;
  return (name) => {
    if (name === rdfRoot) return 'rdf:RDF';
    const prefix = prefixes.find((p) => name.startsWith(p));
    return prefix === undefined ? name : name.slice(prefix.length);
  };
}

function newParser(rename: (name: string) => string): Parser<Record<string, unknown>, Record<string, unknown>> {
  return new Parser<Record<string, unknown>, Record<string, unknown>>({
    // An `<rss>` without a version attribute is read as RSS 2.0 instead of being rejected.
    defaultRSS: 2,
    xml2js: {
      tagNameProcessors: [rename, hide],
      charkey: TEXT_KEY,
      // Every element becomes an object, never a string: rss-parser reads `entry.link` of an entry, and on a
      // string that is String.prototype.link, a function it then crashes on.
      explicitCharkey: true,
      emptyTag: () => ({}),
      // Parse in chunks with a turn of the event loop in between, so a large feed never blocks the process for
      // long (xml2js+sax manage roughly 1-5 MB/s).
      async: true,
      chunkSize: CHUNK_SIZE,
    },
    customFields: {
      feed: FEED_FIELDS,
      item: ITEM_FIELDS.map((name) => [name, `${RAW}${name}`, { keepArray: true }]),
    },
  });
}

/**
 * Parses a repaired XML document whose root element is already known. Returns the raw feed, or the parser's
 * reason when the document is not a feed rss-parser can read.
 */
export async function parseXmlFeed(xml: string, root: RootElement): Promise<Result<RawXmlFeed, string>> {
  const local = root.name.slice(root.name.indexOf(':') + 1);
  let output: Fields & { items: Fields[] };
  try {
    output = await parseWithDeadline(xml, root);
  } catch (cause) {
    if (cause instanceof TypeError) return err(`no readable <${local === 'feed' ? 'feed' : 'channel'}> element`);
    return err(cause instanceof Error ? (cause.message.split('\n')[0] ?? 'XML error') : 'XML error');
  }
  const items = Array.isArray(output.items) ? output.items : [];
  if (local === 'feed') return ok({ kind: 'atom', feed: toAtomFeed(output, items, root) });
  return ok({ kind: 'rss', feed: toRssFeed(output, items, root) });
}

function raw(fields: Fields, name: string): unknown {
  return fields[`${RAW}${name}`];
}

function rawText(fields: Fields, name: string): string | null {
  return firstText(raw(fields, name));
}

function rawAttr(fields: Fields, name: string): string | null {
  return attributeMap(raw(fields, '$')).get(name) ?? null;
}

function toLink(node: XmlNode): RawLink | null {
  // `<link>http://…</link>` in Atom is a common mistake; the text is the only href such a link has.
  const text = nodeText(node).trim();
  const href = nodeAttr(node, 'href') ?? nodeAttr(node, 'url') ?? (/^https?:\/\//i.test(text) ? text : null);
  if (href === null) return null;
  return {
    href,
    rel: nodeAttr(node, 'rel'),
    type: nodeAttr(node, 'type'),
    length: nodeAttr(node, 'length'),
    base: nodeAttr(node, 'xml:base'),
  };
}

function toLinks(value: unknown): RawLink[] {
  return nodeList(value)
    .map(toLink)
    .filter((link): link is RawLink => link !== null);
}

function toMediaEnclosure(node: XmlNode): RawEnclosure | null {
  const url = nodeAttr(node, 'url');
  if (url === null) return null;
  return { url, type: nodeAttr(node, 'type'), length: nodeAttr(node, 'fileSize'), medium: nodeAttr(node, 'medium') };
}

function toImage(url: string | null): RawEnclosure | null {
  return url === null ? null : { url, type: null, length: null, medium: 'image' };
}

/**
 * Media RSS attachments (`media:content` directly and inside `media:group`), then the item's images
 * (`media:thumbnail`, `itunes:image`), which downstream stages use as the lead image.
 */
function mediaEnclosures(fields: Fields): RawEnclosure[] {
  const groups = nodeList(raw(fields, 'media:group'));
  const contents = [...nodeList(raw(fields, 'media:content')), ...groups.flatMap((g) => nodeChildren(g, 'media:content'))];
  const thumbnails = [...nodeList(raw(fields, 'media:thumbnail')), ...groups.flatMap((g) => nodeChildren(g, 'media:thumbnail'))];
  return [
    ...contents.map(toMediaEnclosure),
    ...thumbnails.map((node) => toImage(nodeAttr(node, 'url'))),
    ...nodeList(raw(fields, 'itunes:image')).map((node) => toImage(nodeAttr(node, 'href'))),
  ].filter((e): e is RawEnclosure => e !== null);
}

/**
 * The Media RSS title: the item's own `media:title`, else that of its first `media:content` that has one, else
 * that of its `media:group` or of the group's contents. `type="html"` is markup; the default, `plain`, is text.
 */
function mediaTitle(fields: Fields): RawText | null {
  const groups = nodeList(raw(fields, 'media:group'));
  const holders = [...nodeList(raw(fields, 'media:content')), ...groups, ...groups.flatMap((g) => nodeChildren(g, 'media:content'))];
  const node = [...nodeList(raw(fields, 'media:title')), ...holders.flatMap((h) => nodeChildren(h, 'media:title'))].find(
    (candidate) => nodeText(candidate).trim() !== '',
  );
  return node === undefined ? null : toText(node);
}

function rssEnclosures(fields: Fields): RawEnclosure[] {
  const enclosures: RawEnclosure[] = [];
  for (const node of nodeList(raw(fields, 'enclosure'))) {
    const url = nodeAttr(node, 'url');
    if (url !== null) enclosures.push({ url, type: nodeAttr(node, 'type'), length: nodeAttr(node, 'length'), medium: null });
  }
  return [...enclosures, ...mediaEnclosures(fields)];
}

function toGuid(value: unknown): RawGuid | null {
  const node = nodeList(value)[0];
  if (node === undefined) return null;
  const permalink = nodeAttr(node, 'isPermaLink');
  return { value: nodeText(node), isPermaLink: permalink === null || permalink.trim().toLowerCase() !== 'false' };
}

/** `itunes:keywords` is one comma-separated list. */
function keywords(fields: Fields): string[] {
  return allTexts(raw(fields, 'itunes:keywords')).flatMap((text) => text.split(','));
}

function toRssItem(fields: Fields): RawRssItem {
  return {
    title: rawText(fields, 'title') ?? rawText(fields, 'dc:title'),
    mediaTitle: mediaTitle(fields),
    links: allTexts(raw(fields, 'link')),
    about: rawAttr(fields, 'rdf:about'),
    guid: toGuid(raw(fields, 'guid')),
    description: rawText(fields, `${HIDDEN}description`) ?? rawText(fields, 'dc:description'),
    contentEncoded: rawText(fields, `${HIDDEN}content:encoded`) ?? rawText(fields, 'atom:content'),
    itunesSummary: rawText(fields, 'itunes:summary'),
    pubDate: rawText(fields, `${HIDDEN}pubDate`),
    dcDate: rawText(fields, `${HIDDEN}dc:date`),
    atomPublished: rawText(fields, `${HIDDEN}published`) ?? rawText(fields, 'atom:published'),
    atomUpdated: rawText(fields, `${HIDDEN}updated`) ?? rawText(fields, 'atom:updated') ?? rawText(fields, 'dcterms:modified'),
    authors: [
      ...allTexts(raw(fields, 'author')),
      ...allTexts(raw(fields, 'dc:creator')),
      ...allTexts(raw(fields, 'dc:author')),
      ...allTexts(raw(fields, 'itunes:author')),
    ],
    atomAuthors: nodeList(raw(fields, 'atom:author')).map((node) => ({
      name: childText(node, 'atom:name'),
      email: childText(node, 'atom:email'),
      uri: childText(node, 'atom:uri'),
    })),
    categories: [
      ...allTexts(raw(fields, 'category')),
      ...keywords(fields),
      ...allTexts(raw(fields, 'dc:subject')),
      ...nodeList(raw(fields, 'atom:category')).map(toCategory),
    ],
    enclosures: rssEnclosures(fields),
    atomLinks: toLinks(raw(fields, `${HIDDEN}atom:link`)),
    language: rawText(fields, 'dc:language'),
    base: rawAttr(fields, 'xml:base'),
    lang: rawAttr(fields, 'xml:lang'),
  };
}

function toRssFeed(output: Fields, items: Fields[], root: RootElement): RawRssFeed {
  return {
    kind: root.name.endsWith('RDF') ? 'rdf' : 'rss',
    version: root.attributes.get('version') ?? null,
    title: firstText(output['title']),
    link: firstText(output['link']),
    atomLinks: toLinks(output[`${HIDDEN}atom:link`]),
    language: firstText(output['language']) ?? firstText(output['dc:language']),
    ttl: firstText(output['ttl']),
    base: root.attributes.get('xml:base') ?? null,
    lang: root.attributes.get('xml:lang') ?? null,
    items: items.map(toRssItem),
  };
}

function toText(value: unknown): RawText | null {
  const node = nodeList(value)[0];
  return node === undefined ? null : readTextConstruct(node);
}

function toContent(value: unknown): RawAtomContent | null {
  const node = nodeList(value)[0];
  if (node === undefined) return null;
  return { ...readTextConstruct(node), src: nodeAttr(node, 'src'), base: nodeAttr(node, 'xml:base') };
}

function toPerson(node: XmlNode): RawPerson {
  if (typeof node === 'string') return { name: node, email: null, uri: null };
  return {
    name: childText(node, 'name') ?? (nodeText(node).trim() || null),
    email: childText(node, 'email'),
    uri: childText(node, 'uri') ?? childText(node, 'url'),
  };
}

function toCategory(node: XmlNode): string {
  return nodeAttr(node, 'term') ?? nodeAttr(node, 'label') ?? nodeText(node);
}

function toAtomEntry(fields: Fields): RawAtomEntry {
  return {
    id: rawText(fields, 'id'),
    title: toText(raw(fields, 'title')),
    mediaTitle: mediaTitle(fields),
    links: toLinks(raw(fields, 'link')),
    content: toContent(raw(fields, `${HIDDEN}content`)),
    summary: toContent(raw(fields, `${HIDDEN}summary`)),
    published: rawText(fields, `${HIDDEN}published`) ?? rawText(fields, 'issued') ?? rawText(fields, 'created'),
    updated: rawText(fields, `${HIDDEN}updated`) ?? rawText(fields, 'modified'),
    dcDate: rawText(fields, `${HIDDEN}dc:date`),
    authors: [...nodeList(raw(fields, 'author')), ...nodeList(raw(fields, 'dc:creator'))].map(toPerson),
    categories: [...nodeList(raw(fields, 'category')).map(toCategory), ...allTexts(raw(fields, 'dc:subject'))],
    media: mediaEnclosures(fields),
    base: rawAttr(fields, 'xml:base'),
    lang: rawAttr(fields, 'xml:lang'),
  };
}

function toAtomFeed(output: Fields, items: Fields[], root: RootElement): RawAtomFeed {
  const namespace = root.attributes.get('xmlns') ?? '';
  const legacy = root.attributes.get('version') === '0.3' || namespace.includes('purl.org/atom/ns');
  const link = typeof output['link'] === 'string' ? output['link'] : null;
  return {
    version: legacy ? '0.3' : '1.0',
    title: toText(output['title']),
    // rss-parser has already picked the alternate link (else the first) of the feed.
    links: link === null ? [] : [{ href: link, rel: 'alternate', type: null, length: null, base: null }],
    authors: nodeList(output['author']).map(toPerson),
    base: root.attributes.get('xml:base') ?? null,
    lang: root.attributes.get('xml:lang') ?? null,
    entries: items.map(toAtomEntry),
  };
}
