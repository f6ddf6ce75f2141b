import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  defaultDataRoot,
  hostOf,
  loadDatasets,
  loadEcbPlus,
  loadEventArticles,
  loadSemEval,
  loadUci,
  parseDatasetDate,
  replayOrder,
  selectDatasets,
  splitSemEvalText,
  stampUndated,
} from '../../src/eval/datasets.js';
import { needsPaths } from '../helpers/needs.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/eval');

describe('dataset dates and outlets', () => {
  it.each([
    ['2014-01-31', '2014-01-31T00:00:00.000Z'],
    ['2017-09-15T00:00:00', '2017-09-15T00:00:00.000Z'],
    ['2021-10-18T16:15:00-07:00', '2021-10-18T23:15:00.000Z'],
    ['2014-03-10T16:52:50.698000Z', '2014-03-10T16:52:50.698Z'],
  ])('reads %s as UTC %s', (raw, iso) => {
    expect(parseDatasetDate(raw)).toBe(iso);
  });

  it('refuses a date it cannot read', () => {
    expect(parseDatasetDate('yesterday')).toBeNull();
  });

  it('takes the original host out of an archive.org snapshot url', () => {
    expect(hostOf('http://web.archive.org/web/20140330185038/http://www.wnct.com/story/1')).toBe('www.wnct.com');
    expect(hostOf('https://News.Example.com/a')).toBe('news.example.com');
    expect(hostOf('not a url')).toBeNull();
  });
});

describe('loadEventArticles (gva, allsides, giveme5w1h shape)', () => {
  const d = loadEventArticles(path.join(fixtures, 'events'), 'events');

  it('keeps every usable line, with the line number as id where the set has none, and a repeated id suffixed', () => {
    expect(d.articles.map((a) => a.id)).toEqual(['a1', 'line-2', 'a3', 'a4', 'a7', 'a1#2']);
    expect(d.articles.map((a) => a.label)).toEqual(['e1', '7', 'e1', 'e2', 'e3', 'e4']);
    expect(d.dated).toBe(true);
    expect(d.pairs).toBeNull();
  });

  it('uses the source field as the outlet, else the host of the url (unwrapping archive.org), else unknown', () => {
    expect(d.articles.map((a) => a.source)).toEqual(['www.wnct.com', 'q13fox.com', 'www.example.org', 'unknown', 'news.example.com', 'www.wnct.com']);
  });

  it('reads dates as UTC and leaves missing or unreadable ones null', () => {
    expect(d.articles.map((a) => a.time)).toEqual([
      '2014-01-31T00:00:00.000Z',
      '2014-01-30T10:00:00.000Z',
      null,
      '2014-01-29T15:00:00.000Z',
      null,
      '2014-01-31T00:00:00.000Z',
    ]);
  });

  it('reports each skipped line (not JSON, no event) and the unreadable date, with line numbers', () => {
    expect(d.problems.map((p) => [p.line, p.code])).toEqual([
      [5, 'bad_json'],
      [6, 'missing_field'],
      [7, 'bad_date'],
    ]);
    expect(d.problems[1]?.message).toBe('eval: articles.jsonl line 6: expected event_id');
  });

  it('replays in date order, each undated article stamped with the time of the one before it in the file', () => {
    const order = replayOrder(d, 1);
    expect(order.map((a) => a.id)).toEqual(['a4', 'a7', 'line-2', 'a3', 'a1', 'a1#2']);
    expect(order.find((a) => a.id === 'a3')?.time).toBe('2014-01-30T10:00:00.000Z');
    expect(order.find((a) => a.id === 'a7')?.time).toBe('2014-01-29T15:00:00.000Z');
  });
});

describe('stampUndated', () => {
  const a = (id: string, time: string | null) => ({ id, label: id, title: id, text: '', source: 's', lang: 'en', time });

  it('gives leading undated articles the first date in the file, and leaves dated ones alone', () => {
    const out = stampUndated([a('x', null), a('y', '2020-01-02T00:00:00.000Z'), a('z', null), a('w', '2020-01-01T00:00:00.000Z')]);
    expect(out.map((x) => x.time)).toEqual([
      '2020-01-02T00:00:00.000Z',
      '2020-01-02T00:00:00.000Z',
      '2020-01-02T00:00:00.000Z',
      '2020-01-01T00:00:00.000Z',
    ]);
  });

  it('leaves an all-undated list undated', () => {
    expect(stampUndated([a('x', null)]).map((x) => x.time)).toEqual([null]);
  });
});

