/**
 * Feed-parsing conformance: runs `parseFeed` over the gofeed and feed-rs test suites in ../shared/data/feeds,
 * maps their expected parses onto our model and prints the pass rate per field and overall.
 *
 *   node dist/eval/eval-feeds.js [--failures]
 *
 * Where an expectation is the other library's quirk rather than the right answer, the case is listed in
 * tests/parse/conformance-exceptions.json ({suite, case, field, reason}) and left out of the score.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeBody } from '../shared/decode-body.js';
import type { FeedItem, ParsedFeed } from '../model.js';
import { authorFromString } from '../parse/normalize-fields.js';
import { parseFeed } from '../parse/parse-feed.js';
import { htmlToPlainText, textToPlainText } from '../parse/plain-text.js';
import { readExpectation, type ExpectationKind, type ExpectedFeed, type ExpectedItem } from './feed-expectations.js';

/** The repository root (this file is src/eval/ or dist/eval/). */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the suites are expected: ../shared/data/feeds from the repository root. */
export const FEEDS_DIR = path.resolve(REPO_ROOT, '../shared/data/feeds');

/** The documented exceptions file. */
export const EXCEPTIONS_FILE = path.join(REPO_ROOT, 'tests/parse/conformance-exceptions.json');

/** The URL the fixtures are parsed as if fetched from (relative links resolve against it last). */
const FIXTURE_BASE_URL = 'http://fixture.invalid/feed';

/** One expectation that is a library quirk, not the right answer. */
export interface ConformanceException {
  suite: string;
  case: string;
  /** `feed.title`, `item.published`, … */
  field: string;
  reason: string;
}

/** One test case: a feed file and its expected parse. */
interface SuiteCase {
  suite: 'gofeed' | 'feed-rs';
  name: string;
  feedFile: string;
  expectedFile: string;
  kind: ExpectationKind;
}

/** Pass counts for one field. */
export interface FieldScore {
  compared: number;
  passed: number;
}

