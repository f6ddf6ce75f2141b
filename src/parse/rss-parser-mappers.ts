/**
 * rss-parser's output read into raw RSS and Atom feeds: every element of interest comes as a raw custom field
 * (see rss-parser-fields.ts), read here into the raw types.
 */
import type { RawAtomContent, RawAtomEntry, RawAtomFeed } from './atom-raw.js';
import type { RawEnclosure, RawLink, RawPerson, RawText } from './raw-common.js';
import { readTextConstruct } from './atom-text-construct.js';
import type { RootElement } from './repair-structure.js';
import { HIDDEN, RAW } from './rss-parser-fields.js';
import type { RawGuid, RawRssFeed, RawRssItem } from './rss-raw.js';
import { allTexts, attributeMap, childText, firstText, nodeAttr, nodeChildren, nodeList, nodeText, type XmlNode } from './xml-node.js';

export type Fields = Readonly<Record<string, unknown>>;

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

export function toRssFeed(output: Fields, items: Fields[], root: RootElement): RawRssFeed {
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

export function toAtomFeed(output: Fields, items: Fields[], root: RootElement): RawAtomFeed {
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
