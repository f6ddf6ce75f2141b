/**
 * Query parameters of the pages and the API, validated at the edge: an unknown, repeated or malformed parameter is a
 * 400 whose message names the parameter, what was expected and what was received.
 */
import { parseDuration } from '../config/config.js';
import { WebError } from './web-error.js';

/** The query parameter that carries the access token; accepted (and ignored here) on every route. */
export const TOKEN_PARAMETER = 'token';

/** Reads a parsed query string into single values, refusing parameters the route does not know and repeated ones. */
export function readQuery(query: unknown, allowed: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  if (query === null || typeof query !== 'object') return values;
  for (const [name, value] of Object.entries(query)) {
    if (name === TOKEN_PARAMETER) continue;
    if (!allowed.includes(name)) {
      const known = allowed.length === 0 ? 'this page takes no parameters' : `expected one of ${allowed.join(', ')}`;
      throw new WebError('bad_parameter', `unknown parameter "${name}": ${known}`);
    }
    if (typeof value !== 'string') throw new WebError('bad_parameter', `parameter "${name}" given more than once: give it once`);
    // An empty value (a form's "any" choice) means the parameter is not set.
    if (value.trim() !== '') values.set(name, value.trim());
  }
  return values;
}

/** A duration parameter such as `since=24h`; null when absent or `all`. */
export function durationParameter(values: ReadonlyMap<string, string>, name: string): number | null {
  const value = values.get(name);
  if (value === undefined || value === 'all') return null;
  const ms = parseDuration(value);
  if (ms === null || ms <= 0)
    throw new WebError('bad_parameter', `parameter "${name}": expected a duration such as 6h, 24h or 7d, got ${JSON.stringify(value)}`);
  return ms;
}

/** A positive integer parameter within [1, max]; `fallback` when absent. */
export function integerParameter(values: ReadonlyMap<string, string>, name: string, fallback: number, max: number): number {
  const value = values.get(name);
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new WebError('bad_parameter', `parameter "${name}": expected a whole number from 1 to ${max}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/** True for a language tag such as `en` or `pt-BR` (what `lang=` accepts and a `lang` attribute may carry). */
export function isLanguageTag(value: string): boolean {
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value);
}

/** A language code parameter such as `lang=en` or `lang=pt-BR`; null when absent. */
export function languageParameter(values: ReadonlyMap<string, string>, name: string): string | null {
  const value = values.get(name);
  if (value === undefined) return null;
  if (!isLanguageTag(value)) {
    throw new WebError(
      'bad_parameter',
      `parameter "${name}": expected a language code such as en or pt-BR, got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return value;
}

/** A text parameter of at most `maxLength` characters; null when absent. */
export function textParameter(values: ReadonlyMap<string, string>, name: string, maxLength: number): string | null {
  const value = values.get(name);
  if (value === undefined) return null;
  if (value.length > maxLength)
    throw new WebError('bad_parameter', `parameter "${name}": expected at most ${maxLength} characters, got ${value.length}`);
  return value;
}

/** A numeric id in a path such as `/stories/12`. */
export function idParameter(value: string, what: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1) {
    throw new WebError('bad_parameter', `${what} id: expected a positive whole number, got ${JSON.stringify(value.slice(0, 40))}`);
  }
  return Number(value);
}
