/**
 * The parse stage: feed text (already decoded by the fetch stage) → the normalized `ParsedFeed`.
 *
 * Format is sniffed from the content, never from Content-Type: JSON Feed when the document is a JSON object,
 * else XML (RSS 0.9x/2.0, RSS 1.0/RDF, Atom 0.3/1.0) after lenient repair. Broken input is a `PipelineError`
 * value with disposition `skip`, so one bad feed never stops a run. Item HTML comes out sanitized.
 */
import { err, ok, PipelineError, type InputErrorCode, type ParseErrorCode, type ParsedFeed, type Result } from '../model.js';
import { adaptAtom } from './adapt-atom.js';
import { adaptRss } from './adapt-rss.js';
import { DEFAULT_MAX_ITEMS, finishFeed } from './finish-feed.js';
import { adaptJsonFeed, readJsonFeed } from './json-feed.js';
import type { FeedDraft } from './normalize-fields.js';
import { repairXml, type RepairedXml } from './repair-xml.js';
import { sanitizeItems } from './sanitize-feed-html.js';
import { collapseWhitespace, stripControls } from './plain-text.js';
import { parseXmlFeed } from './rss-parser-adapter.js';

/** Options for `parseFeed`. */
export interface ParseFeedOptions {
  /** The URL the feed was finally fetched from; relative links resolve against it last. */
  baseUrl: string;
  /** The clock for clamping future dates; default: the current time. */
  now?: Date;
  /** The most items kept from the feed (the newest when all are dated); default 200. */
  maxItems?: number;
}

/**
 * Items read at all, as a multiple of `maxItems`: bounds the work on a 500,000-item feed. Feeds list their newest
 * items first in practice; among the items read, the newest `maxItems` are kept (see finish-feed.ts).
 */
const READ_FACTOR = 10;

const FEED_ROOTS = new Set(['rss', 'RDF', 'feed', 'entry']);

/**
 * Root elements (local names, lower case) of feed formats nobody has served for two decades, and of
 * documents that are mistaken for feeds: each is refused by name instead of as "not a feed".
 */
const UNSUPPORTED_ROOTS: ReadonlyMap<string, string> = new Map([
  ['channel', 'the Channel Definition Format (CDF, Internet Explorer 4)'],
  ['scriptingnews', "UserLand's scriptingNews format"],
  ['backslash', "Slashdot's backslash format"],
  ['opml', 'an OPML outline (a subscription list, not a feed: see `newsdedup feeds import-opml`)'],
]);

/**
 * An Atom entry document (RFC 4287 §4.1.2) is read as a feed of that one entry: its root is wrapped in a feed.
 * The XML declaration, if any, is dropped first so that the wrapper can precede the root.
 */
function wrapAtomEntry(repaired: RepairedXml): RepairedXml {
  const body = repaired.xml.replace(/^<\?xml[^>]*\?>/, '');
  const attributes = new Map(repaired.root.attributes);
  return {
    xml: `<feed xmlns="http://www.w3.org/2005/Atom">${body}</feed>`,
    root: { name: 'feed', writtenName: repaired.root.writtenName, attributes, childNames: new Set(['entry']) },
    warnings: [...repaired.warnings, 'read an Atom entry document as a feed of one entry'],
  };
}

/** Why a document could not be parsed: a stable code and the reason shown after "unable to parse feed: ". */
interface Failure {
  code: Exclude<ParseErrorCode, InputErrorCode>;
  reason: string;
}

/**
 * An RSS or RDF root without a `<channel>` gets an empty one: for RSS that is an empty feed, for RDF (whose items
 * are the channel's siblings) the items can still be read. rss-parser cannot read either without it.
 */
function withEmptyChannel(repaired: RepairedXml): RepairedXml {
  const end = repaired.xml.indexOf('>');
  const selfClosing = repaired.xml.charAt(end - 1) === '/';
  const xml = selfClosing ? `${repaired.xml.slice(0, end - 1)}><channel/></${repaired.root.name}>` :
    `${repaired.xml.slice(0, end + 1)}<channel/>${repaired.xml.slice(end + 1)}`;
  return { ...repaired, xml, warnings: [...repaired.warnings, 'the feed has no <channel> element'] };
}

