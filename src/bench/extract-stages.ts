/**
 * Where a page's extraction CPU goes, by stage: `extractArticle` runs over the aeb-dev pages in this thread under
 * V8's sampling profiler (node:inspector), and each sample is charged to the innermost stage function on its
 * stack (inclusive time, so jsdom work done for Readability counts as Readability), garbage collection apart.
 *   node dist/bench/bench-extract.js --stages [--rounds N]
 */
import { readFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import { extractArticle } from '../extract/extract-article.js';
import { decodeBody } from '../shared/decode-body.js';
import type { AebPage } from '../eval/eval-extract.js';

/** Stage of each function name; the first match walking up from a sample's leaf wins. */
const STAGES: ReadonlyArray<[functionName: string, urlPart: string, stage: string]> = [
  ['decodeBody', 'decode-body', 'decode bytes'],
  ['estimateNestingDepth', 'pre-clean', 'pre-clean (htmlparser2 pass)'],
  ['preCleanHtml', 'pre-clean', 'pre-clean (htmlparser2 pass)'],
  ['readJsonLdArticle', 'json-ld', 'JSON-LD'],
  ['readMetadata', 'metadata', 'metadata (cheerio on the set-aside head)'],
  ['parseDocument', 'inert-window', 'jsdom parse'],
  ['releaseDocument', 'inert-window', 'jsdom release'],
  ['parse', '@mozilla/readability', 'Readability'],
  ['postCleanArticle', 'post-clean', 'post-clean'],
  ['blockText', 'block-text', 'block text'],
  ['sanitizeElementHtml', 'sanitize-html', 'DOMPurify + serialisation'],
  ['fragmentTextAndHtml', 'extract-article', 'fallback texts (JSON-LD / feed HTML)'],
];

/** One stage's share of the sampled time. */
export interface StageShare {
  stage: string;
  ms: number;
  share: number;
}

/** Profiles `rounds` passes over the pages (after one unprofiled warm-up pass) and returns the split per stage. */
export async function profileStages(pages: readonly AebPage[], rounds: number): Promise<{ pages: number; shares: StageShare[] }> {
  const inputs = pages.map((page) => ({
    url: page.url,
    html: decodeBody(readFileSync(page.file), 'text/html; charset=utf-8', 'html').text,
  }));
  for (const input of inputs) extractArticle(input);
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object): Promise<T> =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  for (let round = 0; round < rounds; round += 1) for (const input of inputs) extractArticle(input);
  const { profile } = await post<{ profile: Profiler.Profile }>('Profiler.stop');
  session.disconnect();
  return { pages: inputs.length * rounds, shares: splitByStage(profile) };
}

function splitByStage(profile: Profiler.Profile): StageShare[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const byStage = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, index) => {
    const stage = stageOf(id, nodes, parents);
    if (stage === null) return;
    byStage.set(stage, (byStage.get(stage) ?? 0) + (deltas[index + 1] ?? 0) / 1000);
  });
  const total = [...byStage.values()].reduce((sum, ms) => sum + ms, 0);
  return [...byStage].map(([stage, ms]) => ({ stage, ms, share: ms / total })).sort((a, b) => b.ms - a.ms);
}

/** The stage a sample belongs to; null for idle time. */
function stageOf(id: number, nodes: Map<number, Profiler.ProfileNode>, parents: Map<number, number>): string | null {
  const leaf = nodes.get(id)?.callFrame.functionName;
  if (leaf === '(idle)') return null;
  if (leaf === '(garbage collector)') return 'garbage collection';
  for (let current: number | undefined = id; current !== undefined; current = parents.get(current)) {
    const frame = nodes.get(current)?.callFrame;
    const match = STAGES.find(([name, urlPart]) => frame?.functionName === name && frame.url.includes(urlPart));
    if (match !== undefined) return match[2];
  }
  return 'other (extract-article, the loop)';
}

/** The split as lines: share, ms per page, stage. */
export function formatStages(result: { pages: number; shares: StageShare[] }): string {
  const lines = result.shares.map(
    (row) => `${(row.share * 100).toFixed(1).padStart(6)} %${(row.ms / result.pages).toFixed(1).padStart(8)} ms/page  ${row.stage}`,
  );
  const total = result.shares.reduce((sum, row) => sum + row.ms, 0) / result.pages;
  return `extraction CPU by stage, one thread, ${result.pages} pages (sampled, wall clock): ${total.toFixed(1)} ms/page\n${lines.join('\n')}\n`;
}
