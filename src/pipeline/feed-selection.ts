/** Which configured feeds a run looks at, and which of those it fetches now. */
import type { Config, FeedConfig } from '../config/config.js';
import { isDue, type FeedState } from '../store/feeds.js';

/** The feeds a run looks at: enabled ones, or the named ones. */
export function selectFeeds(config: Config, names: readonly string[] | undefined): FeedConfig[] {
  if (!names || names.length === 0) return config.feeds.filter((feed) => feed.enabled);
  const wanted = new Set(names);
  return config.feeds.filter((feed) => wanted.has(feed.name));
}

/** Of the selected feeds, those to fetch now: due (or forced), and not disabled unless named explicitly. */
export function selectDue(
  selected: readonly FeedConfig[],
  states: ReadonlyMap<string, FeedState>,
  options: { force?: boolean; feedNames?: readonly string[] },
  now: Date,
): FeedConfig[] {
  const named = new Set(options.feedNames ?? []);
  return selected.filter((feed) => {
    const state = states.get(feed.name);
    if (!state) return true;
    // A feed disabled by 410 Gone stays disabled, unless named explicitly (or its URL changes in feeds.yaml).
    if (state.disabledAt !== null && !named.has(feed.name)) return false;
    return options.force || isDue(state, now);
  });
}
