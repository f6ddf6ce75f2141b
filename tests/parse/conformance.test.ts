import { beforeAll, describe, expect, it } from 'vitest';
import {
  EXCEPTIONS_FILE, FEEDS_DIR, readExceptions, scoreFeedSuites, type ConformanceScore,
} from '../../src/eval/eval-feeds.js';
import { needsPaths } from '../helpers/needs.js';

/**
 * Floors for the share of comparable fields our parser gets right on the gofeed + feed-rs suites
 * (`npm run eval:feeds`). They may only go up: raise them when the parser improves.
 */
const CONFORMANCE_FLOOR = 1.0;
/** The same, counting the documented exceptions as failures where they fail. */
const RAW_CONFORMANCE_FLOOR = 0.99;

describe('the conformance exceptions file', () => {
  it('has one documented, one-line reason per entry and no duplicates', () => {
    const exceptions = readExceptions(EXCEPTIONS_FILE);
    expect(exceptions.length).toBeGreaterThan(0);
    const keys = exceptions.map((e) => `${e.suite}/${e.case}/${e.field}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of exceptions) {
      expect(['gofeed', 'feed-rs']).toContain(e.suite);
      expect(e.field).toMatch(/^(feed|item)\.[a-z]+$/);
      expect(e.reason.length).toBeGreaterThan(20);
      expect(e.reason).not.toContain('\n');
    }
  });
});

const suites = needsPaths('feed conformance', [FEEDS_DIR]);
describe.skipIf(suites.skip)(suites.title, () => {
  let score: ConformanceScore;
  beforeAll(async () => {
    score = await scoreFeedSuites(FEEDS_DIR, readExceptions());
  });

  it('meets the floor on the gofeed and feed-rs suites', () => {
    expect(score.cases).toBeGreaterThan(500);
    expect(score.compared).toBeGreaterThan(1000);
    expect(score.rate, score.failures.join('\n')).toBeGreaterThanOrEqual(CONFORMANCE_FLOOR);
    expect(score.rawRate).toBeGreaterThanOrEqual(RAW_CONFORMANCE_FLOOR);
  });

  it('every exception still names a field that is compared (no stale entries)', () => {
    expect(score.unusedExceptions).toEqual([]);
  });
});
