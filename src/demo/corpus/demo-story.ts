/**
 * Types of the bundled demo corpus: fictional outlets' articles about fictional events, people and places,
 * written for the project so `newsdedup demo` can show the whole pipeline offline.
 */

/** Identifier of one fictional outlet; also the first segment of every URL path it serves. */
export type OutletId =
  | 'harbour-gazette'
  | 'meridian-daily'
  | 'northgate-courier'
  | 'valley-record'
  | 'brightwater-post'
  | 'kite-news';

/** One article as an outlet published it: what its page and its feed item are rendered from. */
export interface DemoStory {
  readonly outlet: OutletId;
  /** Last segment of the article URL; unique within the outlet. */
  readonly slug: string;
  /** Site section shown in breadcrumbs and used by some outlets' URL schemes. */
  readonly section: string;
  readonly headline: string;
  /** Standfirst shown in the feed (description/summary) and in meta description. */
  readonly summary: string;
  /** Byline as printed, e.g. "Mara Lindqvist, Environment Correspondent". */
  readonly byline: string;
  /** First publication, ISO 8601 UTC. */
  readonly publishedAt: string;
  /** Last update, ISO 8601 UTC; the publication time when absent. */
  readonly updatedAt?: string;
  /** Body paragraphs in reading order, plain text. */
  readonly paragraphs: readonly string[];
}

/** One real-world (fictional) event and its coverage by several outlets, each in its own words. */
export interface DemoEvent {
  /** Short human label, e.g. "Marrow River flood in Vennmoor". */
  readonly label: string;
  readonly stories: readonly DemoStory[];
}
