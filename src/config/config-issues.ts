/**
 * feeds.yaml problems as people read them: each zod issue turned into the key it is about (`feeds[2].url`), what was
 * expected and what was found, and the line and column of its YAML node.
 */
import { isMap, isPair, isScalar, type LineCounter, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';

/** One problem found in feeds.yaml: where, which key, what was expected. */
export interface ConfigIssue {
  line: number | null;
  column: number | null;
  /** Dotted key path, e.g. `feeds[2].url`. */
  key: string;
  message: string;
}

type ZodIssue = z.core.$ZodIssue;

/** A zod issue as the config issues it stands for, each with its key and the line of the YAML node it is about. */
export function toConfigIssues(issue: ZodIssue, root: unknown, lines: LineCounter): ConfigIssue[] {
  const segments = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const keyNode = findKeyNode(root, segments, key);
      return { ...position(keyNode, lines), key: formatPath([...segments, key]), message: 'unknown key' };
    });
  }
  const node = findValueNode(root, segments);
  return [{ ...position(node, lines), key: formatPath(segments), message: describeIssue(issue) }];
}

function describeIssue(issue: ZodIssue): string {
  const got = 'input' in issue ? `, got ${describeValue(issue.input)}` : '';
  // Our own messages ("expected a duration such as …") beat zod's generic ones.
  if (issue.message.startsWith('expected')) return issue.input === undefined ? `required: ${issue.message}` : `${issue.message}${got}`;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `required: expected ${issue.expected}` : `expected ${issue.expected}${got}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}${got}`;
    case 'too_small':
      return `expected ${issue.origin === 'string' ? 'a non-empty string' : `a value ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}`}${got}`;
    case 'too_big':
      return `expected a value ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}${got}`;
    case 'custom':
      return issue.message;
    case 'invalid_union':
      return `expected ${firstLine(issue.message)}${got}`;
    default:
      return `${issue.message}${got}`;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

function formatPath(segments: ReadonlyArray<string | number>): string {
  if (segments.length === 0) return '(top level)';
  return segments.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment), '');
}

/** One issue as a line of the error message: `file:line:column: key: message`. */
export function formatIssue(file: string, issue: ConfigIssue): string {
  const where = issue.line === null ? file : `${file}:${issue.line}${issue.column === null ? '' : `:${issue.column}`}`;
  return `${where}: ${issue.key}: ${issue.message}`;
}

/** The YAML node at a path, or its nearest existing ancestor (so a missing key points at its parent). */
function findValueNode(root: unknown, segments: ReadonlyArray<string | number>): YamlNode | null {
  let node: unknown = root;
  let found: YamlNode | null = isYamlNode(root) ? root : null;
  for (const segment of segments) {
    const next = childNode(node, segment);
    if (!next) break;
    node = next;
    found = next;
  }
  return found;
}

function findKeyNode(root: unknown, segments: ReadonlyArray<string | number>, key: string): YamlNode | null {
  const parent = findValueNode(root, segments);
  if (isMap(parent)) {
    for (const pair of parent.items) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === key) return pair.key;
    }
  }
  return parent;
}

function childNode(node: unknown, segment: string | number): YamlNode | null {
  if (!node || typeof node !== 'object' || !('items' in node) || !Array.isArray(node.items)) return null;
  if (typeof segment === 'number') {
    const item: unknown = node.items[segment];
    return isYamlNode(item) ? item : null;
  }
  for (const pair of node.items) {
    if (isPair(pair) && isScalar(pair.key) && pair.key.value === segment) return isYamlNode(pair.value) ? pair.value : null;
  }
  return null;
}

function isYamlNode(value: unknown): value is YamlNode {
  return typeof value === 'object' && value !== null && 'range' in value;
}

function position(node: YamlNode | null, lines: LineCounter): { line: number | null; column: number | null } {
  const start = node?.range?.[0];
  if (start === undefined) return { line: null, column: null };
  const pos = lines.linePos(start);
  return { line: pos.line, column: pos.col };
}

/** The first line of a (multi-line) message. */
export function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
