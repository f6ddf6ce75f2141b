import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseDuration, parseSize } from '../../src/config/config.js';

const FILE = '/srv/news/feeds.yaml';

function errorOf(yaml: string): string {
  try {
    parseConfig(yaml, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('fills every default and resolves the database next to the config file', () => {
    const config = parseConfig('feeds:\n  - name: world\n    url: https://example.org/world.xml\n', FILE);
    expect(config.database).toBe('/srv/news/storage/news.db');
    expect(config.feeds).toEqual([
      {
        name: 'world',
        url: 'https://example.org/world.xml',
        outlet: 'world',
        tags: [],
        intervalMs: 15 * 60_000,
        userAgent: config.userAgent,
        headers: {},
        allowNetworks: [],
        fetchArticles: true,
        enabled: true,
      },
    ]);
    expect(config.fetch).toMatchObject({
      maxBodyBytes: 15 * 1024 * 1024,
      perHostConcurrency: 1,
      maxRedirects: 5,
      respectRobots: true,
      feedsInFlight: 56,
    });
    expect(config.maxItemsPerFeed).toBe(200);
  });

  it('takes feeds_in_flight, and rejects one that is not a positive integer', () => {
    const feeds = 'feeds:\n  - name: world\n    url: https://example.org/world.xml\n';
    expect(parseConfig(`fetch:\n  feeds_in_flight: 200\n${feeds}`, FILE).fetch.feedsInFlight).toBe(200);
    expect(errorOf(`fetch:\n  feeds_in_flight: 0\n${feeds}`)).toMatch(/fetch\.feeds_in_flight/);
  });

  it('applies per-feed settings over the globals, and merges allowlists', () => {
    const config = parseConfig(
      [
        'allow_networks: [10.0.0.0/8]',
        'user_agent: global-agent',
        'defaults: { interval: 20m }',
        'feeds:',
        '  - name: intranet',
        '    url: http://news.corp.example/feed',
        '    outlet: Corp News',
        '    interval: 2h',
        '    user_agent: feed-agent',
        '    headers: { Authorization: Bearer x }',
        '    allow_networks: ["192.168.1.10"]',
        '  - name: plain',
        '    url: https://example.org/feed',
      ].join('\n'),
      FILE,
    );
    expect(config.feeds[0]).toMatchObject({
      outlet: 'Corp News',
      intervalMs: 2 * 3_600_000,
      userAgent: 'feed-agent',
      headers: { Authorization: 'Bearer x' },
      allowNetworks: ['10.0.0.0/8', '192.168.1.10'],
    });
    expect(config.feeds[1]).toMatchObject({ intervalMs: 20 * 60_000, userAgent: 'global-agent', allowNetworks: ['10.0.0.0/8'] });
  });

  it.each([
    ['an unknown top-level key', 'feeds: []\ncolour: blue\n', 'feeds.yaml:2:1: colour: unknown key'],
    [
      'an unknown feed key',
      'feeds:\n  - name: a\n    url: https://example.org/f\n    intervall: 5m\n',
      'feeds.yaml:4:5: feeds[0].intervall: unknown key',
    ],
    ['a bad URL', 'feeds:\n  - name: a\n    url: not a url\n', 'feeds.yaml:3:10: feeds[0].url: expected an http(s) URL, got "not a url"'],
    [
      'a wrong type',
      'feeds:\n  - name: a\n    url: https://example.org/f\n    tags: world\n',
      'feeds.yaml:4:11: feeds[0].tags: expected array, got "world"',
    ],
    [
      'a number where a duration is expected',
      'defaults:\n  interval: 15\nfeeds: []\n',
      'feeds.yaml:2:13: defaults.interval: expected a duration such as "15m", "2h" or "90s" (default interval), got number 15',
    ],
    ['a missing feeds list', 'database: x.db\n', 'feeds.yaml:1:1: feeds: required: expected a list of feeds'],
    ['a missing url', 'feeds:\n  - name: a\n', 'feeds.yaml:2:5: feeds[0].url: required: expected an http(s) URL'],
    [
      'a bad network',
      'allow_networks: [10.0.0.0/33]\nfeeds: []\n',
      'feeds.yaml:1:18: allow_networks[0]: expected an address or CIDR such as "10.0.0.0/8" or "::1/128", got "10.0.0.0/33"',
    ],
    [
      'duplicate feed names',
      'feeds:\n  - name: a\n    url: https://example.org/1\n  - name: a\n    url: https://example.org/2\n',
      'feeds.yaml:4:11: feeds[1].name: duplicate feed name "a"',
    ],
    [
      'broken YAML',
      'feeds: [\n',
      'feeds.yaml:2:1: (yaml): Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  ])('reports %s with the key, what was expected and the line', (_case, yaml, message) => {
    expect(errorOf(yaml)).toBe(`config: ${message}`);
  });

  it('reports every problem at once, in line order', () => {
    expect(errorOf('colour: blue\nfeeds:\n  - name: ""\n    url: ftp://x\n').split('\n')).toEqual([
      'config: feeds.yaml:1:1: colour: unknown key',
      'feeds.yaml:3:11: feeds[0].name: expected a non-empty name, got ""',
      'feeds.yaml:4:10: feeds[0].url: expected an http(s) URL, got "ftp://x"',
    ]);
  });
});

describe('durations and sizes', () => {
  it.each([
    ['500ms', 500],
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1.5h', 5_400_000],
    ['15', null],
    ['m', null],
    ['-5m', null],
  ])('parseDuration(%j) = %j', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each([
    ['15MB', 15 * 1024 ** 2],
    ['512 KiB', 512 * 1024],
    [1048576, 1048576],
    ['1048576', 1048576],
    ['lots', null],
    [-1, null],
  ])('parseSize(%j) = %j', (text, bytes) => expect(parseSize(text)).toBe(bytes));
});
