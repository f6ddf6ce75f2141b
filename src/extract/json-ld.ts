/**
 * JSON-LD: the article object a page describes itself with (schema.org NewsArticle and kin).
 *
 * Parse, then adapt: the raw JSON is walked as `unknown` and only the fields we use are read, each checked for
 * its type, into the small `JsonLdArticle` shape.
 */

/** The parts of a schema.org Article we use. */
export interface JsonLdArticle {
  type: string;
  headline: string | null;
  articleBody: string | null;
  datePublished: string | null;
  dateModified: string | null;
  authors: string[];
  publisher: string | null;
  inLanguage: string | null;
  image: string | null;
  url: string | null;
}

const ARTICLE_TYPES = new Set([
  'article', 'newsarticle', 'blogposting', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle',
  'reviewnewsarticle', 'backgroundnewsarticle', 'scholarlyarticle', 'techarticle', 'report', 'liveblogposting',
  'posting', 'socialmediaposting', 'webpage', 'medicalscholarlyarticle',
]);

/** Objects visited at most per page, so a hostile JSON-LD graph cannot make this slow. */
const MAX_NODES = 5_000;

/**
 * The best article object among the page's JSON-LD blocks (an Article-like type, preferring one with an
 * `articleBody`, then one that is not a plain WebPage), or null. Blocks that are not valid JSON are skipped.
 */
export function readJsonLdArticle(blocks: readonly string[]): JsonLdArticle | null {
  const candidates: JsonLdArticle[] = [];
  for (const block of blocks) {
    const parsed = parseJson(block);
    if (parsed !== undefined) collectArticles(parsed, candidates);
  }
  const rank = (article: JsonLdArticle): number =>
    (article.articleBody !== null ? 2 : 0) + (article.type !== 'webpage' ? 1 : 0);
  return candidates.reduce<JsonLdArticle | null>((best, next) => (best === null || rank(next) > rank(best) ? next : best), null);
}

function parseJson(text: string): unknown {
  try {
    // Some CMSs leave HTML comment markers or trailing semicolons around the JSON.
    return JSON.parse(text.trim().replace(/^<!--|-->$/g, '').replace(/;\s*$/, ''));
  } catch {
    return undefined;
  }
}

/** Breadth-first over arrays, `@graph`, and `mainEntity`, bounded by MAX_NODES. */
function collectArticles(root: unknown, into: JsonLdArticle[]): void {
  const queue: unknown[] = [root];
  for (let visited = 0; visited < queue.length && visited < MAX_NODES; visited += 1) {
    const node = queue[visited];
    if (Array.isArray(node)) {
      const items: readonly unknown[] = node;
      queue.push(...items.slice(0, MAX_NODES));
      continue;
    }
    if (!isRecord(node)) continue;
    const article = adaptArticle(node);
    if (article !== null) into.push(article);
    for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage']) if (key in node) queue.push(node[key]);
  }
}

function adaptArticle(node: Record<string, unknown>): JsonLdArticle | null {
  const type = articleType(node['@type']);
  if (type === null) return null;
  return {
    type,
    headline: text(node['headline']) ?? text(node['name']),
    articleBody: text(node['articleBody']) ?? text(node['text']),
    datePublished: text(node['datePublished']) ?? text(node['dateCreated']),
    dateModified: text(node['dateModified']),
    authors: names(node['author']).concat(names(node['creator'])),
    publisher: names(node['publisher'])[0] ?? null,
    inLanguage: text(node['inLanguage']) ?? names(node['inLanguage'])[0] ?? null,
    image: imageUrl(node['image']) ?? imageUrl(node['thumbnailUrl']),
    url: text(node['url']),
  };
}

function articleType(value: unknown): string | null {
  const types = Array.isArray(value) ? value : [value];
  for (const type of types) {
    if (typeof type !== 'string') continue;
    const short = type.replace(/^https?:\/\/schema\.org\//i, '').toLowerCase();
    if (ARTICLE_TYPES.has(short)) return short;
  }
  return null;
}

/** Names of persons/organizations given as strings, objects with `name`, or arrays of either. */
function names(value: unknown): string[] {
  const items = Array.isArray(value) ? value.slice(0, 20) : [value];
  const found: string[] = [];
  for (const item of items) {
    const name = typeof item === 'string' ? text(item) : isRecord(item) ? text(item['name']) : null;
    if (name !== null && !found.includes(name)) found.push(name);
  }
  return found;
}

function imageUrl(value: unknown): string | null {
  // A loop, not recursion: nested arrays in hostile JSON must not grow the stack.
  let current = value;
  while (Array.isArray(current)) current = current[0];
  if (typeof current === 'string') return text(current);
  if (isRecord(current)) return text(current['url']) ?? text(current['contentUrl']);
  return null;
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
