/**
 * The one place that knows rss-parser: it parses repaired XML with `parseString` and hands back raw RSS or Atom
 * feeds. Swapping the XML parser means rewriting this file, its field list (rss-parser-fields.ts) and its mappers
 * (rss-parser-mappers.ts) only.
 *
 * rss-parser's own output is lossy (one link, no guid attributes, no xml:base), so every element of interest is
 * requested as a raw custom field and read in rss-parser-mappers.ts. Elements rss-parser would post-process in
 * harmful ways are renamed while parsing, which takes them out of its path: its snippet code (quadratic regular expressions on
 * `description`, `content:encoded` and Atom `content`), its XML re-serialization of content (recursive), and its
 * `new Date(published).toISOString()` on Atom dates (a RangeError that fails the whole feed).
 *
 * xml2js runs in async mode (chunks, with turns of the event loop between them) and turns every element into an
 * object; the checks in repair-structure.ts and parse-feed.ts keep rss-parser's result building from throwing,
 * and a deadline bounds whatever they missed.
 */
import Parser from 'rss-parser';
import { err, ok, type Result } from '../model.js';
import { namespaceRenamer } from './namespace-renamer.js';
import type { RootElement } from './repair-structure.js';
import { FEED_FIELDS, ITEM_FIELDS, RAW, hide } from './rss-parser-fields.js';
import { toAtomFeed, toRssFeed, type Fields } from './rss-parser-mappers.js';
import type { RawAtomFeed } from './atom-raw.js';
import type { RawRssFeed } from './rss-raw.js';
import { TEXT_KEY } from './xml-node.js';

/** A parsed XML feed in its own format's raw terms. */
export type RawXmlFeed = { kind: 'rss'; feed: RawRssFeed } | { kind: 'atom'; feed: RawAtomFeed };

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