/** The outcome of a conformance run. */
export interface ConformanceScore {
  cases: number;
  fields: Record<string, FieldScore>;
  compared: number;
  passed: number;
  /** passed / compared. */
  rate: number;
  /** Fields left out by an exception, and how many of them pass anyway. */
  excepted: number;
  exceptedPassed: number;
  /** The rate with the excepted fields counted too: (passed + exceptedPassed) / (compared + excepted). */
  rawRate: number;
  /** Exceptions that matched no compared field (stale entries to remove). */
  unusedExceptions: string[];
  failures: string[];
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

function xmlCases(root: string, dir: string, kind: ExpectationKind): SuiteCase[] {
  return filesIn(path.join(root, dir))
    .filter((f) => f.endsWith('.xml'))
    .flatMap((file) => {
      const base = file.slice(0, -4);
      const expectedFile = path.join(root, dir, `${base}.json`);
      return existsSync(expectedFile)
        ? [{ suite: 'gofeed' as const, name: `${dir}/${base}`, feedFile: path.join(root, dir, file), expectedFile, kind }]
        : [];
    });
}

function jsonCases(root: string, dir: string, kind: ExpectationKind): SuiteCase[] {
  return filesIn(path.join(root, dir))
    .filter((f) => f.endsWith('.json') && !f.endsWith('_expected.json'))
    .flatMap((file) => {
      const base = file.slice(0, -5);
      const expectedFile = path.join(root, dir, `${base}_expected.json`);
      return existsSync(expectedFile)
        ? [{ suite: 'gofeed' as const, name: `${dir}/${base}`, feedFile: path.join(root, dir, file), expectedFile, kind }]
        : [];
    });
}

function feedRsCases(root: string): SuiteCase[] {
  return filesIn(root).flatMap((dir) =>
    filesIn(path.join(root, dir))
      .filter((f) => (f.endsWith('.xml') || f.endsWith('.json')) && !f.endsWith('.serde.json'))
      .flatMap((file) => {
        const base = file.replace(/\.(xml|json)$/, '');
        const expectedFile = path.join(root, dir, `${base}.serde.json`);
        return existsSync(expectedFile)
          ? [
              {
                suite: 'feed-rs' as const,
                name: `${dir}/${base}`,
                feedFile: path.join(root, dir, file),
                expectedFile,
                kind: 'feed-rs' as const,
              },
            ]
          : [];
      }),
  );
}

/** All cases of both suites under `feedsDir`. */
function discoverCases(feedsDir: string): SuiteCase[] {
  const gofeed = path.join(feedsDir, 'gofeed/testdata');
  return [
    ...xmlCases(gofeed, 'parser/rss', 'gofeed-rss'),
    ...xmlCases(gofeed, 'parser/atom', 'gofeed-atom'),
    ...xmlCases(gofeed, 'translator/rss', 'gofeed-universal'),
    ...xmlCases(gofeed, 'translator/atom', 'gofeed-universal'),
    ...filesIn(path.join(gofeed, 'extensions')).flatMap((d) => xmlCases(gofeed, `extensions/${d}`, 'gofeed-universal')),
    ...jsonCases(gofeed, 'translator/json', 'gofeed-universal'),
    ...jsonCases(gofeed, 'parser/json', 'jsonfeed'),
    ...feedRsCases(path.join(feedsDir, 'feed-rs/fixture')),
  ];
}

// ─── comparison ────────────────────────────────────────────────────────────

function plain(value: string): string {
  return htmlToPlainText(value);
}

/**
 * Text fields match when they read the same as rendered HTML, or as literal text: the expectations do not say
 * which of the two a value is (an Atom title of type text may legitimately contain `&lt;`).
 */
function sameText(expected: string, actual: string | null): boolean {
  if (actual === null) return false;
  const rendered = plain(actual);
  return plain(expected) === rendered || textToPlainText(expected) === rendered || textToPlainText(expected) === textToPlainText(actual);
}

/** Titles are plain text in our model already; only the expectation is rendered (or read literally). */
function sameTitle(expected: string, actual: string | null): boolean {
  return actual !== null && (plain(expected) === actual || textToPlainText(expected) === actual);
}

function sameUrl(expected: string, actual: string | null): boolean {
  if (actual === null) return false;
  try {
    return new URL(expected.trim(), actual).href === actual;
  } catch {
    return false;
  }
}

function sameInstant(expected: string, actual: string | null): boolean {
  return actual !== null && Date.parse(expected) === Date.parse(actual);
}

/** Same values regardless of order and repetition (our lists are distinct by design). */
function sameSet(expected: string[], actual: string[]): boolean {
  const a = new Set(actual);
  const e = new Set(expected);
  return e.size === a.size && [...e].every((value) => a.has(value));
}

type Check = [field: string, passed: boolean];

function itemChecks(expected: ExpectedItem, actual: FeedItem | undefined): Check[] {
  const checks: Check[] = [];
  const add = (field: string, stated: unknown, passed: () => boolean): void => {
    if (stated !== undefined) checks.push([`item.${field}`, actual !== undefined && passed()]);
  };
  const a = actual;
  add('title', expected.title, () => sameTitle(expected.title ?? '', a?.title ?? null));
  add('link', expected.link, () => sameUrl(expected.link ?? '', a?.url ?? null));
  add('guid', expected.guid, () => (expected.guid ?? '').trim() === a?.guid);
  add('published', expected.published, () => sameInstant(expected.published ?? '', a?.published ?? null));
  add('updated', expected.updated, () => sameInstant(expected.updated ?? '', a?.updated ?? null));
  add('authors', expected.authors, () => sameSet((expected.authors ?? []).map(authorFromString), a?.authors ?? []));
  add('summary', expected.summary, () => sameText(expected.summary ?? '', a?.summary ?? null));
  add('content', expected.content, () => sameText(expected.content ?? '', a?.contentHtml ?? null));
  add('categories', expected.categories, () => sameSet((expected.categories ?? []).map(plain), a?.categories ?? []));
  // Media RSS attachments are enclosures in our model but not in gofeed's: every expected one must be there.
  add('enclosures', expected.enclosures, () =>
    (expected.enclosures ?? []).every((url) => (a?.enclosures ?? []).some((e) => sameUrl(url, e.url))),
  );
  return checks;
}

function feedChecks(expected: ExpectedFeed, actual: ParsedFeed | null): Check[] {
  const checks: Check[] = [];
  if (expected.title !== undefined) checks.push(['feed.title', sameTitle(expected.title, actual?.title ?? null)]);
  if (expected.link !== undefined) checks.push(['feed.link', sameUrl(expected.link, actual?.link ?? null)]);
  if (expected.language !== undefined) {
    // Tags are compared as BCP 47 does (case-insensitively); `en_us` (feed-rs keeps the POSIX form) is `en-US`.
    const tag = expected.language.trim().toLowerCase().replaceAll('_', '-');
    checks.push(['feed.language', tag === actual?.language?.toLowerCase()]);
  }
  const count = expected.itemCount;
  if (count !== undefined) {
    const ours = actual?.items.length ?? -1;
    checks.push(['feed.items', ours >= count.comparable && ours <= count.listed]);
  }
  expected.items.forEach((item, index) => checks.push(...itemChecks(item, actual?.items[index])));
  return checks;
}

async function runCase(testCase: SuiteCase): Promise<Check[]> {
  const source = decodeBody(readFileSync(testCase.feedFile), null, 'xml').text;
  const expected = readExpectation(testCase.kind, JSON.parse(readFileSync(testCase.expectedFile, 'utf8')), source);
  if (expected === null) return [];
  const result = await parseFeed(source, { baseUrl: FIXTURE_BASE_URL, maxItems: 100_000 });
  return feedChecks(expected, result.ok ? result.value : null);
}

/** Reads the documented exceptions (an empty list when the file is absent). */
export function readExceptions(file: string = EXCEPTIONS_FILE): ConformanceException[] {
  if (!existsSync(file)) return [];
  const document: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const entries = typeof document === 'object' && document !== null && 'exceptions' in document ? document.exceptions : [];
  return (Array.isArray(entries) ? entries : []).flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { suite, case: name, field, reason } = { suite: '', case: '', field: '', reason: '', ...entry };
    return typeof suite === 'string' && typeof name === 'string' && typeof field === 'string' && typeof reason === 'string'
      ? [{ suite, case: name, field, reason }]
      : [];
  });
}

