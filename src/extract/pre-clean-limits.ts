/** The pre-pass's limits and their defaults: read by the pass (pre-clean.ts), its rules and extract-article.ts's depth gate. */
/** Limits of the pre-pass; each protects jsdom/Readability from one kind of hostile page. */
export interface PreCleanLimits {
  /**
   * Characters of HTML parsed at most; the rest is dropped. Default 8,000,000: the pass is linear and cheap, and
   * a page may carry megabytes of inline style or script before its article.
   */
  maxChars: number;
  /** Element nesting kept; deeper tags are dropped and their text kept. Default 200. */
  maxDepth: number;
  /** Elements kept; later tags are dropped and their text kept. Default 10,000 (aeb-dev pages keep at most ~1,400). */
  maxElements: number;
  /** Attributes kept per element. Default 24. */
  maxAttributes: number;
  /** Longest attribute value kept (longer ones are dropped: inline data, tracking blobs). Default 2,000. */
  maxAttributeLength: number;
  /** Total characters of JSON-LD kept. Default 1,000,000. */
  maxJsonLdChars: number;
  /** Characters of body text kept (a long book chapter); the rest is dropped. Default 1,000,000. */
  maxTextChars: number;
}

/** The default limits (see each field). */
export const DEFAULT_PRE_CLEAN_LIMITS: PreCleanLimits = {
  maxChars: 8_000_000,
  maxDepth: 200,
  maxElements: 10_000,
  maxAttributes: 24,
  maxAttributeLength: 2_000,
  maxJsonLdChars: 1_000_000,
  maxTextChars: 1_000_000,
};
