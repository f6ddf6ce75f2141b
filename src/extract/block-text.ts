/**
 * Block-aware plain text from a DOM subtree.
 *
 * Readability's `textContent` concatenates text nodes, so "Title" + "Body" becomes "TitleBody"; here every block
 * element starts and ends a line, `<br>` breaks a line, table cells are separated by a space, and whitespace
 * inside a line collapses to one space. The walk is iterative so no page depth can overflow the stack.
 */

/** Elements that begin and end a line of text. */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'body',
  'html',
  'legend',
  'menu',
]);

/** Elements whose text is never shown. */
const SKIPPED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Block-aware text of `root` (see the module comment), NFC-normalized. */
export function blockText(root: Node): string {
  const pieces: string[] = [];
  const stack: Array<Node | 'newline'> = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    if (item === 'newline') {
      pieces.push('\n');
      continue;
    }
    visit(item, pieces, stack);
  }
  return normalizeText(pieces.join(''));
}

function visit(node: Node, pieces: string[], stack: Array<Node | 'newline'>): void {
  if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
    const value = node.nodeValue ?? '';
    // Line breaks in the source are just whitespace, except inside <pre>.
    pieces.push(value.includes('\n') && !insidePre(node) ? value.replace(/[\r\n]+/g, ' ') : value);
    return;
  }
  if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 9 && node.nodeType !== 11) return;
  const name = node.nodeName.toLowerCase();
  if (SKIPPED_ELEMENTS.has(name)) return;
  if (name === 'br') {
    pieces.push('\n');
    return;
  }
  const isBlock = BLOCK_ELEMENTS.has(name);
  pieces.push(isBlock ? '\n' : name === 'td' || name === 'th' ? ' ' : '');
  if (isBlock) stack.push('newline');
  // Children are pushed in reverse so they pop in document order.
  for (let child = node.lastChild; child !== null; child = child.previousSibling) stack.push(child);
}

/** Whether a node is inside a `<pre>`: a walk up, as `closest('pre')` would run jsdom's whole selector engine. */
function insidePre(node: Node): boolean {
  for (let parent = node.parentElement; parent !== null; parent = parent.parentElement) if (parent.localName === 'pre') return true;
  return false;
}

/**
 * Collapses whitespace within lines, trims lines, drops empty lines, and NFC-normalizes. Used for every text
 * the extractor returns (page, JSON-LD, feed), so all methods produce the same shape.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .split(/\n|\r\n?|\u2028|\u2029/)
    .map((line) => line.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
