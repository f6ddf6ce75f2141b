/**
 * The scale benchmark's stream as a labelled set (fit:clusters `--stream N`): the real stories of the other sets
 * retold in one dense 60-day stream by 500 outlets (bench/scale-stream.ts), each article labelled with its event.
 * The labelled sets each hold one time layout (gva's incidents spread over four years, allsides' and giveme5w1h's
 * stories within days of each other); a stream where look-alike stories of many sets meet within weeks is what a
 * user with hundreds of feeds sees, and what a decision fit on the sets alone never meets. The fit draws it with
 * another seed than `bench:scale` uses (seed 1), so the bench stays a stream the fit never saw.
 */
import { loadStoryTemplates } from '../bench/scale-sources.js';
import { buildScaleStream } from '../bench/scale-stream.js';
import { commonWords } from '../bench/scale-text.js';
import type { EvalArticle, EvalDataset } from './datasets.js';

/** The seed of the fit's stream (bench:scale uses 1). */
export const FIT_STREAM_SEED = 2;

/** A stream of `articles` articles built from the sets under `dataRoot`, as a dated set named after its size and seed. */
export function streamDataset(dataRoot: string, articles: number, seed = FIT_STREAM_SEED): EvalDataset {
  const templates = loadStoryTemplates(dataRoot);
  const keep = commonWords(templates.flatMap((template) => template.articles.map((article) => article.text)));
  const stream = buildScaleStream(templates, keep, { articles, seed });
  const out: EvalArticle[] = [];
  for (const a of stream.articles()) {
    out.push({
      id: a.line.id,
      label: String(a.event),
      title: a.line.title,
      text: a.line.text,
      source: a.line.source,
      lang: a.line.lang ?? null,
      time: a.line.published,
    });
  }
  return { name: `scale-stream-${articles}-seed${seed}`, articles: out, overrides: {}, dated: true, pairs: null, problems: [] };
}
