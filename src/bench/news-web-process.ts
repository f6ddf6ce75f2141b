/**
 * The benchmark's loopback web in a process of its own, so that what the pipeline benchmark measures (memory, CPU,
 * the main thread's time) is newsdedup's alone, as in production where the web is elsewhere.
 *
 *   node dist/bench/news-web-process.js FEEDS ITEMS_PER_FEED [HOSTS]   → prints {"feedUrls": [...]} on one line, serves until stdin closes
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startNewsWeb } from './news-web.js';
import { loadParagraphs } from './paragraphs.js';

/** A news web served by a child process. */
export interface RemoteNewsWeb {
  feedUrls: string[];
  close(): Promise<void>;
}

/** Starts the web (by default one host per feed; a wire copy every 10th item) in a child process. */
export async function startNewsWebProcess(feeds: number, itemsPerFeed: number, hosts = feeds): Promise<RemoteNewsWeb> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), String(feeds), String(itemsPerFeed), String(hosts)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`news web process exited with code ${String(code)} before serving`)));
  });
  const { feedUrls } = JSON.parse(first) as { feedUrls: string[] };
  return {
    feedUrls,
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const feeds = Number(process.argv[2] ?? 200);
  const itemsPerFeed = Number(process.argv[3] ?? 50);
  const hosts = Number(process.argv[4] ?? feeds);
  const web = await startNewsWeb({ feeds, itemsPerFeed, paragraphs: loadParagraphs(), wireEvery: 10, hosts });
  process.stdout.write(`${JSON.stringify({ feedUrls: web.feedUrls })}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => {
    void web.close().then(() => process.exit(0));
  });
}
