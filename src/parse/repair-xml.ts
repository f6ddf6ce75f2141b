/**
 * Lenient recovery for XML feeds: the repairs that turn what feeds actually serve into well-formed XML.
 * Each repair is recorded as a warning; what cannot be repaired is returned as a reason.
 */
import { describeRepairs, noRepairs, removeInvalidCharacters } from './repair-characters.js';
import { repairStructure, type RootElement } from './repair-structure.js';

/** A repaired document, its root element and the repairs that were made. */
export interface RepairedXml {
  xml: string;
  root: RootElement;
  warnings: string[];
}

/** How far into a document junk before the XML declaration or the feed's root is looked for. */
const PRELUDE_SEARCH_LIMIT = 65_536;

/** A feed's root element, prefixed or not, in any letter case (see element-names.ts). */
const FEED_ROOT = /<(?:[A-Za-z_][\w.-]*:)?(?:rss|RDF|feed)[\s>/]/i;

/**
 * Skips what comes before the document proper: server warnings printed before `<?xml`, or an HTML preamble before
 * the feed's root element. Only the first 64 KiB are searched.
 */
function skipPrelude(text: string, warnings: string[]): string {
  const head = text.slice(0, PRELUDE_SEARCH_LIMIT);
  const declaration = head.indexOf('<?xml');
  if (declaration > 0 && head.slice(0, declaration).trim() !== '') {
    warnings.push('removed text before the XML declaration');
    return text.slice(declaration);
  }
  if (declaration >= 0) return text.slice(declaration);
  const firstTag = /<[A-Za-z_]/.exec(head);
  const feedRoot = FEED_ROOT.exec(head);
  if (firstTag !== null && feedRoot !== null && feedRoot.index > firstTag.index) {
    warnings.push('removed markup before the feed root element');
    return text.slice(feedRoot.index);
  }
  return text.trimStart();
}

/**
 * Repairs an XML feed: BOM, junk before the root, DOCTYPE/ENTITY declarations (dropped, never expanded), bare
 * `&`, HTML named entities, forbidden characters, lone surrogates, stray `<`, mismatched tags, content after
 * the root, and over-deep nesting (refused). Items (RSS `<item>`, Atom `<entry>`) after the first `maxItems` are
 * left out. Returns the reason when no document can be made of the text.
 */
export async function repairXml(text: string, maxItems: number): Promise<RepairedXml | string> {
  const warnings: string[] = [];
  let body = text;
  if (body.charCodeAt(0) === 0xfeff) {
    body = body.slice(1);
    warnings.push('removed a byte order mark');
  }
  const repairs = noRepairs();
  body = skipPrelude(removeInvalidCharacters(body, repairs), warnings);
  const structure = await repairStructure(body, repairs, maxItems);
  if (typeof structure === 'string') return structure;
  return {
    xml: structure.xml,
    root: structure.root,
    warnings: [...warnings, ...describeRepairs(repairs), ...structure.warnings],
  };
}