function failure({ code, reason }: Failure, cause?: unknown): Result<ParsedFeed> {
  // Reasons may quote the document (JSON.parse does): no control sequence of it may reach a log or a terminal.
  const safe = collapseWhitespace(stripControls(reason)).slice(0, 300);
  return err(new PipelineError('parse', code, `unable to parse feed: ${safe}`, { disposition: 'skip', cause }));
}

async function parseXml(text: string, baseUrl: string, itemLimit: number,
  warnings: string[]): Promise<Result<FeedDraft, Failure>> {
  const attempt = await repairXml(text, itemLimit);
  if (typeof attempt === 'string') return err({ code: 'invalid_xml', reason: attempt });
  const root = attempt.root.name;
  const local = root.slice(root.indexOf(':') + 1);
  const written = attempt.root.writtenName.slice(0, 64);
  const unsupported = UNSUPPORTED_ROOTS.get(local.toLowerCase());
  if (unsupported !== undefined) {
    return err({ code: 'unsupported_format', reason: `root element <${written}>: ${unsupported} is not supported` });
  }
  if (!FEED_ROOTS.has(local)) {
    return err({ code: 'not_a_feed', reason: `root element <${written}> is not <rss>, <rdf:RDF> or <feed>` });
  }
  const repaired = local === 'entry' ? wrapAtomEntry(attempt) :
    local === 'feed' || [...attempt.root.childNames].some((n) => /(^|:)channel$/.test(n)) ? attempt :
      withEmptyChannel(attempt);
  warnings.push(...repaired.warnings);
  const parsed = await parseXmlFeed(repaired.xml, repaired.root);
  if (!parsed.ok) return err({ code: 'invalid_xml', reason: parsed.error });
  const raw = parsed.value;
  return ok(raw.kind === 'rss' ? adaptRss(raw.feed, baseUrl) : adaptAtom(raw.feed, baseUrl));
}

function parseJson(text: string, baseUrl: string, itemLimit: number, warnings: string[]): Result<FeedDraft, Failure> {
  const raw = readJsonFeed(text);
  if (!raw.ok) return err({ code: 'invalid_json', reason: raw.error });
  if (raw.value.items.length > itemLimit) {
    warnings.push(`read only the first ${itemLimit} of ${raw.value.items.length} items`);
  }
  return ok(adaptJsonFeed({ ...raw.value, items: raw.value.items.slice(0, itemLimit) }, baseUrl));
}

/**
 * Parses feed text (already decoded to a string by the fetch stage) into the normalized model.
 * Options: `baseUrl` (required), `now` (default: the current time), `maxItems` (default 200).
 * Error codes: empty_document, invalid_xml, not_a_feed, unsupported_format (CDF, scriptingNews, backslash, OPML:
 * the root element named), invalid_json, parse_failed — all with disposition skip.
 */
export async function parseFeed(text: string, options: ParseFeedOptions): Promise<Result<ParsedFeed>> {
  const requested = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const maxItems = Number.isFinite(requested) ? Math.max(1, Math.floor(requested)) : DEFAULT_MAX_ITEMS;
  const warnings: string[] = [];
  const body = text.replace(/^[\uFEFF\s]+/, '');
  if (body === '') return failure({ code: 'empty_document', reason: 'the document is empty' });
  try {
    const isJson = body.startsWith('{');
    const draft = isJson ? parseJson(body, options.baseUrl, maxItems * READ_FACTOR, warnings) :
      await parseXml(text, options.baseUrl, maxItems * READ_FACTOR, warnings);
    if (!draft.ok) return failure(draft.error);
    const feed = finishFeed(draft.value, warnings, { now: options.now ?? new Date(), maxItems });
    return ok({ ...feed, items: await sanitizeItems(feed.items) });
  } catch (cause) {
    // A bug or a parser failure we did not foresee: still one feed's problem, not the run's.
    const reason = cause instanceof Error ? cause.message : String(cause);
    return failure({ code: 'parse_failed', reason: `unexpected error (${reason.slice(0, 200)})` }, cause);
  }
}