/**
 * Scores our parser against both suites. Fields an exception lists for a case are left out of the score.
 * `feedsDir` defaults to ../shared/data/feeds from the repository root.
 */
export async function scoreFeedSuites(
  feedsDir: string = FEEDS_DIR,
  exceptions: ConformanceException[] = readExceptions(),
): Promise<ConformanceScore> {
  const excepted = new Set(exceptions.map((e) => `${e.suite}/${e.case}/${e.field}`));
  const score: ConformanceScore = {
    cases: 0,
    fields: {},
    compared: 0,
    passed: 0,
    rate: 0,
    excepted: 0,
    exceptedPassed: 0,
    rawRate: 0,
    unusedExceptions: [],
    failures: [],
  };
  const used = new Set<string>();
  for (const testCase of discoverCases(feedsDir)) {
    score.cases += 1;
    for (const [field, passed] of await runCase(testCase)) {
      const key = `${testCase.suite}/${testCase.name}/${field}`;
      if (excepted.has(key)) {
        used.add(key);
        score.excepted += 1;
        score.exceptedPassed += passed ? 1 : 0;
        continue;
      }
      const fieldScore = score.fields[field] ?? { compared: 0, passed: 0 };
      fieldScore.compared += 1;
      fieldScore.passed += passed ? 1 : 0;
      score.fields[field] = fieldScore;
      score.compared += 1;
      score.passed += passed ? 1 : 0;
      if (!passed) score.failures.push(`${testCase.suite}/${testCase.name} ${field}`);
    }
  }
  score.unusedExceptions = [...excepted].filter((key) => !used.has(key));
  score.rate = score.compared === 0 ? 0 : score.passed / score.compared;
  const all = score.compared + score.excepted;
  score.rawRate = all === 0 ? 0 : (score.passed + score.exceptedPassed) / all;
  return score;
}

function percent(passed: number, compared: number): string {
  return compared === 0 ? '-' : `${((100 * passed) / compared).toFixed(1)} %`;
}

async function main(): Promise<void> {
  if (!existsSync(FEEDS_DIR)) {
    process.stderr.write(`eval-feeds: ${FEEDS_DIR} not found; the conformance suites live in ../shared/data/feeds\n`);
    process.exitCode = 2;
    return;
  }
  const score = await scoreFeedSuites();
  const lines = [`feed conformance over ${score.cases} cases (gofeed + feed-rs)`, ''];
  for (const [field, fieldScore] of Object.entries(score.fields).sort()) {
    lines.push(
      `${field.padEnd(18)} ${String(fieldScore.passed).padStart(5)} / ${String(fieldScore.compared).padStart(5)}  ${percent(fieldScore.passed, fieldScore.compared)}`,
    );
  }
  lines.push(
    '',
    `${'overall'.padEnd(18)} ${String(score.passed).padStart(5)} / ${String(score.compared).padStart(5)}  ${percent(score.passed, score.compared)}`,
  );
  lines.push(
    `excepted (documented library quirks): ${score.excepted}; counting them: ` +
      `${score.passed + score.exceptedPassed} / ${score.compared + score.excepted}  ` +
      `${percent(score.passed + score.exceptedPassed, score.compared + score.excepted)}`,
  );
  if (process.argv.includes('--failures')) lines.push('', ...score.failures);
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
