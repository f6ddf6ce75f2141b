/**
 * A V8 CPU profile (`node --cpu-prof`) summarised by source file: self time per file as a share of the profile's
 * busy samples (idle left out), so "where does import's CPU go" reads as a short table.
 *   node dist/bench/profile-summary.js FILE.cpuprofile [--top 15]
 * dist/…/x.js is named as its source src/…/x.ts; a dependency by its package; V8's own entries
 * ("(garbage collector)", "(program)") as they are.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REPO_ROOT } from './paragraphs.js';

/** A node of the profile's call tree (only the fields read here). */
interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string; lineNumber: number };
}

/** What `--cpu-prof` writes (only the fields read here). */
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One file's self time. */
export interface FileShare {
  file: string;
  ms: number;
  share: number;
}

/** A profile's summary: the sampled total (idle left out) and self time by file and by function. */
export interface ProfileSummary {
  totalMs: number;
  files: FileShare[];
  /** `file function:line` (the line in the compiled JavaScript), biggest first. */
  functions: FileShare[];
}

/** Self time per file and per function, biggest first, and the sampled total in ms. */
export function summariseProfile(file: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)?.callFrame ?? { url: '', functionName: '(unknown)', lineNumber: -1 };
    const name = fileName(frame);
    // A sample's time is the delta to the next one (V8 records the delta before each sample).
    const delta = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    byFile.set(name, (byFile.get(name) ?? 0) + delta);
    if (name !== '(idle)') {
      const key = name.startsWith('(') ? name : `${name} ${frame.functionName || '(anonymous)'}:${frame.lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + delta);
    }
  });
  byFile.delete('(idle)');
  const totalMs = [...byFile.values()].reduce((sum, value) => sum + value, 0);
  const shares = (map: Map<string, number>) =>
    [...map].map(([name, value]) => ({ file: name, ms: value, share: value / totalMs })).sort((a, b) => b.ms - a.ms);
  return { totalMs, files: shares(byFile), functions: shares(byFunction) };
}

function fileName(frame: { url: string; functionName: string }): string {
  if (frame.url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (frame.url.startsWith('node:')) return 'node: internals';
  const file = frame.url.startsWith('file:') ? fileURLToPath(frame.url) : frame.url;
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = file.slice(modules + '/node_modules/'.length).split('/');
    return `${rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? '')} (dependency)`;
  }
  const relative = file.startsWith(`${REPO_ROOT}/`) ? file.slice(REPO_ROOT.length + 1) : file;
  return relative.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
}

/** The summary as text lines: `  36.1 %  src/store/event-index.ts`, then the top functions. */
export function formatProfileSummary(summary: ProfileSummary, top = 15): string {
  const rows = (list: FileShare[], count: number) =>
    list
      .slice(0, count)
      .map((row) => `  ${(row.share * 100).toFixed(1).padStart(5)} %  ${row.file}`)
      .join('\n');
  // V8 samples on a wall-clock interval: on a loaded machine the sampled time exceeds the CPU time, the shares hold.
  return `CPU profile: ${(summary.totalMs / 1000).toFixed(1)} s sampled, idle left out; self time by file:\n${rows(summary.files, top)}\nby function (line in dist/):\n${rows(summary.functions, 10)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write('usage: profile-summary.js FILE.cpuprofile [--top N]\n');
    process.exit(2);
  }
  const at = process.argv.indexOf('--top');
  process.stdout.write(formatProfileSummary(summariseProfile(file), at > 0 ? Number(process.argv[at + 1]) : 15));
}
