/**
 * Canonical URLs: one spelling per article URL, so that the same article linked from several feeds matches
 * exactly before any MinHash (fingerprint stage) and an item keyed by its link keeps its key when the feed adds or
 * reorders tracking parameters (parse stage). The one list of tracking parameters lives here.
 */

/** Longest URL considered; anything longer is not a URL worth matching on. */
const MAX_URL_LENGTH = 4096;

/** Query parameters that identify a campaign or a click, never the article. */
const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'igshid', 'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id',
  'vero_conv', 'wt_mc', 'wt.mc_id', 'cmpid', 'ncid', 'ocid', 'sr_share', 'soc_src', 'soc_trk', 'rss', 'ref_src',
  'at_medium', 'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3', 'at_custom4', 'spm', 'share', 'smid', 'ito',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'itm_'] as const;

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * The canonical form of an http(s) URL: lower-case scheme and host (IDN as punycode, default port dropped),
 * no fragment, no user info, tracking parameters removed (utm_*, fbclid, gclid, mc_cid, … see TRACKING_PARAMS),
 * the remaining query parameters sorted by name (stable for equal names), an empty query dropped, and an empty
 * path as "/". Scheme is kept (http and https may serve different things). Returns null for anything that is not
 * an absolute http(s) URL of at most 4096 characters.
 */
export function canonicalizeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname.length === 0) return null;
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  parsed.hostname = parsed.hostname.replace(/\.$/, '');
  const kept = [...parsed.searchParams].filter(([name]) => !isTrackingParam(name));
  kept.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  parsed.search = new URLSearchParams(kept).toString();
  return parsed.toString();
}
