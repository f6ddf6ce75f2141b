/**
 * `newsdedup serve` as a process: it refuses unsafe addresses, requires the token from feeds.yaml, and keeps serving
 * while a run writes the database (never blocking it, showing what it wrote without a restart).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, tempDir } from '../helpers/cli.js';
import { startServe, type ServeProcess } from './serve-process.js';
import { buildWebFixture, type WebFixture } from './web-fixture.js';

const TOKEN = 'fixture-token-0123456789abcdef';

describe('newsdedup serve', () => {
  let tmp: ReturnType<typeof tempDir>;
  let fixture: WebFixture;
  let serve: ServeProcess | undefined;

  beforeAll(async () => {
    tmp = tempDir('newsdedup-serve-');
    fixture = await buildWebFixture(tmp.dir, { authToken: TOKEN });
  });
  afterAll(async () => {
    await serve?.stop();
    await fixture?.close();
    tmp?.cleanup();
  });

  it('refuses a non-loopback address without a token, and a short token (exit 2, a clear message)', async () => {
    const bare = path.join(tmp.dir, 'bare.yaml');
    writeFileSync(bare, 'feeds: []\n');
    const open = await runCli(['serve', '--host', '0.0.0.0', '--config', bare]);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain(
      '0.0.0.0 is not a loopback address: refusing to serve it without --auth-token (or serve.auth_token in feeds.yaml)',
    );
    const short = await runCli(['serve', '--auth-token', 'secret', '--config', bare]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('expected a token of at least 16 characters');
    const port = await runCli(['serve', '--port', '70000', '--config', bare]);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('expected a port from 0 to 65535, got "70000"');
  });

  it('listens on 127.0.0.1 and requires the token from feeds.yaml', async () => {
    serve = await startServe(['--config', fixture.config]);
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${serve.url}/api/stories`)).status).toBe(401);
    const allowed = await fetch(`${serve.url}/api/stories`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toHaveLength(3);
  });

  it('serves every request while a run writes, and shows the new story without a restart', async () => {
    const url = serve?.url ?? '';
    const headers = { authorization: `Bearer ${TOKEN}` };
    fixture.publishLate();
    const run = startCli(['run', '--force', '--feed', 'coast', 'inland', '--config', fixture.config]);
    let running = true;
    void run.done.then(() => (running = false));
    const statuses: number[] = [];
    while (running) {
      for (const route of ['/', '/api/stories', '/feeds', '/api/search?q=flood'])
        statuses.push((await fetch(`${url}${route}`, { headers })).status);
    }
    const result = await run.done;
    // The run was never blocked: no lock held by the server, no busy database.
    expect(result.code, result.stderr).toBe(0);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const stories = (await (await fetch(`${url}/api/stories`, { headers })).json()) as Array<{ headline: string }>;
    expect(stories.map((story) => story.headline)).toContain('Comet discovery confirmed by Mount Esker observatory');
  });

  it('stops cleanly on SIGTERM', async () => {
    serve?.cli.child.kill('SIGTERM');
    const result = await serve?.cli.done;
    serve = undefined;
    expect(result?.code).toBe(0);
    expect(result?.stderr).toContain('"serve_stopped"');
  });
});
