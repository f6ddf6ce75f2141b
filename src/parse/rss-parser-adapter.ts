/**
 * The one place that knows rss-parser: it parses repaired XML with `parseString` and hands back raw RSS or Atom
 * feeds. Swapping the XML parser means rewriting this file only.
 *
 * rss-parser's own output is lossy (one link, no guid attributes, no xml:base), so every element of interest is
 * requested as a raw custom field and read here. Elements rss-parser would post-process in harmful ways are
 * renamed while parsing, which takes them out of its path: its snippet code (quadratic regular expressions on
 * `description`, `content:encoded` and Atom `content`), its XML re-serialization of content (recursive), and its
 * `new Date(published).toISOString()` on Atom dates (a RangeError that fails the whole feed).
 */
import Parser from 'rss-parser';
import { err, ok, type Result } from '../model.js';
import type { RawAtomContent, RawAtomEntry, RawAtomFeed } from './atom-raw.js';
import type { RawEnclosure, RawLink, RawPerson, RawText } from './raw-common.js';
import type { RootElement } from './repair-structure.js';
import type { RawGuid, RawRssFeed, RawRssItem } from './rss-raw.js';
import {
  allTexts, attributeMap, childText, firstText, nodeAttr, nodeChildren, nodeList, nodeText, type XmlNode,
} from './xml-node.js';

/** A parsed XML feed in its own format's raw terms. */
export type RawXmlFeed = { kind: 'rss'; feed: RawRssFeed } | { kind: 'atom'; feed: RawAtomFeed };

/** Elements renamed while parsing so that rss-parser never post-processes them (see the file comment). */
const HIDDEN = 'nd:';
const HIDDEN_ELEMENTS = new Set([
  'description', 'content:encoded', 'content', 'summary', 'published', 'updated',
  // rss-parser reads `.$.href` of these without checking that the element has attributes (`<link/>` crashes it).
  'atom:link',
]);

/** Hidden in Atom documents only: in RSS, `<link>` is text and rss-parser reads it safely. */
const HIDDEN_IN_ATOM = 'link';

const ITEM_FIELDS = [
  '$', 'title', 'link', `${HIDDEN}link`, 'guid', 'id', `${HIDDEN}description`, `${HIDDEN}content:encoded`, `${HIDDEN}content`,
  `${HIDDEN}summary`, `${HIDDEN}published`, `${HIDDEN}updated`, 'pubDate', 'issued', 'modified', 'created',
  'dc:date', 'author', 'dc:creator', 'itunes:author', 'category', 'dc:subject', 'enclosure', 'media:content',
  'media:group', 'itunes:summary', `${HIDDEN}atom:link`, 'dc:language',
];

/**
 * Channel-level fields. rss-parser's typings allow only plain names here, which give the first element only
 * (as text when it has no attributes); root attributes come from the repair pass instead.
 */
const FEED_FIELDS = ['title', 'link', `${HIDDEN}link`, `${HIDDEN}atom:link`, 'language', 'dc:language', 'ttl', 'author'];

const RAW = 'raw:';

type Fields = Readonly<Record<string, unknown>>;

function hide(atom: boolean): (name: string) => string {
  return (name) => (HIDDEN_ELEMENTS.has(name) || (atom && name === HIDDEN_IN_ATOM) ? `${HIDDEN}${name}` : name);
}

function newParser(atom: boolean): Parser<Record<string, unknown>, Record<string, unknown>> {
  return new Parser<Record<string, unknown>, Record<string, unknown>>({
    // An `<rss>` without a version attribute is read as RSS 2.0 instead of being rejected.
    defaultRSS: 2,
    xml2js: { tagNameProcessors: [hide(atom)] },
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
    output = await newParser(local === 'feed').parseString(xml);
  } catch (cause) {
    if (cause instanceof TypeError) return err(`no readable <${local === 'feed' ? 'feed' : 'channel'}> element`);
    return err(cause instanceof Error ? cause.message.split('\n')[0] ?? 'XML error' : 'XML error');
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
  const href = nodeAttr(node, 'href') ?? nodeAttr(node, 'url');
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
  return nodeList(value).map(toLink).filter((link): link is RawLink => link !== null);
}

function toMediaEnclosure(node: XmlNode): RawEnclosure | null {
  const url = nodeAttr(node, 'url');
  if (url === null) return null;
  return { url, type: nodeAttr(node, 'type'), length: nodeAttr(node, 'fileSize'), medium: nodeAttr(node, 'medium') };
}

/** Media RSS attachments: `media:content` directly and inside `media:group`. */
function mediaEnclosures(fields: Fields): RawEnclosure[] {
  const direct = nodeList(raw(fields, 'media:content'));
  const grouped = nodeList(raw(fields, 'media:group')).flatMap((group) => nodeChildren(group, 'media:content'));
  return [...direct, ...grouped].map(toMediaEnclosure).filter((e): e is RawEnclosure => e !== null);
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

function toRssItem(fields: Fields): RawRssItem {
  return {
    title: rawText(fields, 'title'),
    links: allTexts(raw(fields, 'link')),
    about: rawAttr(fields, 'rdf:about'),
    guid: toGuid(raw(fields, 'guid')),
    description: rawText(fields, `${HIDDEN}description`),
    contentEncoded: rawText(fields, `${HIDDEN}content:encoded`),
    itunesSummary: rawText(fields, 'itunes:summary'),
    pubDate: rawText(fields, 'pubDate'),
    dcDate: rawText(fields, 'dc:date'),
    atomPublished: rawText(fields, `${HIDDEN}published`),
    atomUpdated: rawText(fields, `${HIDDEN}updated`),
    authors: [...allTexts(raw(fields, 'author')), ...allTexts(raw(fields, 'dc:creator')),
      ...allTexts(raw(fields, 'itunes:author'))],
    categories: [...allTexts(raw(fields, 'category')), ...allTexts(raw(fields, 'dc:subject'))],
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
  if (node === undefined) return null;
  return { value: nodeText(node), type: nodeAttr(node, 'type') ?? nodeAttr(node, 'mode') };
}

function toContent(value: unknown): RawAtomContent | null {
  const node = nodeList(value)[0];
  if (node === undefined) return null;
  const mode = nodeAttr(node, 'mode');
  // Atom 0.3 says how the content is encoded in `mode`; base64 is decoded here, the rest is typed by `type`.
  const text = mode === 'base64' ? Buffer.from(nodeText(node), 'base64').toString('utf8') : nodeText(node);
  const type = mode === 'escaped' && nodeAttr(node, 'type') === null ? 'html' : nodeAttr(node, 'type');
  return { value: text, type, src: nodeAttr(node, 'src') };
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
    links: toLinks(raw(fields, `${HIDDEN}link`)),
    content: toContent(raw(fields, `${HIDDEN}content`)),
    summary: toContent(raw(fields, `${HIDDEN}summary`)),
    published: rawText(fields, `${HIDDEN}published`) ?? rawText(fields, 'issued') ?? rawText(fields, 'created'),
    updated: rawText(fields, `${HIDDEN}updated`) ?? rawText(fields, 'modified'),
    dcDate: rawText(fields, 'dc:date'),
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
  return {
    version: legacy ? '0.3' : '1.0',
    title: toText(output['title']),
    // Only the first feed-level link is available (see FEED_FIELDS); it is taken when it is the alternate one.
    links: toLinks(output[`${HIDDEN}link`]),
    authors: nodeList(output['author']).map(toPerson),
    base: root.attributes.get('xml:base') ?? null,
    lang: root.attributes.get('xml:lang') ?? null,
    entries: items.map(toAtomEntry),
  };
}
