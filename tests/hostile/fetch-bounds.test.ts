import zlib from 'node:zlib';
import type net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/fetch/fetcher.js';
import type { Fetcher } from '../../src/fetch/fetcher.js';
import { startLoopbackServer, startRawServer } from '../helpers/loopback-server.js';
import type { LoopbackServer, RouteHandler } from '../helpers/loopback-server.js';
import { FEED_XML, NO_VALIDATORS, TEST_SETTINGS, expectNextFeedWorks, serveFeed } from '../helpers/fetch-kit.js';

/** 1 MB of concatenated gzip members that inflates to 1 GiB (gzip allows many members in one stream). */
function gzipBomb(): Buffer {
  const member = zlib.gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  return Buffer.concat(Array.from({ length: 1024 }, () => member));
}

let bombs: { gzip: Buffer; deflate: Buffer; br: Buffer; brOfGzip: Buffer };
let good: LoopbackServer;
let server: LoopbackServer;
let fetcher: Fetcher;

function encoded(encoding: string, body: Buffer): RouteHandler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': encoding, 'content-length': body.length });
    res.end(body);
  };
}

beforeAll(async () => {
  const gzip = gzipBomb();
  bombs = {
    gzip,
    deflate: zlib.deflateSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 }),
    br: zlib.brotliCompressSync(Buffer.alloc(64 * 1024 * 1024), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }),
    brOfGzip: zlib.brotliCompressSync(gzip),
  };
  good = await startLoopbackServer({ '/feed': serveFeed });
  server = await startLoopbackServer({
    '/hang': () => undefined,
    '/drip': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write('<'), 100); // a byte every 100 ms: never idle, never done
      res.on('close', () => clearInterval(timer));
    },
    '/endless': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    },
    '/huge-length': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(10 * 1024 ** 3) });
      res.write('<rss>');
    },
    '/reset': (req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(FEED_XML.length) });
      res.write(FEED_XML.subarray(0, 100));
      setTimeout(() => req.socket.destroy(), 20);
    },
    '/gzip-bomb': encoded('gzip', bombs.gzip),
    '/deflate-bomb': encoded('deflate', bombs.deflate),
    '/br-bomb': encoded('br', bombs.br),
    '/stacked-bomb': encoded('gzip, br', bombs.brOfGzip),
    '/stacked-ok': encoded('deflate, gzip, br', zlib.brotliCompressSync(zlib.gzipSync(zlib.deflateSync(FEED_XML)))),
    '/gzip-ok': encoded('gzip', zlib.gzipSync(FEED_XML)),
    '/x-gzip-ok': encoded('x-gzip', zlib.gzipSync(FEED_XML)),
    '/deflate-ok': encoded('deflate', zlib.deflateSync(FEED_XML)),
    '/raw-deflate-ok': encoded('deflate', zlib.deflateRawSync(FEED_XML)),
    '/br-ok': encoded('br', zlib.brotliCompressSync(FEED_XML)),
    '/unknown-encoding': encoded('zstd', FEED_XML),
    '/four-encodings': encoded('gzip, gzip, gzip, gzip', zlib.gzipSync(zlib.gzipSync(zlib.gzipSync(zlib.gzipSync(FEED_XML))))),
    '/corrupt-gzip': encoded('gzip', Buffer.concat([zlib.gzipSync(FEED_XML).subarray(0, 30), Buffer.from('garbage garbage')])),
  });
});

afterAll(async () => {
  await Promise.all([good.close(), server.close()]);
});

afterEach(async () => {
  await expectNextFeedWorks(fetcher, good);
  await fetcher.close();
});

async function codeOf(path: string, settings = {}): Promise<string> {
  fetcher = createFetcher({ ...TEST_SETTINGS, ...settings });
  const result = await fetcher.fetchFeed(`${server.url}${path}`, NO_VALIDATORS);
  return result.ok ? `ok:${result.value.kind}` : result.error.code;
}

