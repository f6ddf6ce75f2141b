import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ARTICLES } from '../../src/demo/demo-corpus.js';
import { DEFAULT_MINHASH_PARAMS, fingerprintText } from '../../src/fingerprint/fingerprint-text.js';
import type { DuplicateIndexOptions } from '../../src/fingerprint/find-duplicates.js';
import { duplicateIndexLayout, openDuplicateIndex, reindexDuplicates } from '../../src/pipeline/open-duplicate-index.js';
import { countStaleEntries, staleIndexLayout } from '../../src/store/duplicate-index.js';
import { openHarness, type Harness } from './index-harness.js';

const texts = DEMO_ARTICLES.slice(0, 6).map((article) => article.story.paragraphs.join('\n\n'));
// A republished copy with a line added: not the same text hash, found only by similarity.
const copyOf = (text: string) => `${text}\n\nThis story was first published by a partner newsroom.`;

describe('reindexDuplicates', () => {
  let h: Harness | null = null;
  afterEach(() => h?.close());

  const cases: [string, DuplicateIndexOptions, boolean][] = [
    // Rows per band stay 2, so the first bands' keys coincide: the copy may still be found before; after, by all bands.
    ['the thresholds (new band layout, same fingerprints)', { threshold: 0.6, containmentThreshold: 0.6, params: DEFAULT_MINHASH_PARAMS }, false],
    ['num_perm (fingerprints computed again)', { params: { ...DEFAULT_MINHASH_PARAMS, numPerm: 64 } }, true],
  ];
  for (const [change, fresh, lostBefore] of cases) {
    it(`after a change of ${change}, stored articles are found by similarity again`, () => {
      h = openHarness();
      const stored = texts.map((text, i) => h!.ingest(`a${i}`, text).id);
      const layout = duplicateIndexLayout(fresh);
      expect(staleIndexLayout(h.db, layout)).not.toBeNull();
      expect(countStaleEntries(h.db, layout)).toBe(texts.length);

      const index = openDuplicateIndex(h.db, fresh);
      const probe = fingerprintText(copyOf(texts[2] ?? ''), fresh.params);
      // Before: fingerprints of other parameters are never compared, so the copy is not found.
      if (lostBefore) expect(index.findDuplicates(probe, null)).toEqual([]);

      let total = 0;
      for (let batch = reindexDuplicates(h.db, fresh, 2); batch.reindexed > 0; batch = reindexDuplicates(h.db, fresh, 2)) total += batch.reindexed;
      expect(total).toBe(texts.length);
      expect(countStaleEntries(h.db, layout)).toBe(0);
      expect(staleIndexLayout(h.db, layout)).toBeNull();
      expect(index.findDuplicates(probe, null)).toEqual([expect.objectContaining({ articleId: stored[2], reason: 'minhash' })]);
    });
  }
});
