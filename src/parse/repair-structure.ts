/**
 * One linear pass over an XML document that fixes its structure before the real parser sees it:
 * junk before the root, DOCTYPE and ENTITY declarations (removed, so nothing is ever expanded or fetched),
 * stray `<`, mismatched and unclosed tags, content after the root element, and markup written directly inside
 * text elements such as `<title>` (kept in order by wrapping it in CDATA, since xml2js would scatter it).
 * It also enforces a nesting limit, so a million nested elements cannot exhaust the stack downstream, and reads
 * only the first `maxItems` items, so a huge feed costs no more than a big one.
 */
import { canonicalElementName } from './element-names.js';
import { escapeHtml } from './plain-text.js';
import { repairAmpersands, type CharacterRepairs } from './repair-characters.js';
import { parseStartTag, serializeStartTag, type StartTag } from './repair-tag.js';

/** Deepest element nesting accepted; real feeds stay far below it (XHTML content adds a few dozen levels). */
export const MAX_DEPTH = 512;

/** The root element as written: qualified name, attributes and the names of its child elements. */
export interface RootElement {
  /** The qualified name, in its canonical spelling when it is a feed vocabulary name (see element-names.ts). */
  name: string;
  /** The name as the document spells it, for messages. */
  writtenName: string;
  attributes: ReadonlyMap<string, string>;
  childNames: ReadonlySet<string>;
}

/** The outcome of a structural repair: the repaired document, its root, and what was changed. */
export interface StructureRepair {
  xml: string;
  root: RootElement;
  warnings: string[];
}

/** Elements whose content is text or HTML: child markup inside them is kept as an HTML string. */
const TEXT_ELEMENTS = new Set([
  'title',
  'description',
  'summary',
  'content',
  'subtitle',
  'tagline',
  'rights',
  'copyright',
  'info',
  'content:encoded',
  'atom:title',
  'atom:summary',
  'atom:content',
  'atom:subtitle',
  'atom:rights',
  'dc:title',
  'dc:description',
  'itunes:summary',
  'itunes:subtitle',
  'media:title',
  'media:description',
]);

/** Elements that RSS defines as text only; in Atom some of them (author, category) have children by design. */
const RSS_TEXT_ELEMENTS = new Set(['author', 'guid', 'category', 'comments', 'pubDate', 'dc:creator', 'dc:subject']);

/** Marker attribute added to a text element whose child markup was folded into CDATA. */
export const MARKUP_MARKER = 'nd-markup';

/** Markup pieces handled between two turns of the event loop (roughly 0.5 MB of feed). */
const STEPS_PER_TURN = 20_000;

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;

interface OpenText {
  /** Index in `out` just after the start tag. */
  mark: number;
  /** Stack depth with the element open. */
  depth: number;
  html: string[];
  hasChild: boolean;
}

class StructureScanner {
  private readonly out: string[] = [];
  private readonly stack: string[] = [];
  /** How many elements of each name are open: an end tag that closes nothing is found without a stack search. */
  private readonly openNames = new Map<string, number>();
  private readonly warnings = new Set<string>();
  private root: RootElement | null = null;
  private readonly rootChildren = new Set<string>();
  private rootClosed = false;
  private textElement: OpenText | null = null;
  private pos = 0;
  private itemCount = 0;
  private skippedItems = 0;
  /** While an item beyond the limit is being skipped: the stack depth with it open. */
  private skipDepth: number | null = null;

  constructor(
    private readonly text: string,
    private readonly repairs: CharacterRepairs,
    private readonly maxItems: number,
  ) {}

