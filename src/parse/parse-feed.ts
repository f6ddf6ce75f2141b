/**
 * The parse stage: feed text (already decoded by the fetch stage) → the normalized `ParsedFeed`.
 *
 * Format is sniffed from the content, never from Content-Type: JSON Feed when the document is a JSON object,
 * else XML (RSS 0.9x/2.0, RSS 1.0/RDF, Atom 0.3/1.0) after lenient repair. Broken input is a `PipelineError`
 * value with disposition `skip`, so one bad feed never stops a run.
 */
import { err, ok, PipelineError, type ParsedFeed, type Result } from '../model.js';
import { adaptAtom } from './adapt-atom.js';
import { adaptRss } from './adapt-rss.js';
import { DEFAULT_MAX_ITEMS, finishFeed } from './finish-feed.js';
import { parseFeedDate } from './parse-date.js';
import { adaptJsonFeed, readJsonFeed } from './json-feed.js';
import type { FeedDraft } from './normalize-fields.js';
import { repairXml, type RepairedXml } from './repair-xml.js';
import { parseXmlFeed, type RawXmlFeed } from './rss-parser-adapter.js';

/** Options for `parseFeed`. */
export interface ParseFeedOptions {
  /** The URL the feed was finally fetched from; relative links resolve against it last. */
  baseUrl: string;
  /** The clock for clamping future dates; default: the current time. */
  now?: Date;
  /** The most items kept from the feed (the newest when all are dated); default 200. */
  maxItems?: number;
}

/** Raw items adapted at most, as a multiple of `maxItems`: bounds the work on a 500,000-item feed. */
const ADAPT_FACTOR = 10;

const FEED_ROOTS = new Set(['rss', 'RDF', 'feed', 'entry']);

/**
 * An Atom entry document (RFC 4287 §4.1.2) is read as a feed of that one entry: its root is wrapped in a feed.
 * The XML declaration, if any, is dropped first so that the wrapper can precede the root.
 */
function wrapAtomEntry(repaired: RepairedXml): RepairedXml {
  const body = repaired.xml.replace(/^<\?xml[^>]*\?>/, '');
  const attributes = new Map(repaired.root.attributes);
  return {
    xml: `<feed xmlns="http://www.w3.org/2005/Atom">${body}</feed>`,
    root: { name: 'feed', attributes, childNames: new Set(['entry']) },
    warnings: [...repaired.warnings, 'read an Atom entry document as a feed of one entry'],
  };
}

function failure(code: string, reason: string, cause?: unknown): Result<ParsedFeed> {
  return err(new PipelineError('parse', code, `unable to parse feed: ${reason}`, { disposition: 'skip', cause }));
}

/**
 * Picks at most `limit` raw items before the (costlier) adaptation: the newest by their raw dates when every
 * item has one, else the first ones. The final cap to `maxItems` happens in finishFeed.
 */
function pickRaw<T>(items: T[], limit: number, dateOf: (item: T) => string | null, warnings: string[]): T[] {
  if (items.length <= limit) return items;
  const times = items.map((item) => parseFeedDate(dateOf(item))?.getTime() ?? null);
  const dated = times.every((time) => time !== null);
  warnings.push(`read only the ${dated ? 'newest' : 'first'} ${limit} of ${items.length} items`);
  if (!dated) return items.slice(0, limit);
  const order = times.map((time, index) => ({ time: time ?? 0, index })).sort((a, b) => b.time - a.time || a.index - b.index);
  const keep = new Set(order.slice(0, limit).map((entry) => entry.index));
  return items.filter((_, index) => keep.has(index));
}

function limitRawItems(raw: RawXmlFeed, limit: number, warnings: string[]): RawXmlFeed {
  if (raw.kind === 'rss') {
    const items = pickRaw(raw.feed.items, limit, (i) => i.pubDate ?? i.dcDate ?? i.atomPublished ?? i.atomUpdated, warnings);
    return { kind: 'rss', feed: { ...raw.feed, items } };
  }
  const entries = pickRaw(raw.feed.entries, limit, (e) => e.published ?? e.updated ?? e.dcDate, warnings);
  return { kind: 'atom', feed: { ...raw.feed, entries } };
}

async function parseXml(text: string, baseUrl: string, itemLimit: number,
  warnings: string[]): Promise<Result<FeedDraft, [string, string]>> {
  const attempt = await repairXml(text);
  if (typeof attempt === 'string') return err(['invalid_xml', attempt]);
  const root = attempt.root.name;
  const local = root.slice(root.indexOf(':') + 1);
  if (!FEED_ROOTS.has(local)) {
    return err(['not_a_feed', `root element <${root.slice(0, 64)}> is not <rss>, <rdf:RDF> or <feed>`]);
  }
  if (local !== 'feed' && local !== 'entry' && !attempt.root.childNames.has('channel')) {
    return err(['invalid_xml', `no <channel> element in <${root}>`]);
  }
  const repaired = local === 'entry' ? wrapAtomEntry(attempt) : attempt;
  warnings.push(...repaired.warnings);
  const parsed = await parseXmlFeed(repaired.xml, repaired.root);
  if (!parsed.ok) return err(['invalid_xml', parsed.error]);
  const raw = limitRawItems(parsed.value, itemLimit, warnings);
  return ok(raw.kind === 'rss' ? adaptRss(raw.feed, baseUrl) : adaptAtom(raw.feed, baseUrl));
}

function parseJson(text: string, baseUrl: string, itemLimit: number, warnings: string[]): Result<FeedDraft, [string, string]> {
  const raw = readJsonFeed(text);
  if (!raw.ok) return err(['invalid_json', raw.error]);
  if (raw.value.items.length > itemLimit) {
    warnings.push(`read only the first ${itemLimit} of ${raw.value.items.length} items`);
  }
  return ok(adaptJsonFeed({ ...raw.value, items: raw.value.items.slice(0, itemLimit) }, baseUrl));
}

/** Parses feed text (already decoded to a string by the fetch stage) into the normalized model. */
export async function parseFeed(text: string, options: ParseFeedOptions): Promise<Result<ParsedFeed>> {
  const maxItems = Math.max(1, Math.floor(options.maxItems ?? DEFAULT_MAX_ITEMS));
  const warnings: string[] = [];
  const body = text.replace(/^[\uFEFF\s]+/, '');
  if (body === '') return failure('empty_document', 'the document is empty');
  try {
    const isJson = body.startsWith('{');
    const draft = isJson ? parseJson(body, options.baseUrl, maxItems * ADAPT_FACTOR, warnings) :
      await parseXml(text, options.baseUrl, maxItems * ADAPT_FACTOR, warnings);
    if (!draft.ok) return failure(draft.error[0], draft.error[1]);
    return ok(finishFeed(draft.value, warnings, { now: options.now ?? new Date(), maxItems }));
  } catch (cause) {
    // A bug or a parser failure we did not foresee: still one feed's problem, not the run's.
    const reason = cause instanceof Error ? cause.message : String(cause);
    return failure('parse_failed', `unexpected error (${reason.slice(0, 200)})`, cause);
  }
}
