/**
 * What is asked of rss-parser (see rss-parser-adapter.ts): the elements requested as raw custom fields, and the
 * names they are requested under.
 */
/** Elements renamed while parsing so that rss-parser never post-processes them (see the file comment). */
export const HIDDEN = 'nd:';
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
export const ITEM_FIELDS = [
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
export const FEED_FIELDS = ['title', 'link', `${HIDDEN}atom:link`, 'language', 'dc:language', 'ttl', 'author'];

export const RAW = 'raw:';

/**
 * Renames the hidden elements, and elements named like Object.prototype members (`__proto__`, `constructor`),
 * which would otherwise land on inherited properties of xml2js's plain objects.
 */
export function hide(name: string): string {
  return HIDDEN_ELEMENTS.has(name) || name in Object.prototype ? `${HIDDEN}${name}` : name;
}
