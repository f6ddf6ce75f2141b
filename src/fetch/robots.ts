/**
 * robots.txt (RFC 9309): groups by user-agent, Allow/Disallow with `*` and `$`, longest match wins, Allow wins
 * a tie. Parsing is line by line over a capped body, so it stays linear.
 */

/** The rules that apply to one user agent. */
export interface RobotsRules {
  allow: string[];
  disallow: string[];
}

/** Everything allowed (robots.txt missing: any 4xx). */
export const ALLOW_ALL: RobotsRules = { allow: [], disallow: [] };
/** Everything disallowed (robots.txt unreachable: 5xx or network error, per RFC 9309 §2.3.1.4). */
export const DISALLOW_ALL: RobotsRules = { allow: [], disallow: ['/'] };

/** The product token of a User-Agent, lower-cased: `newsdedup` for `newsdedup/0.1 (+https://…)`. */
export function productToken(userAgent: string): string {
  return (/^[A-Za-z0-9_-]+/.exec(userAgent.trim())?.[0] ?? '').toLowerCase();
}

/**
 * The rules of `robotsTxt` for the agent `token`: the groups naming it, else the `*` groups.
 * `token` must be lower-case (see `productToken`).
 */
export function parseRobots(robotsTxt: string, token: string): RobotsRules {
  const own: RobotsRules = { allow: [], disallow: [] };
  const star: RobotsRules = { allow: [], disallow: [] };
  let agents: string[] = [];
  let inRules = false;
  for (const line of robotsTxt.split(/\r\n|\r|\n/)) {
    const match = /^\s*([A-Za-z-]+)\s*:\s*(.*?)\s*$/.exec(line.replace(/#.*$/, ''));
    if (match?.[1] === undefined || match[2] === undefined) continue;
    const field = match[1].toLowerCase();
    if (field === 'user-agent') {
      if (inRules) agents = []; // a user-agent line after rules starts a new group
      inRules = false;
      agents.push(match[2].toLowerCase());
    } else if (field === 'allow' || field === 'disallow') {
      inRules = true;
      if (match[2] === '') continue; // "Disallow:" with no path allows everything
      const target = agents.some((agent) => agent !== '*' && token !== '' && token.includes(agent))
        ? own
        : agents.includes('*')
          ? star
          : null;
      target?.[field].push(match[2]);
    }
  }
  return own.allow.length + own.disallow.length > 0 || mentions(robotsTxt, token) ? own : star;
}

/** Whether `pathAndQuery` (starting with `/`) may be fetched under `rules`. */
export function isAllowed(rules: RobotsRules, pathAndQuery: string): boolean {
  const allow = longestMatch(rules.allow, pathAndQuery);
  const disallow = longestMatch(rules.disallow, pathAndQuery);
  return disallow < 0 || allow >= disallow;
}

/** A group for our token with only empty rules still means "our group applies", not the `*` group. */
function mentions(robotsTxt: string, token: string): boolean {
  if (token === '') return false;
  return robotsTxt.split(/\r\n|\r|\n/).some((line) => {
    const agent = /^\s*user-agent\s*:\s*([^#\s]+)/i.exec(line)?.[1]?.toLowerCase();
    return agent !== undefined && agent !== '*' && token.includes(agent);
  });
}

function longestMatch(patterns: readonly string[], path: string): number {
  let best = -1;
  for (const pattern of patterns) {
    if (pattern.length > best && patternMatches(pattern, path)) best = pattern.length;
  }
  return best;
}

function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const parts = (anchored ? pattern.slice(0, -1) : pattern).split('*');
  // Greedy left-to-right matching of the literal parts is exact for `*` wildcards and linear in the path.
  let position = 0;
  for (const [index, part] of parts.entries()) {
    const decoded = normalizePath(part);
    if (index === 0) {
      if (!path.startsWith(decoded)) return false;
      position = decoded.length;
      continue;
    }
    const isLast = index === parts.length - 1;
    const found = isLast && anchored ? path.lastIndexOf(decoded) : path.indexOf(decoded, position);
    if (found < position) return false;
    position = found + decoded.length;
  }
  return anchored ? position === path.length : true;
}

/** Percent-encodes what a URL path would carry encoded, so rules written with raw UTF-8 still match. */
function normalizePath(part: string): string {
  try {
    return encodeURI(decodeURI(part));
  } catch {
    return part;
  }
}
