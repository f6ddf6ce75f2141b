/** A database filled by one real `newsdedup run` over the demo corpus, served on loopback: where e2e tests of later commands start. */
import path from 'node:path';
import { startDemoServer, type DemoServer } from '../../src/demo/demo-server.js';
import { runCli, tempDir, type CliResult } from './cli.js';
import { writeLoopbackConfig } from './feeds-config.js';

/** The demo server, the temp dir with its feeds.yaml and news.db, and how the first run went. */
export interface DemoRun {
  demo: DemoServer;
  dir: string;
  config: string;
  dbFile: string;
  first: CliResult;
  /** Stops the server and removes the temp dir. */
  close(): Promise<void>;
}

/** Starts the demo server and runs `newsdedup run` once against it; throws (with its stderr) when that run fails. */
export async function startDemoRun(): Promise<DemoRun> {
  const demo = await startDemoServer();
  const tmp = tempDir();
  const close = async () => {
    await demo.close();
    tmp.cleanup();
  };
  const config = writeLoopbackConfig(tmp.dir, demo.feeds);
  const first = await runCli(['run', '--config', config]);
  if (first.code !== 0) {
    await close();
    throw new Error(`the first run over the demo corpus exited with ${first.code}: ${first.stderr.slice(-2000)}`);
  }
  return { demo, dir: tmp.dir, config, dbFile: path.join(tmp.dir, 'news.db'), first, close };
}
