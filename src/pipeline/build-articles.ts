/** A feed's items → validated articles: each item's page fetched and extracted, or the feed's own content. */
import { createHash } from 'node:crypto';
import type { FeedConfig } from '../config/config.js';
import type { ExtractorPool } from '../extract/extractor-pool.js';
import type { Fetcher, PerFeedFetchOptions } from '../fetch/fetcher.js';
import type { ArticleInput, ExtractedArticle, FeedItem, PipelineError } from '../model.js';
import type { Logger } from '../shared/log.js';
import { validateArticle } from './article-validation.js';
import { forEachLimited } from './for-each-limited.js';

/** What building articles uses of the run. */
export interface ArticleContext {
  logger: Logger;
  fetcher: Fetcher;
  extractor: ExtractorPool;
  now: () => Date;
  /** True once the run must start no new work (deadline passed, or a signal came). */
  shouldStop: () => boolean;
}

/** Article pages of one feed in flight at once. */
const ITEMS_IN_FLIGHT_PER_FEED = 2;

/**
 * Times a page that failed transiently (timeout, 5xx, dropped connection, extraction timeout) is fetched before the
 * feed's own text is kept for good: each retry happens on a later run of the feed, when the feed has changed.
 */
export const MAX_PAGE_ATTEMPTS = 3;

/** The fetch options a feed's configuration sets for its requests. */
export function perFeedOptions(feed: FeedConfig): PerFeedFetchOptions {
  return { userAgent: feed.userAgent, headers: feed.headers, allowNetworks: feed.allowNetworks };
}

/**
 * Builds a feed's articles a few at a time (the host limiter serializes a host's pages anyway), so that a deadline
 * or a signal stops new page fetches at once. A feed stopped part-way is abandoned whole — nothing of it is
 * written, and the next run takes it up again.
 */
export async function buildArticles(
  ctx: ArticleContext,
  feed: FeedConfig,
  items: readonly FeedItem[],
  pageFailures: ReadonlyMap<string, number>,
): Promise<ArticleInput[] | null> {
  const articles: ArticleInput[] = [];
  let stopped = false;
  await forEachLimited(items, ITEMS_IN_FLIGHT_PER_FEED, async (item) => {
    if (stopped || ctx.shouldStop()) {
      stopped = true;
      return;
    }
    const article = await buildArticle(ctx, feed, item, pageFailures.get(item.key) ?? 0);
    const valid = article === null ? null : checkArticle(ctx, feed, article);
    if (valid) articles.push(valid);
  });
  if (stopped) return null;
  // In feed order, so that ingesting is independent of which page answered first.
  const order = new Map(items.map((item, index) => [item.key, index]));
  return articles.sort((a, b) => (order.get(a.itemKey) ?? 0) - (order.get(b.itemKey) ?? 0));
}

async function buildArticle(ctx: ArticleContext, feed: FeedConfig, item: FeedItem, failuresBefore: number): Promise<ArticleInput | null> {
  const feedItem = { title: item.title, summary: item.summary, contentHtml: item.contentHtml, published: item.published };
  let pageError: string | null = null;
  let pageFailures = 0;
  if (feed.fetchArticles && item.url) {
    const page = await ctx.fetcher.fetchPage(item.url, perFeedOptions(feed));
    let error: PipelineError;
    if (page.ok) {
      const resource = page.value;
      const extracted = await ctx.extractor.extract({ url: resource.finalUrl, bytes: resource.body, contentType: resource.contentType, feedItem });
      if (extracted.ok) return toArticleInput(feed, item, extracted.value);
      error = extracted.error;
    } else {
      error = page.error;
    }
    pageError = error.message;
    pageFailures = isTransientPageError(error) ? failuresBefore + 1 : 0;
    const retry = pageFailures > 0 && pageFailures < MAX_PAGE_ATTEMPTS;
    ctx.logger.warn({ feed: feed.name, url: item.url, reason: pageError, ...(pageFailures > 0 ? { attempt: pageFailures, retry } : {}) }, 'article_page_failed');
  }
  // No page (or it failed): the feed's own content is the article.
  const fallback = await ctx.extractor.extract({ url: item.url ?? feed.url, html: '', feedItem });
  if (!fallback.ok) {
    ctx.logger.warn({ feed: feed.name, item: item.key, reason: fallback.error.message }, 'article_skipped');
    return null;
  }
  const reason = pageError ?? (item.url ? 'article fetching disabled for this feed' : 'feed item has no link');
  return { ...toArticleInput(feed, item, { ...fallback.value, method: 'feed', fallbackReason: reason }), pageFailures };
}

/** The shared article validation, its changes and refusals logged with the feed. */
function checkArticle(ctx: ArticleContext, feed: FeedConfig, article: ArticleInput): ArticleInput | null {
  const valid = validateArticle(article, ctx.now());
  if (!valid.ok) {
    ctx.logger.warn({ feed: feed.name, item: article.itemKey, reason: valid.error.message }, 'article_skipped');
    return null;
  }
  for (const warning of valid.value.warnings) ctx.logger.warn({ feed: feed.name, item: article.itemKey, warning }, 'article_warning');
  return valid.value.article;
}

/** A page failure worth another try later: the fetch said so (timeouts, 5xx, dropped connections), or the page's extraction ran out of time or lost its worker (a busy machine). */
function isTransientPageError(error: PipelineError): boolean {
  if (error.stage === 'extract') return error.code === 'timeout' || error.code === 'worker_exit';
  return error.disposition === 'retry';
}

function toArticleInput(feed: FeedConfig, item: FeedItem, extracted: ExtractedArticle): ArticleInput {
  return {
    feedName: feed.name,
    source: feed.outlet,
    itemKey: item.key,
    externalId: null,
    guid: item.guid,
    // An item without a link has no URL of its own: the feed's URL (which the extraction ran on) would be shared by
    // every such item, and the store would take them for one article. Its identity is its item key.
    url: item.url,
    canonicalUrl: item.url === null ? null : extracted.canonicalUrl,
    // The feed's title is what the publisher chose for this item; the page's is a fallback.
    title: item.title || extracted.title,
    text: extracted.text,
    html: extracted.html,
    byline: extracted.byline ?? (item.authors.length > 0 ? item.authors.join(', ') : null),
    lang: extracted.lang ?? item.lang,
    publishedAt: item.published ?? extracted.publishedAt,
    modifiedAt: item.updated ?? extracted.modifiedAt,
    method: extracted.method,
    fallbackReason: extracted.fallbackReason,
    itemHash: itemHash(item),
  };
}

/** A hash of what the feed says about an item: when it changes, the article is looked at again. */
export function itemHash(item: FeedItem): string {
  const material = JSON.stringify([item.title, item.url, item.summary, item.contentHtml, item.updated, item.published]);
  return createHash('sha256').update(material).digest('hex').slice(0, 32);
}
