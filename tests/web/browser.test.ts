/**
 * End to end in a real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; no browser is
 * downloaded): the demo database built by `newsdedup demo`, served by `newsdedup serve`, read like a person would.
 * Saves the README's screenshots into docs/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/cli.js';
import { buildDemoDatabase, expectedMultiOutletStories } from './demo-db.js';
import { startServe, type ServeProcess } from './serve-process.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const DOCS = path.join(REPO_ROOT, 'docs');

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'the demo in a real browser'
    : `the demo in a real browser: SKIPPED, ${CHROMIUM} is absent (apt-get install chromium; .ci/run does)`,
  () => {
    let tmp: ReturnType<typeof tempDir>;
    let serve: ServeProcess;
    let browser: Browser;
    const requests: string[] = [];

    beforeAll(async () => {
      tmp = tempDir('newsdedup-browser-');
      const { config } = await buildDemoDatabase(tmp.dir);
      serve = await startServe(['--config', config]);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      });
      mkdirSync(DOCS, { recursive: true });
    });
    afterAll(async () => {
      await browser?.close();
      await serve?.stop();
      tmp?.cleanup();
    });

    async function open(width: number): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        locale: 'en-GB',
        timezoneId: 'Europe/Berlin',
        colorScheme: 'light',
      });
      const page = await context.newPage();
      page.on('request', (request) => requests.push(request.url()));
      return { context, page };
    }

    it("lists the multi-outlet stories of the demo in rank order, with times in the reader's zone", async () => {
      const { context, page } = await open(1400);
      const response = await page.goto(`${serve.url}/`);
      expect(response?.status()).toBe(200);
      const rows = await page.locator('ol.stories > li .outlets').allTextContents();
      const listed = rows
        .map((text) => /^(\d+) outlets?: (.*)$/.exec(text.trim()))
        .filter((match): match is RegExpExecArray => match !== null && Number(match[1]) >= 2)
        .map((match) => (match[2] ?? '').split(', '));
      expect(listed).toEqual(expectedMultiOutletStories().map((story) => story.outlets));
      expect(listed.length).toBe(5);
      // The script rewrote the first <time> into Berlin time (UTC+1 in November); the tooltip keeps UTC.
      const time = page.locator('ol.stories time').first();
      expect(await time.getAttribute('data-local')).toBe('true');
      expect(await time.getAttribute('title')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
      expect(await time.textContent()).not.toContain('UTC');
      await page.screenshot({ path: path.join(DOCS, 'stories.png'), fullPage: true });
      await context.close();
    });

    it('opens the story with the wire copies: its outlets, and the copies folded under one article', async () => {
      const { context, page } = await open(1400);
      await page.goto(`${serve.url}/`);
      const wire = expectedMultiOutletStories().find((story) => story.wire);
      expect(wire).toBeDefined();
      await page.locator('ol.stories > li', { hasText: '3 copies folded' }).locator('h2 a').click();
      await expect.poll(() => page.url()).toMatch(/\/stories\/\d+$/);
      expect(await page.locator('h1').textContent()).toContain('Valcrest Rail');
      const outlets = await page.locator('.story-page > .outlets').textContent();
      expect(outlets).toContain(`4 outlets, 4 articles, 3 copies folded: ${wire?.outlets.join(', ')}`);
      const members = page.locator('ol.coverage > li');
      expect(await members.count()).toBe(1);
      const copies = await members.first().locator('ul.copies > li > a:not(.out)').allTextContents();
      expect(copies.sort()).toEqual(wire?.outlets.filter((name) => name !== 'The Harbour Gazette'));
      // One lane per outlet in the chart; a mark per article, hollow for the copies.
      expect(await page.locator('svg.chart.wide circle.original').count()).toBe(1);
      expect(await page.locator('svg.chart.wide circle.copy').count()).toBe(3);
      await context.close();
    });

    it('shows a five-outlet story page, and both pages at 375 px without sideways scrolling', async () => {
      const { context, page } = await open(1400);
      await page.goto(`${serve.url}/`);
      await page.locator('ol.stories > li').first().locator('h2 a').click();
      await expect.poll(() => page.url()).toMatch(/\/stories\/\d+$/);
      const storyUrl = page.url();
      expect(await page.locator('ol.coverage > li').count()).toBe(5);
      expect(await page.locator('svg.chart.wide circle.original').count()).toBe(5);
      const outbound = await page.locator('a.out').evaluateAll((links) => links.map((link) => link.getAttribute('rel')));
      expect(outbound.length).toBeGreaterThan(0);
      expect(new Set(outbound)).toEqual(new Set(['noopener noreferrer']));
      await page.screenshot({ path: path.join(DOCS, 'story.png'), fullPage: true });
      await context.close();

      const narrow = await open(375);
      for (const [url, file] of [
        [`${serve.url}/`, 'stories-375.png'],
        [storyUrl, 'story-375.png'],
      ] as const) {
        await narrow.page.goto(url);
        const overflow = await narrow.page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect(overflow).toBe(0);
        await narrow.page.screenshot({ path: path.join(DOCS, file), fullPage: true });
      }
      await narrow.context.close();
    });

    it('searches from the header box and finds the flash flood articles with highlighted snippets', async () => {
      const { context, page } = await open(1400);
      await page.goto(`${serve.url}/`);
      await page.locator('header input[type="search"]').fill('Tessel Brook');
      await page.locator('header button[type="submit"]').click();
      await expect.poll(() => page.url()).toContain('/search?q=Tessel+Brook');
      const titles = await page.locator('ol.results h2').allTextContents();
      expect(titles.length).toBeGreaterThanOrEqual(2);
      expect(titles.join('\n')).toContain('Dunhallow');
      expect(await page.locator('ol.results mark').count()).toBeGreaterThan(0);
      await context.close();
    });

    it('opens the feeds page: every demo feed fetched and healthy', async () => {
      const { context, page } = await open(1400);
      await page.goto(`${serve.url}/feeds`);
      const statuses = await page.locator('tbody tr td:nth-of-type(1)').allTextContents();
      expect(statuses).toEqual(Array(6).fill('ok'));
      await context.close();
    });

    it('follows prefers-color-scheme: dark colours for a dark-mode reader', async () => {
      const colours: string[] = [];
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme });
        const page = await context.newPage();
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(`${serve.url}/`);
        colours.push(String(await page.evaluate('getComputedStyle(document.body).backgroundColor')));
        await context.close();
      }
      expect(colours).toEqual(['rgb(251, 251, 248)', 'rgb(20, 20, 19)']);
    });

    it('made no request outside the server', () => {
      expect(requests.length).toBeGreaterThan(10);
      expect(requests.filter((url) => !url.startsWith(`${serve.url}/`))).toEqual([]);
    });
  },
);
