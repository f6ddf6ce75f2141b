/**
 * Runs the compiled CLI (dist/cli.js) as a real child process, the way cron does.
 * `npm test` builds first, so dist/ matches src/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/** What a CLI process printed and how it ended. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js ...args` to completion (stdin closed, not a TTY, like cron). */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/** A CLI process still running: signal it with `child.kill(...)`, await `done` for how it ended. */
export interface RunningCli {
  child: ChildProcess;
  done: Promise<CliResult>;
  /** Resolves when stderr has printed `text` at least `times` times (default once), or the process ended. */
  waitFor(text: string, times?: number): Promise<void>;
}

/** Starts `node dist/cli.js ...args` without waiting for it. */
export function startCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ text: string; times: number; resolve: () => void }> = [];
  const seen = (text: string, times: number) => stderr.split(text).length - 1 >= times;
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const waiter of waiters.filter((w) => seen(w.text, w.times))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const waiter of waiters.splice(0)) waiter.resolve();
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    done,
    waitFor: (text, times = 1) =>
      seen(text, times) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ text, times, resolve })),
  };
}

/** Parses the JSON log lines a non-TTY run writes on stderr. */
export function logLines(stderr: string): Array<Record<string, unknown>> {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A fresh temp directory, removed by the returned cleanup. */
export function tempDir(prefix = 'newsdedup-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
