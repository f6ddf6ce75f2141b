/** Builds the `ArticleInput` a test stores: an imported article with nothing optional set, plus what the test names. */
import type { ArticleInput } from '../../src/model.js';

/** An article keyed `itemKey` (also its title, unless given), from no feed, with every optional field null. */
export function articleInput(itemKey: string, fields: Partial<ArticleInput> = {}): ArticleInput {
  return {
    feedName: null,
    source: 'test',
    itemKey,
    externalId: null,
    guid: null,
    url: null,
    canonicalUrl: null,
    title: itemKey,
    text: '',
    html: null,
    byline: null,
    lang: null,
    publishedAt: null,
    modifiedAt: null,
    method: 'import',
    fallbackReason: null,
    itemHash: null,
    ...fields,
  };
}
