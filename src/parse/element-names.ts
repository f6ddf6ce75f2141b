/**
 * Element and attribute names of the feed vocabularies, spelled the way the parser looks them up.
 *
 * XML names are case-sensitive, but feeds are written by hand and by templates that upper-case them (`<PubDate>`,
 * `<ITUNES:AUTHOR>`, a whole `<RSS><CHANNEL><ITEM>`). The repair pass writes every name it knows in its
 * canonical spelling, so the rest of the stage sees one spelling. Names outside the vocabulary (XHTML inside
 * content, unknown extensions) are left as written.
 */

/** Local names of RSS 0.9x/1.0/2.0, Atom 0.3/1.0, Dublin Core, content, Media RSS and iTunes elements. */
const LOCAL_ELEMENTS = [
  // RSS core and RDF
  'rss',
  'channel',
  'item',
  'items',
  'title',
  'link',
  'description',
  'guid',
  'pubDate',
  'author',
  'category',
  'enclosure',
  'comments',
  'source',
  'language',
  'ttl',
  'lastBuildDate',
  'managingEditor',
  'webMaster',
  'image',
  'url',
  'copyright',
  'generator',
  'docs',
  'cloud',
  'textInput',
  'skipHours',
  'skipDays',
  'RDF',
  'Seq',
  'li',
  // Atom
  'feed',
  'entry',
  'id',
  'updated',
  'published',
  'summary',
  'content',
  'subtitle',
  'rights',
  'contributor',
  'name',
  'email',
  'uri',
  'icon',
  'logo',
  'tagline',
  'issued',
  'modified',
  'created',
  'info',
  // Dublin Core and content
  'creator',
  'subject',
  'date',
  'encoded',
  // Media RSS and iTunes
  'group',
  'thumbnail',
  'keywords',
  'duration',
  'explicit',
  'owner',
];

/** Namespace prefixes conventionally used for the extension vocabularies. */
const PREFIXES = ['atom', 'content', 'dc', 'dcterms', 'itunes', 'media', 'rdf', 'xml'];

/** Attributes the adapters read. */
const ATTRIBUTES = [
  'href',
  'rel',
  'type',
  'url',
  'length',
  'mode',
  'version',
  'isPermaLink',
  'term',
  'label',
  'src',
  'medium',
  'fileSize',
  'xml:lang',
  'xml:base',
  'rdf:about',
  'rdf:resource',
];

function byLowerCase(names: readonly string[]): ReadonlyMap<string, string> {
  return new Map(names.map((name) => [name.toLowerCase(), name]));
}

const LOCAL = byLowerCase(LOCAL_ELEMENTS);
const PREFIX = byLowerCase(PREFIXES);
const ATTRIBUTE = byLowerCase(ATTRIBUTES);

/**
 * The canonical spelling of an element name: a known prefix in lower case, a known local name as the
 * vocabularies spell it (`ITUNES:AUTHOR` → `itunes:author`, `PubDate` → `pubDate`, `rdf:rdf` → `rdf:RDF`).
 * Unknown prefixes keep their spelling, since they must match their `xmlns:` declaration.
 */
export function canonicalElementName(name: string): string {
  const colon = name.indexOf(':');
  const local = name.slice(colon + 1);
  const canonicalLocal = LOCAL.get(local.toLowerCase()) ?? local;
  if (colon < 0) return canonicalLocal;
  const prefix = name.slice(0, colon);
  return `${PREFIX.get(prefix.toLowerCase()) ?? prefix}:${canonicalLocal}`;
}

/** The canonical spelling of an attribute the adapters read (`HREF` → `href`, `ispermalink` → `isPermaLink`). */
export function canonicalAttributeName(name: string): string {
  const lower = name.toLowerCase();
  // A namespace declaration must name the prefix the way the elements are now spelled.
  if (lower.startsWith('xmlns:')) return `xmlns:${PREFIX.get(lower.slice('xmlns:'.length)) ?? name.slice('xmlns:'.length)}`;
  return ATTRIBUTE.get(lower) ?? name;
}
