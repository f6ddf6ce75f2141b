/** Starts `newsdedup serve` as a real child process (as people run it) and reads the URL it listens on. */
import { logLines, startCli, type RunningCli } from '../helpers/cli.js';

/** A running `newsdedup serve`. */
export interface ServeProcess {
  cli: RunningCli;
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41235`. */
  url: string;
  /** Stops it with SIGTERM and waits for it to end. */
  stop(): Promise<void>;
}

/** Runs `node dist/cli.js serve --port 0 ...args` and resolves once it listens (rejects if it exits first). */
export async function startServe(args: readonly string[]): Promise<ServeProcess> {
  const cli = startCli(['serve', '--port', '0', ...args]);
  let stderr = '';
  cli.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await cli.waitFor('"serve_listening"');
  const url = logLines(stderr).find((line) => line['msg'] === 'serve_listening')?.['url'];
  if (typeof url !== 'string') {
    cli.child.kill('SIGKILL');
    const result = await cli.done;
    throw new Error(`serve did not start (exit ${result.code}): ${result.stderr}`);
  }
  return {
    cli,
    url,
    stop: async () => {
      cli.child.kill('SIGTERM');
      await cli.done;
    },
  };
}