  async run(): Promise<StructureRepair | string> {
    let steps = 0;
    while (this.pos < this.text.length) {
      const failure = this.step();
      if (failure !== null) return failure;
      steps += 1;
      // Let other work run now and then: a 15 MB feed must not hold the event loop for seconds.
      if (steps % STEPS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (this.root === null) return 'no root element found';
    this.closeOpenElements();
    if (this.skippedItems > 0) {
      this.warnings.add(`read only the first ${this.maxItems} of ${this.itemCount} items`);
    }
    return { xml: this.out.join(''), root: this.root, warnings: [...this.warnings] };
  }

  private step(): string | null {
    const lt = this.text.indexOf('<', this.pos);
    if (lt < 0) {
      this.emitText(this.text.slice(this.pos));
      this.pos = this.text.length;
      return null;
    }
    if (lt > this.pos) this.emitText(this.text.slice(this.pos, lt));
    this.pos = lt;
    return this.markup();
  }

  private markup(): string | null {
    const t = this.text;
    const p = this.pos;
    if (t.startsWith('<!--', p)) return this.skipSection('-->', 'comment');
    if (t.startsWith('<![CDATA[', p)) return this.cdata();
    if (t.startsWith('<!', p)) return this.declaration();
    if (t.startsWith('<?', p)) return this.skipSection('?>', 'processing');
    if (t.startsWith('</', p)) return this.endTag();
    if (NAME_START.test(t.charAt(p + 1))) return this.startTag();
    return this.strayLessThan();
  }

  /**
   * Comments and processing instructions (the XML declaration included: the text is already decoded) carry
   * nothing a feed reader needs, and a strict parser rejects some of them (`--` inside a comment, a declaration
   * after the start): they are dropped.
   */
  private skipSection(terminator: string, kind: 'comment' | 'processing'): null {
    const end = this.text.indexOf(terminator, this.pos);
    if (kind === 'comment' && this.commentOutlivesTextElement(end)) {
      this.warnings.add("kept '<!--' that is not closed inside its title or other text element as text");
      return this.strayLessThan();
    }
    this.pos = end < 0 ? this.text.length : end + terminator.length;
    if (end < 0) this.warnings.add(`removed an unterminated ${kind === 'comment' ? 'comment' : 'processing instruction'}`);
    return null;
  }

  /**
   * True when a comment that starts inside a text element (a title, a description) is not closed before that
   * element's end tag: a `<!--` written as text. Read as a comment, it would swallow the rest of the title and
   * every item after it up to the next `-->`. Only the comment's own span is searched, so the pass stays linear.
   */
  private commentOutlivesTextElement(end: number): boolean {
    const open = this.textElement;
    if (open === null) return false;
    const name = this.stack[open.depth - 1] ?? '';
    const span = this.text.slice(this.pos, end < 0 ? this.text.length : end).toLowerCase();
    return end < 0 || span.includes(`</${name.toLowerCase()}`);
  }

  private cdata(): string | null {
    const start = this.pos + '<![CDATA['.length;
    const end = this.text.indexOf(']]>', start);
    const content = this.text.slice(start, end < 0 ? this.text.length : end);
    this.pos = end < 0 ? this.text.length : end + 3;
    if (end < 0) this.warnings.add('closed an unterminated CDATA section');
    if (this.root === null || this.rootClosed) return this.junk(content);
    this.write(`<![CDATA[${content}]]>`);
    this.textElement?.html.push(escapeHtml(content));
    return null;
  }

  /** DOCTYPE (with its internal subset) and stray ENTITY/ELEMENT declarations: removed, never interpreted. */
  private declaration(): string | null {
    const t = this.text;
    let i = this.pos + 2;
    let bracket = 0;
    while (i < t.length) {
      const c = t.charAt(i);
      if (c === '"' || c === "'") {
        const close = t.indexOf(c, i + 1);
        i = close < 0 ? t.length : close + 1;
        continue;
      }
      if (c === '[') bracket += 1;
      else if (c === ']') bracket = Math.max(0, bracket - 1);
      else if (c === '>' && bracket === 0) break;
      i += 1;
    }
    this.pos = Math.min(t.length, i + 1);
    this.warnings.add('removed a DOCTYPE or entity declaration (entities are never expanded, external DTDs never fetched)');
    return null;
  }

  /**
   * Finds the end of a tag starting at `this.pos`, skipping quoted attribute values; -1 when the tag is broken.
   * A `<` anywhere before the end (XML forbids it in attribute values too) ends the scan, so no character is
   * scanned by more than one tag and the pass stays linear however the quotes are arranged.
   */
  private tagEnd(): number {
    const t = this.text;
    let quote = '';
    for (let i = this.pos + 1; i < t.length; i += 1) {
      const c = t.charAt(i);
      if (c === '<') return -1;
      if (quote !== '') {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === '>') {
        return i;
      }
    }
    return -1;
  }

  private strayLessThan(): null {
    this.emitText('<');
    this.warnings.add("escaped '<' that does not start a tag");
    this.pos += 1;
    return null;
  }

  private startTag(): string | null {
    const end = this.tagEnd();
    if (end < 0) return this.strayLessThan();
    const parsed = parseStartTag(this.text.slice(this.pos, end + 1));
    if (parsed === null) return this.strayLessThan();
    this.pos = end + 1;
    const { name, selfClosing } = parsed;
    if (this.rootClosed) return this.junk(name);
    if (parsed.repaired) this.warnings.add('repaired malformed attributes (unquoted, without value or repeated)');
    if (this.root === null) {
      this.root = { name, writtenName: parsed.writtenName, attributes: parsed.attributes, childNames: this.rootChildren };
    } else if (this.stack.length === 1 && this.rootChildren.size < 64) this.rootChildren.add(name);
    if (this.skipDepth === null && this.isItem(name) && this.beyondItemLimit(selfClosing)) return null;
    this.markBareAtomLink(parsed);
    const tag = serializeStartTag(parsed, this.repairs);
    this.write(tag);
    if (this.textElement !== null) {
      this.textElement.hasChild = true;
      this.textElement.html.push(tag);
    }
    if (selfClosing) return this.afterClose();
    this.stack.push(name);
    this.openNames.set(name, (this.openNames.get(name) ?? 0) + 1);
    if (this.stack.length > MAX_DEPTH) return `elements nested deeper than ${MAX_DEPTH} levels`;
    if (this.textElement === null && this.skipDepth === null && this.isTextElement(name)) {
      this.textElement = { mark: this.out.length, depth: this.stack.length, html: [], hasChild: false };
    }
    return null;
  }

  /** An RSS item or Atom entry: a child of the root or of the channel. */
  private isItem(name: string): boolean {
    return this.stack.length <= 2 && /(^|:)(item|entry)$/.test(name);
  }

  /**
   * Counts items; past the limit, the item is left out of the output (a self-closing one right away, any other
   * until its end tag), so a 500,000-item feed costs the XML parser no more than its first items.
   */
  private beyondItemLimit(selfClosing: boolean): boolean {
    this.itemCount += 1;
    if (this.itemCount <= this.maxItems) return false;
    this.skippedItems += 1;
    // An item with content is skipped until its end tag; a self-closing one is simply not written.
    if (!selfClosing) this.skipDepth = this.stack.length + 1;
    return selfClosing;
  }

  private write(markup: string): void {
    if (this.skipDepth === null) this.out.push(markup);
  }

  private isTextElement(name: string): boolean {
    const local = this.formatLocalName(name);
    if (TEXT_ELEMENTS.has(local)) return true;
    return RSS_TEXT_ELEMENTS.has(local) && this.root !== null && !/(^|:)feed$/.test(this.root.name);
  }

  /**
   * The name without the prefix the document writes its own format with (`rss:title` under `<rss:rss>`, or under
   * an `<x:channel>`), so that such a title is a text element too. Extension prefixes are kept: `media:content`
   * is not Atom's content.
   */
  private formatLocalName(name: string): string {
    const colon = name.indexOf(':');
    if (colon < 0 || this.root === null) return name;
    const prefix = name.slice(0, colon + 1);
    const ownPrefix = /^[^:]+:(rss|feed)$/.test(this.root.name) && this.root.name.startsWith(prefix);
    return ownPrefix || this.rootChildren.has(`${prefix}channel`) ? name.slice(colon + 1) : name;
  }

  /**
   * Two fixes for Atom `<link>` elements (only in Atom documents: an RSS `<link>` is text by design):
   * - no `rel` means `rel="alternate"` (RFC 4287 §4.2.7.2); it is written out because rss-parser only looks for
   *   an explicit alternate when it picks the feed's link;
   * - that also gives every link an attribute: rss-parser crashes on a `<link>` without any (it reads `.$.rel`).
   */
  private markBareAtomLink(tag: StartTag): void {
    const atom = this.root !== null && /(^|:)feed$/.test(this.root.name);
    if (atom && /(^|:)link$/.test(tag.name) && !tag.attributes.has('rel')) tag.attributes.set('rel', 'alternate');
  }

  private endTag(): string | null {
    const close = this.text.indexOf('>', this.pos);
    const stop = close < 0 ? this.text.length : close + 1;
    const name = canonicalElementName(this.text.slice(this.pos + 2, close < 0 ? stop : close).trim());
    this.pos = stop;
    if (this.rootClosed) return this.junk(name);
    const depth = (this.openNames.get(name) ?? 0) > 0 ? this.stack.lastIndexOf(name) : -1;
    if (depth < 0) {
      this.warnings.add('removed end tags that close no open element');
      return null;
    }
    if (depth < this.stack.length - 1) this.warnings.add('closed elements left open before their parent ended');
    while (this.stack.length > depth) this.closeTop();
    return this.afterClose();
  }

  private closeTop(): void {
    const name = this.stack.pop() ?? '';
    this.openNames.set(name, (this.openNames.get(name) ?? 1) - 1);
    const tag = `</${name}>`;
    if (this.skipDepth !== null) {
      if (this.stack.length < this.skipDepth) this.skipDepth = null;
      return;
    }
    const open = this.textElement;
    if (open !== null && this.stack.length < open.depth) {
      this.finishTextElement(open);
      this.textElement = null;
    } else {
      open?.html.push(tag);
    }
    this.write(tag);
  }

  /** Replaces the children of a text element by one CDATA section holding them as HTML, in document order. */
  private finishTextElement(open: OpenText): void {
    if (!open.hasChild) return;
    this.out.length = open.mark;
    // Mark the start tag, so the adapter knows the element held markup whatever its declared type says.
    const start = this.out[open.mark - 1] ?? '';
    this.out[open.mark - 1] = start.replace(/\/?>$/, (end) => ` ${MARKUP_MARKER}="1"${end}`);
    const html = open.html.join('').replaceAll(']]>', ']]]]><![CDATA[>');
    this.out.push(`<![CDATA[${html}]]>`);
    this.warnings.add('kept markup inside text elements as HTML');
  }

  private afterClose(): string | null {
    if (this.stack.length === 0 && this.root !== null) this.rootClosed = true;
    return null;
  }

  private emitText(text: string): void {
    if (this.root === null || this.rootClosed) {
      this.junk(text);
      return;
    }
    if (this.skipDepth !== null) return;
    const repaired = repairAmpersands(text, this.repairs).replaceAll('<', '&lt;');
    this.out.push(repaired);
    this.textElement?.html.push(repaired);
  }

  private junk(text: string): null {
    if (text.trim() === '') return null;
    this.warnings.add(
      this.root === null ? 'removed text before the root element' : 'removed content after the root element (more than one root element?)',
    );
    return null;
  }

  private closeOpenElements(): void {
    if (this.stack.length === 0) return;
    this.warnings.add(`closed ${this.stack.length} elements left open at the end of the document (truncated feed?)`);
    while (this.stack.length > 0) this.closeTop();
  }
}

/**
 * Repairs the structure of an XML document (see the file comment). Returns the reason as a string when there is
 * nothing to repair into a document (no root element, nesting too deep).
 */
export async function repairStructure(text: string, repairs: CharacterRepairs, maxItems: number): Promise<StructureRepair | string> {
  return new StructureScanner(text, repairs, maxItems).run();
}
