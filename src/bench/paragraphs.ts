import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ARTICLES } from '../demo/demo-corpus.js';

/** The repository root (dist/bench/ → ../..). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared data folder beside the repository, or null when it is absent. */
export function sharedDataDir(): string | null {
  const dir = path.resolve(REPO_ROOT, '../shared/data');
  return existsSync(dir) ? dir : null;
}

/**
 * Real article paragraphs to build synthetic webs from: the human-written article bodies of the Article Extraction
 * Benchmark when ../shared/data is there (131 real news pages), else the bundled demo corpus.
 */
export function loadParagraphs(): string[] {
  const dir = sharedDataDir();
  const file = dir ? path.join(dir, 'aeb-dev', 'ground-truth.json') : null;
  if (!file || !existsSync(file)) return DEMO_ARTICLES.flatMap((article) => [...article.story.paragraphs]);
  const truth: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const bodies = truth && typeof truth === 'object' ? Object.values(truth) : [];
  return bodies
    .flatMap((entry: unknown) =>
      entry && typeof entry === 'object' && 'articleBody' in entry && typeof entry.articleBody === 'string'
        ? entry.articleBody.split(/\n+/)
        : [],
    )
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.split(/\s+/).length >= 12);
}
