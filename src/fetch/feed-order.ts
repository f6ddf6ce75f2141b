/**
 * The order in which a run takes its due feeds. Per-host politeness serialises the requests to one host, so
 * feeds of one host that are in flight together mostly wait for each other; interleaving the hosts (round-robin,
 * keeping each host's own order) gives the in-flight slots to feeds that can make progress.
 */

/** Round-robin over hosts: the first feed of every host, then the second of every host, and so on. */
export function interleaveByHost<T>(feeds: readonly T[], urlOf: (feed: T) => string): T[] {
  const byHost = new Map<string, T[]>();
  for (const feed of feeds) {
    const host = hostOf(urlOf(feed));
    const list = byHost.get(host);
    if (list === undefined) byHost.set(host, [feed]);
    else list.push(feed);
  }
  const queues = [...byHost.values()];
  const out: T[] = [];
  for (let round = 0; out.length < feeds.length; round += 1) {
    for (const queue of queues) {
      const feed = queue[round];
      if (feed !== undefined) out.push(feed);
    }
  }
  return out;
}

/** The politeness key of a URL: host and port, as the host limiter counts them (an unparsable URL is its own key). */
function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