describe('loadSemEval', () => {
  const d = loadSemEval(path.join(fixtures, 'semeval'));

  it('splits headline and body at the first line break; a text without one is all body', () => {
    expect(d.articles.map((a) => [a.id, a.title, a.lang])).toEqual([
      ['1', 'Erdbeben in Chile', 'de'],
      ['2', '', 'de'],
      ['3', 'Earthquake in Chile', 'en'],
      ['4', '', 'en'],
    ]);
    expect(d.articles[1]?.text).toBe('Starkes Erdbeben erschüttert Chile und die Küste');
    expect(splitSemEvalText('Title\n Body ')).toEqual({ title: 'Title', text: 'Body' });
  });

  it('is undated, without a window, labelled by article id, each article its own outlet unless it names one', () => {
    expect(d.dated).toBe(false);
    expect(d.overrides).toEqual({ windowHours: null });
    expect(d.articles.map((a) => a.label)).toEqual(['1', '2', '3', '4']);
    expect(d.articles.map((a) => a.source)).toEqual(['semeval:1', 'semeval:2', 'semeval:3', 'www.example.com']);
  });

  it('keeps the graded pairs and reports a pair naming a missing article and one without a grade', () => {
    expect(d.pairs?.map((p) => `${p.id1}_${p.id2}:${p.overall}`)).toEqual(['1_2:1', '1_3:1.5', '3_4:4', '2_3:2.5']);
    expect(d.problems.map((p) => [path.basename(p.file), p.line, p.code])).toEqual([
      ['articles.jsonl', 5, 'missing_field'],
      ['pairs.jsonl', 5, 'unknown_article'],
      ['pairs.jsonl', 6, 'missing_field'],
    ]);
  });
});

describe('loadEcbPlus and loadUci on fixtures', () => {
  it('ECB+: first line headline, url host as outlet where there is one, undated', () => {
    const d = loadEcbPlus(path.join(fixtures, 'ecbplus'));
    expect(d.articles.map((a) => [a.title, a.text, a.source, a.label])).toEqual([
      ['Headline one', 'Body one.', 'ecb:1_1ecb', '1_ecb'],
      ['Headline only', '', 'www.bbc.co.uk', '1_plus'],
    ]);
    expect(d.dated).toBe(false);
  });

  it('UCI: headlines only, outlet from source else hostname, replayed in date order', () => {
    const d = loadUci(path.join(fixtures, 'uci'));
    expect(d.articles.map((a) => a.source)).toEqual(['www.latimes.com', 'Los Angeles Times']);
    expect(replayOrder(d, 1).map((a) => a.id)).toEqual(['1', '2']);
  });
});

describe('selecting sets', () => {
  it('accepts all, folder names and aliases, and nothing else', () => {
    expect(selectDatasets('all')).toHaveLength(6);
    expect(selectDatasets('gva-dev').map((d) => d.name)).toEqual(['gva-dev']);
    expect(selectDatasets('semeval').map((d) => d.name)).toEqual(['semeval-dev']);
    expect(selectDatasets('ecbplus').map((d) => d.name)).toEqual(['ecbplus-dev']);
    expect(selectDatasets('nope')).toEqual([]);
  });

  it('names the sets whose folder is absent instead of failing', () => {
    const { datasets, absent } = loadDatasets('all', path.join(fixtures, 'no-such-root'));
    expect(datasets).toEqual([]);
    expect(absent).toHaveLength(6);
  });
});

const root = defaultDataRoot();
const names = ['gva-dev', 'allsides-dev', 'giveme5w1h', 'semeval-dev'];
const sharedSets = needsPaths('the shared sets', names.map((n) => path.join(root, n)));
describe.skipIf(sharedSets.skip)(
  sharedSets.title,
  () => {
    it('loads every article and pair the README counts, without problems beyond the undated', () => {
      const { datasets } = loadDatasets('all', root);
      const by = new Map(datasets.map((d) => [d.name, d]));
      expect(by.get('gva-dev')?.articles).toHaveLength(3207);
      expect(by.get('allsides-dev')?.articles).toHaveLength(673);
      expect(by.get('giveme5w1h')?.articles).toHaveLength(419);
      expect(by.get('semeval-dev')?.articles).toHaveLength(2354);
      expect(by.get('semeval-dev')?.pairs).toHaveLength(1310);
      for (const d of datasets) expect(d.problems, d.name).toEqual([]);
      // The README says 22; the file has 23 articles with a null date.
      expect(by.get('giveme5w1h')?.articles.filter((a) => a.time === null)).toHaveLength(23);
      expect(new Set(by.get('gva-dev')?.articles.map((a) => a.label)).size).toBe(1846);
      for (const d of datasets) expect(new Set(d.articles.map((a) => a.id)).size, d.name).toBe(d.articles.length);
    });
  },
);
