/**
 * Reading xml2js nodes (what rss-parser hands back for custom fields) without trusting their shape.
 * An xml2js element is either a string (text only) or an object with TEXT_KEY (text), `$` (attributes) and one
 * array per child element name.
 */

/**
 * The key xml2js stores an element's text under. Not xml2js's default `_`: rss-parser collapses any node with a
 * string `_` into that string, which would lose the attributes (an Atom title's `type`) of channel-level fields.
 */
export const TEXT_KEY = '#text';

/** An xml2js element value, narrowed from `unknown` only by the functions below. */
export type XmlNode = string | { readonly [key: string]: unknown };

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value));
}

/** The nodes of an element list (xml2js keeps every child element in an array). */
export function nodeList(value: unknown): XmlNode[] {
  if (Array.isArray(value)) return value.filter(isNode);
  return isNode(value) ? [value] : [];
}

/** The text content of a node ('' for an element with attributes only). */
export function nodeText(node: XmlNode): string {
  if (typeof node === 'string') return node;
  const text = node[TEXT_KEY];
  return typeof text === 'string' ? text : '';
}

/** An attribute of a node, or null. */
export function nodeAttr(node: XmlNode, name: string): string | null {
  if (typeof node === 'string') return null;
  const attributes = node['$'];
  if (typeof attributes !== 'object' || attributes === null) return null;
  const value: unknown = Reflect.get(attributes, name);
  return typeof value === 'string' ? value : null;
}

/** The child elements of a node with a given qualified name. */
export function nodeChildren(node: XmlNode, name: string): XmlNode[] {
  return typeof node === 'string' ? [] : nodeList(node[name]);
}

/** The text of the first child element with a given name, or null. */
export function childText(node: XmlNode, name: string): string | null {
  const first = nodeChildren(node, name)[0];
  return first === undefined ? null : nodeText(first);
}

/** The text of the first node of a list, or null when the list is empty. */
export function firstText(value: unknown): string | null {
  const first = nodeList(value)[0];
  return first === undefined ? null : nodeText(first);
}

/** The texts of all nodes of a list. */
export function allTexts(value: unknown): string[] {
  return nodeList(value).map(nodeText);
}

/** Attributes of an element given as the xml2js `$` object, as a map. */
export function attributeMap(value: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (typeof value !== 'object' || value === null) return map;
  for (const [key, attr] of Object.entries(value)) {
    if (typeof attr === 'string') map.set(key, attr);
  }
  return map;
}