describe('time bounds', () => {
  it('headers never sent → timeout', async () => {
    expect(await codeOf('/hang', { headersTimeoutMs: 300 })).toBe('timeout');
  });

  it('a slow drip (a byte every 100 ms) still ends at the total deadline → timeout', async () => {
    fetcher = createFetcher({ ...TEST_SETTINGS, totalTimeoutMs: 700 });
    const result = await fetcher.fetchFeed(`${server.url}/drip`, NO_VALIDATORS);
    expect(result.ok ? '' : result.error.message).toMatch(/^fetch: no complete answer within 700 ms: /);
  });
});

describe('size bounds', () => {
  it('an endless body is cut at the cap → too_large', async () => {
    expect(await codeOf('/endless', { maxBodyBytes: 256 * 1024 })).toBe('too_large');
  });

  it('a 10 GiB Content-Length is refused before reading → too_large', async () => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`${server.url}/huge-length`, NO_VALIDATORS);
    expect(result.ok ? '' : result.error.message).toMatch(/^fetch: Content-Length 10737418240 exceeds the 1048576-byte cap/);
  });

  it('a connection reset mid-body → connection_error, no partial body', async () => {
    expect(await codeOf('/reset')).toBe('connection_error');
  });
});

describe('compression', () => {
  it.each(['/gzip-ok', '/x-gzip-ok', '/deflate-ok', '/raw-deflate-ok', '/br-ok', '/stacked-ok'])('%s decodes to the feed', async (path) => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`${server.url}${path}`, NO_VALIDATORS);
    expect(result.ok && result.value.kind === 'modified' && result.value.resource.body.equals(FEED_XML)).toBe(true);
    expect(server.hits.at(-1)?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it.each(['/gzip-bomb', '/deflate-bomb', '/br-bomb', '/stacked-bomb'])('%s → too_large at the decompressed cap', async (path) => {
    expect(await codeOf(path)).toBe('too_large');
  });

  it('a 1 MB gzip bomb that inflates to 1 GiB never grows memory near its size', async () => {
    const before = process.memoryUsage();
    expect(await codeOf('/gzip-bomb')).toBe('too_large');
    const after = process.memoryUsage();
    expect(after.rss - before.rss).toBeLessThan(256 * 1024 * 1024);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(64 * 1024 * 1024);
  });

  it.each([
    ['/unknown-encoding', 'unsupported Content-Encoding "zstd"'],
    ['/four-encodings', '4 stacked Content-Encodings (at most 3)'],
    ['/corrupt-gzip', 'body does not decode as "gzip"'],
  ])('%s → bad_encoding', async (path, message) => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`${server.url}${path}`, NO_VALIDATORS);
    expect(result.ok ? '' : `${result.error.code}: ${result.error.message}`).toContain(`bad_encoding: fetch: ${message}`);
  });
});

describe('protocol garbage from a raw TCP server', () => {
  const cases: Array<[string, string]> = [
    ['a 100 KB header', `HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-Big: ${'a'.repeat(100_000)}\r\nContent-Length: 5\r\n\r\n<rss>`],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n<rss>\r\n0\r\n\r\n'],
    ['duplicate Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n<rss>'],
    ['Content-Length with Transfer-Encoding', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<rss>\r\n0\r\n\r\n'],
    ['not HTTP at all', 'SSH-2.0-OpenSSH_9.6\r\n\r\n'],
    ['a status line without a code', 'HTTP/1.1 OK\r\n\r\n'],
  ];

  it.each(cases)('%s → protocol_error', async (_name, bytes) => {
    const raw = await startRawServer((socket: net.Socket) => {
      socket.once('data', () => socket.end(bytes));
    });
    try {
      fetcher = createFetcher(TEST_SETTINGS);
      const result = await fetcher.fetchFeed(`${raw.url}/feed`, NO_VALIDATORS);
      expect(result.ok ? 'fetched' : result.error.code).toBe('protocol_error');
    } finally {
      await raw.close();
    }
  });

  it('a server that closes without answering → connection_error', async () => {
    const raw = await startRawServer((socket: net.Socket) => {
      socket.once('data', () => socket.destroy());
    });
    try {
      fetcher = createFetcher(TEST_SETTINGS);
      const result = await fetcher.fetchFeed(`${raw.url}/feed`, NO_VALIDATORS);
      expect(result.ok ? 'fetched' : result.error.code).toBe('connection_error');
    } finally {
      await raw.close();
    }
  });
});
