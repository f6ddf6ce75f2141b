/**
 * Feed dates: RFC 822/1123 with the zones feeds really use, RFC 3339/ISO 8601 (Atom, JSON Feed, Dublin Core),
 * and a guarded fallback for the rest. Anything that does not name a real instant is null, never a RangeError.
 */

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['jan', 0],
  ['feb', 1],
  ['mar', 2],
  ['apr', 3],
  ['may', 4],
  ['jun', 5],
  ['jul', 6],
  ['aug', 7],
  ['sep', 8],
  ['oct', 9],
  ['nov', 10],
  ['dec', 11],
]);

/** Zone abbreviations in minutes east of UTC: RFC 822's own plus the common ones feeds use anyway. */
const ZONES: ReadonlyMap<string, number> = new Map([
  ['UT', 0],
  ['UTC', 0],
  ['GMT', 0],
  ['Z', 0],
  ['WET', 0],
  ['BST', 60],
  ['IST', 60],
  ['CET', 60],
  ['MET', 60],
  ['WEST', 60],
  ['CEST', 120],
  ['MEST', 120],
  ['EET', 120],
  ['EEST', 180],
  ['MSK', 180],
  ['EST', -300],
  ['EDT', -240],
  ['CST', -360],
  ['CDT', -300],
  ['MST', -420],
  ['MDT', -360],
  ['PST', -480],
  ['PDT', -420],
  ['AKST', -540],
  ['AKDT', -480],
  ['HST', -600],
  ['AST', -240],
  ['ADT', -180],
  ['NZST', 720],
  ['NZDT', 780],
  ['AEST', 600],
  ['AEDT', 660],
  ['ACST', 570],
  ['AWST', 480],
  ['JST', 540],
  ['KST', 540],
  ['HKT', 480],
  ['SGT', 480],
]);

/** Earliest and latest years accepted: before the web there were no feeds, after 9999 ISO 8601 needs a sign. */
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

const ISO_DATE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[Tt ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?|[A-Z]{1,4})?$/;

const RFC822_DATE =
  /^(?:[A-Za-z]{2,}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,})\.?[\s-]+(\d{2,4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(.*)$/;

function offsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined || zone === '') return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric !== null) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? '0');
    return numeric[1] === '-' ? -minutes : minutes;
  }
  const upper = zone.toUpperCase();
  const known = ZONES.get(upper);
  if (known !== undefined) return known;
  // RFC 2822: military zones and other unknown alphabetic zones are treated as UTC ("-0000").
  return /^[A-Z]{1,5}$/.test(upper) ? 0 : null;
}

function utc(year: number, month: number, day: number, h: number, m: number, s: number, ms: number, offset: number): Date | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 0 || month > 11 || h > 24 || m > 59 || s > 60) return null;
  // Reject days the month does not have (31 February) instead of rolling over into the next month.
  if (day < 1 || new Date(Date.UTC(year, month, day)).getUTCDate() !== day) return null;
  return new Date(Date.UTC(year, month, day, h, m, Math.min(s, 59), ms) - offset * 60_000);
}

function parseIso(text: string): Date | null {
  const match = ISO_DATE.exec(text);
  if (match === null) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const offset = offsetMinutes(zone);
  if (offset === null) return null;
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  return utc(Number(y), Number(mo) - 1, Number(d), Number(h ?? '0'), Number(mi ?? '0'), Number(s ?? '0'), ms, offset);
}

function fullYear(year: string): number {
  const n = Number(year);
  if (year.length > 2) return n;
  // RFC 822 two-digit years: 00-49 are 20xx, 50-99 are 19xx (the RFC 2822 rule).
  return n < 50 ? 2000 + n : 1900 + n;
}

function parseRfc822(text: string): Date | null {
  const match = RFC822_DATE.exec(text);
  if (match === null) return null;
  const [, d, mon, y, h, mi, s, rest] = match;
  const month = MONTHS.get((mon ?? '').slice(0, 3).toLowerCase());
  if (month === undefined) return null;
  const zone = (rest ?? '')
    .trim()
    .replace(/^\(?([A-Za-z]+)\)?$/, '$1')
    .split(/\s+/)[0];
  const offset = offsetMinutes(zone);
  if (offset === null) return null;
  return utc(fullYear(y ?? ''), month, Number(d), Number(h ?? '0'), Number(mi ?? '0'), Number(s ?? '0'), 0, offset);
}

/**
 * Last resort for the formats neither grammar covers ("Tuesday, January 5, 2021 10:00 AM EST"): the engine's
 * parser, but only for text that carries a four-digit year, since `Date.parse` turns almost anything into a date.
 */
function parseFallback(text: string): Date | null {
  if (!/\b(19|20)\d{2}\b/.test(text) || text.length > 64) return null;
  const time = Date.parse(text);
  if (Number.isNaN(time)) return null;
  const date = new Date(time);
  const year = date.getUTCFullYear();
  return year < MIN_YEAR || year > MAX_YEAR ? null : date;
}

/** Parses a feed date into a Date, or null when it does not name a real instant (years 1900-9999). */
export function parseFeedDate(value: string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const text = value.trim().replace(/\s+/g, ' ');
  if (text === '' || text.length > 128) return null;
  // A text that has the shape of one of the grammars is judged by that grammar only: "2023-02-31" is no date,
  // not the 3rd of March the engine's parser would make of it.
  if (ISO_DATE.test(text)) return parseIso(text);
  if (RFC822_DATE.test(text)) return parseRfc822(text);
  return parseFallback(text);
}
