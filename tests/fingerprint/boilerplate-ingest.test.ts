import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintText } from '../../src/fingerprint/fingerprint-text.js';
import type { Ingester, IngestCounts } from '../../src/pipeline/ingest.js';
import type { ArticleInput } from '../../src/model.js';
import type { Database } from '../../src/store/database.js';
import { articleInput } from '../helpers/article-input.js';
import { defaultIngester, ingestBatch } from '../helpers/ingest.js';
import { openTempDatabase, type TempDatabase } from '../helpers/temp-db.js';

/** What some sites' pages extract to when the article did not load: only their notification widget. */
const WIDGET = [
  'Close',
  'Your notification has been saved.',
  'There was a problem saving your notification.',
  'Email notifications are only sent once a day, and only if there are new matching items.',
  'Please enable Javascript to watch this video',
].join('\n');

const day = (n: number): string => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString();

const STORY = [
  'A man was shot and wounded on Harbor Street late on Tuesday night, the county sheriff said on Wednesday morning.',
  'Deputies found the 34-year-old near a parked van with a gunshot wound to the leg and took him to the regional hospital.',
  'Investigators said two people were seen running toward the river path and asked neighbours for camera footage.',
  'No arrests had been made by Wednesday afternoon, and the sheriff asked anyone with information to call the tip line.',
].join('\n');

function article(key: string, source: string, title: string, text: string, publishedAt: string): ArticleInput {
  return articleInput(key, { source, externalId: key, url: `https://${source}.example/${key}`, title, text, lang: 'en', publishedAt });
}

describe('ingest drops boilerplate lines learned from the stream before fingerprinting', () => {
  let store: TempDatabase;
  let db: Database;
  let ingester: Ingester;

  beforeEach(() => {
    store = openTempDatabase();
    db = store.db;
    ingester = defaultIngester(db, store.dir);
  });
  afterEach(() => store.close());

  const ingest = (input: ArticleInput): IngestCounts => ingestBatch(db, ingester, [input], new Date(input.publishedAt ?? day(0)));
  const row = (key: string) =>
    db
      .prepare<[string], { id: number; group: number; text: string; textHash: string; version: number; indexHash: string }>(
        `SELECT a.id, a.duplicate_group_id AS "group", a.text, a.text_hash AS textHash, a.version, f.text_hash AS indexHash
         FROM articles a JOIN article_fingerprints f ON f.article_id = a.id WHERE a.item_key = ?`,
      )
      .get(key);
  const groupOf = (key: string): number => row(key)?.group ?? -1;

  /** Widget-only pages of five outlets about five shootings, days 0, 4, 8, 12 and 16. */
  function widgetPages(): void {
    const towns = ['Akron', 'Dayton', 'Toledo', 'Canton', 'Parma'];
    towns.forEach((town, i) => ingest(article(`w${i}`, `outlet-${i}`, `Man shot in ${town} parking lot`, WIDGET, day(i * 4))));
  }

  it('does not group widget-only pages of different events once the template is known', () => {
    widgetPages();
    // Before the rule can know the template (3 earlier articles over 7 days), the widget pages are copies.
    expect(groupOf('w1')).toBe(groupOf('w0'));
    expect(groupOf('w2')).toBe(groupOf('w0'));
    // Day 12: seen on days 0, 4 and 8: boilerplate. What is left is nothing, so the page is fingerprinted by its title.
    expect(groupOf('w3')).not.toBe(groupOf('w0'));
    expect(groupOf('w4')).not.toBe(groupOf('w0'));
    expect(groupOf('w4')).not.toBe(groupOf('w3'));
    const size = db.prepare<[number], number>('SELECT size FROM duplicate_groups WHERE id = ?').pluck();
    expect([size.get(groupOf('w3')), size.get(groupOf('w4'))]).toEqual([1, 1]);
  });

  it('still groups wire copies: the same story from three outlets on one day, with and without the widget', () => {
    widgetPages();
    ingest(article('wire-a', 'outlet-a', 'Man shot on Harbor Street', STORY, day(20)));
    ingest(article('wire-b', 'outlet-b', 'Harbor Street shooting leaves man wounded', `${STORY}\n${WIDGET}`, day(20)));
    ingest(article('wire-c', 'outlet-c', 'Sheriff: man shot on Harbor Street', `${WIDGET}\n${STORY}`, day(20)));
    expect(groupOf('wire-b')).toBe(groupOf('wire-a'));
    expect(groupOf('wire-c')).toBe(groupOf('wire-a'));
    expect(groupOf('wire-a')).not.toBe(groupOf('w4'));
  });

  it('keeps the stored text complete and the change hash of the full text; only the index sees the cleaned text', () => {
    widgetPages();
    const text = `${STORY}\n${WIDGET}`;
    expect(ingest(article('story', 'outlet-a', 'Man shot on Harbor Street', text, day(20))).inserted).toBe(1);
    const stored = row('story');
    expect(stored?.text).toBe(text);
    expect(stored?.textHash).toBe(fingerprintText(text).textHash);
    expect(stored?.indexHash).not.toBe(stored?.textHash);
  });

  it('counts an unchanged article as unchanged after its lines became boilerplate (no new version)', () => {
    const text = `${STORY}\n${WIDGET}`;
    const first = article('early', 'outlet-a', 'Man shot on Harbor Street', text, day(0));
    expect(ingest(first).inserted).toBe(1);
    widgetPages();
    const again = ingest(first);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(row('early')).toMatchObject({ text, version: 1, textHash: fingerprintText(text).textHash });
  });

  it('cleans an update the same way and keeps the full new text', () => {
    ingest(article('early', 'outlet-a', 'Man shot on Harbor Street', STORY, day(0)));
    widgetPages();
    const updatedText = `${STORY}\nA suspect was arrested on Thursday evening after a traffic stop on the bridge.\n${WIDGET}`;
    const counts = ingest(article('early', 'outlet-a', 'Man shot on Harbor Street', updatedText, day(21)));
    expect(counts.updated).toBe(1);
    const stored = row('early');
    expect(stored).toMatchObject({ text: updatedText, version: 2, textHash: fingerprintText(updatedText).textHash });
    // The widget's long lines are gone; its short "Close" is kept (too short to be judged).
    const cleaned = `${STORY}\nA suspect was arrested on Thursday evening after a traffic stop on the bridge.\nClose`;
    expect(stored?.indexHash).toBe(fingerprintText(cleaned).textHash);
  });
});
