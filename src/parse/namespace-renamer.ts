/** How documents that write their format's elements with a prefix are read under the names rss-parser knows. */
import type { RootElement } from './repair-structure.js';

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
export function namespaceRenamer(root: RootElement): (name: string) => string {
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
