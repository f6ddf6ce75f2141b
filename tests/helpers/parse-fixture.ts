/** Reads a parse fixture (tests/fixtures/parse/<case>/feed.xml|json) as the fetch stage would decode it. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBody } from '../../src/shared/decode-body.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/parse/', import.meta.url));

/** The decoded text of a fixture case. */
export function loadFixture(name: string): string {
  const xml = path.join(FIXTURES, name, 'feed.xml');
  const file = existsSync(xml) ? xml : path.join(FIXTURES, name, 'feed.json');
  return decodeBody(readFileSync(file), null, 'xml').text;
}

/** The URL fixtures are parsed as if fetched from. */
export const FIXTURE_URL = 'https://fetched.example/feed.xml';

/** The clock fixtures are parsed with. */
export const FIXTURE_NOW = new Date('2025-01-01T00:00:00Z');
