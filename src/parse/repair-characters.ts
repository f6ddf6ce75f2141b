/**
 * Character-level repairs made before an XML parser sees a feed: the mistakes real feeds make that a strict XML
 * parser rejects. Every pattern here is linear: each alternative stops at the first character outside its class.
 */
import { decodeHtmlEntityName } from './plain-text.js';

/** Counts of each kind of repair, turned into warnings by the caller. */
export interface CharacterRepairs {
  controls: number;
  surrogates: number;
  bareAmpersands: number;
  htmlEntities: number;
  unknownEntities: number;
  invalidCharRefs: number;
}

/** A fresh, all-zero repair count. */
export function noRepairs(): CharacterRepairs {
  return { controls: 0, surrogates: 0, bareAmpersands: 0, htmlEntities: 0, unknownEntities: 0, invalidCharRefs: 0 };
}

/**
 * Characters XML 1.0 forbids: terminal escape sequences (removed whole so no `[31m` is left behind), other C0
 * controls, U+FFFE/U+FFFF, and lone surrogates.
 */
const INVALID_CHARACTERS =
  /\x1B\[[0-?]*[ -/]*[@-~]?|\x1B\][^\x07\x1B<]*(?:\x07|\x1B\\)?|\x1B[@-_]?|[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters that are not allowed anywhere in an XML document, counting them. */
export function removeInvalidCharacters(text: string, repairs: CharacterRepairs): string {
  return text.replace(INVALID_CHARACTERS, (match) => {
    const first = match.charCodeAt(0);
    if (first >= 0xd800 && first <= 0xdfff) repairs.surrogates += 1;
    else repairs.controls += 1;
    return '';
  });
}

/**
 * An ampersand and what follows it: an escape sequence written as a character reference, a numeric reference,
 * a named reference, or nothing (a bare `&`). Names are capped at 64 characters. The five XML entities are
 * skipped by the lookahead, which keeps escaped-HTML feeds (thousands of `&lt;`) fast.
 */
const AMPERSAND =
  /&(?!(?:amp|lt|gt|quot|apos);)#0*(?:27|[xX]0*1[bB]);(?:\[[0-?]*[ -/]*[@-~]?)?|&(?!(?:amp|lt|gt|quot|apos);)(?:#([0-9]{1,8});|#[xX]([0-9a-fA-F]{1,8});|([A-Za-z_][\w.-]{0,63});)?/g;

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** True when XML 1.0 allows the code point in a document. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Makes every `&` in a stretch of XML text or attribute value well-formed: bare ampersands are escaped, HTML
 * named entities become numeric references, unknown names are kept as literal text, and references to
 * characters XML forbids are dropped. Entities declared in a DTD are never expanded (the DTD is gone by now).
 */
export function repairAmpersands(text: string, repairs: CharacterRepairs): string {
  if (!text.includes('&')) return text;
  // The common case first, natively and without a callback per match: `&` that cannot start a reference.
  const escaped = text.replace(/&(?![A-Za-z_#])/g, '&amp;');
  repairs.bareAmpersands += (escaped.length - text.length) / 4;
  return escaped.replace(AMPERSAND, (match, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (decimal !== undefined || hex !== undefined) {
      const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
      if (isXmlChar(code)) return match;
      repairs.invalidCharRefs += 1;
      return '';
    }
    if (name !== undefined) return repairNamedEntity(match, name, repairs);
    if (match.length > 1) {
      // An escape sequence spelled as a character reference.
      repairs.controls += 1;
      return '';
    }
    repairs.bareAmpersands += 1;
    return '&amp;';
  });
}

function repairNamedEntity(match: string, name: string, repairs: CharacterRepairs): string {
  if (XML_ENTITIES.has(name)) return match;
  const decoded = decodeHtmlEntityName(name);
  if (decoded === null) {
    repairs.unknownEntities += 1;
    return `&amp;${name};`;
  }
  repairs.htmlEntities += 1;
  return Array.from(decoded, (ch) => `&#${ch.codePointAt(0) ?? 0};`).join('');
}

/** Human-readable warnings for the repairs made, one per kind. */
export function describeRepairs(repairs: CharacterRepairs): string[] {
  const warnings: string[] = [];
  if (repairs.controls > 0) warnings.push(`removed ${repairs.controls} control characters or terminal escape sequences`);
  if (repairs.surrogates > 0) warnings.push(`removed ${repairs.surrogates} lone surrogate code units`);
  if (repairs.bareAmpersands > 0) warnings.push(`escaped ${repairs.bareAmpersands} bare '&'`);
  if (repairs.htmlEntities > 0) warnings.push(`replaced ${repairs.htmlEntities} HTML named entities with character references`);
  if (repairs.unknownEntities > 0) warnings.push(`kept ${repairs.unknownEntities} undefined entity references as literal text`);
  if (repairs.invalidCharRefs > 0) warnings.push(`dropped ${repairs.invalidCharRefs} references to characters XML forbids`);
  return warnings;
}
