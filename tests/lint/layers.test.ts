/**
 * The layer check (`npm run lint:layers`, .dependency-cruiser.cjs) catches what it should: the real cruiser with the
 * real rules runs on a generated tree under a temp dir, with one file per arrow, allowed and forbidden.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const CONFIG = path.join(REPO_ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** A source file of the generated tree: its path under src/ and what it imports (paths under src/). */
interface TreeFile {
  file: string;
  imports?: readonly string[];
  typeImports?: readonly string[];
}

/** Arrows the rule allows: none of these may be reported. */
const ALLOWED: readonly TreeFile[] = [
  { file: 'model.ts' },
  { file: 'shared/clock.ts', imports: ['model.ts'] },
  { file: 'config/settings.ts', imports: ['model.ts', 'shared/clock.ts'] },
  { file: 'fingerprint/hash.ts', imports: ['model.ts', 'shared/clock.ts', 'config/settings.ts'] },
  { file: 'cluster/decide.ts', imports: ['fingerprint/hash.ts', 'config/settings.ts'] },
  { file: 'fetch/get.ts', imports: ['config/settings.ts'] },
  { file: 'store/rows.ts', imports: ['model.ts'] },
  { file: 'store/save.ts', imports: ['store/rows.ts'] },
  { file: 'pipeline/run.ts', imports: ['fetch/get.ts', 'cluster/decide.ts', 'store/save.ts'] },
  { file: 'web/page.ts', imports: ['pipeline/run.ts', 'store/rows.ts'] },
  { file: 'demo/site.ts', imports: ['shared/clock.ts'] },
  { file: 'commands/serve.ts', imports: ['web/page.ts', 'demo/site.ts', 'pipeline/run.ts'] },
  { file: 'cli.ts', imports: ['commands/serve.ts'] },
  { file: 'bench/bench.ts', imports: ['commands/serve.ts', 'web/page.ts', 'cli.ts'] },
  { file: 'eval/eval.ts', imports: ['store/save.ts', 'bench/bench.ts'] },
];

/** Arrows that break the rule, each with the rule that must report it. */
const FORBIDDEN: ReadonlyArray<TreeFile & { rule: string; to: string }> = [
  { file: 'store/bad-fingerprint.ts', imports: ['fingerprint/hash.ts'], rule: 'store-imports-model-only', to: 'fingerprint/hash.ts' },
  { file: 'store/bad-shared.ts', imports: ['shared/clock.ts'], rule: 'store-imports-model-only', to: 'shared/clock.ts' },
  { file: 'cluster/bad-store.ts', imports: ['store/rows.ts'], rule: 'cluster-imports-below-only', to: 'store/rows.ts' },
  { file: 'parse/bad-stage.ts', imports: ['fetch/get.ts'], rule: 'parse-imports-below-only', to: 'fetch/get.ts' },
  { file: 'fingerprint/bad-up.ts', imports: ['cluster/decide.ts'], rule: 'fingerprint-imports-below-only', to: 'cluster/decide.ts' },
  { file: 'extract/bad-type.ts', typeImports: ['store/rows.ts'], rule: 'extract-imports-below-only', to: 'store/rows.ts' },
  { file: 'shared/bad-config.ts', imports: ['config/settings.ts'], rule: 'shared-imports-model-only', to: 'config/settings.ts' },
  { file: 'config/bad-fetch.ts', imports: ['fetch/get.ts'], rule: 'config-imports-model-and-shared', to: 'fetch/get.ts' },
  { file: 'pipeline/bad-command.ts', imports: ['commands/serve.ts'], rule: 'pipeline-imports-below-only', to: 'commands/serve.ts' },
  { file: 'web/bad-command.ts', imports: ['commands/serve.ts'], rule: 'web-imports-below-only', to: 'commands/serve.ts' },
  { file: 'commands/bad-cli.ts', imports: ['cli.ts'], rule: 'commands-import-below-only', to: 'cli.ts' },
  { file: 'commands/bad-eval.ts', imports: ['eval/eval.ts'], rule: 'commands-import-below-only', to: 'eval/eval.ts' },
  { file: 'fetch/bad-missing.ts', imports: ['fetch/missing.ts'], rule: 'not-to-unresolvable', to: './missing.js' },
];

/** Two files that import each other: a cycle inside one folder, which no layer rule catches. */
const CYCLE: readonly TreeFile[] = [
  { file: 'parse/cycle-a.ts', imports: ['parse/cycle-b.ts'] },
  { file: 'parse/cycle-b.ts', imports: ['parse/cycle-a.ts'] },
];

/** The import specifier from `from` to `to` (both under src/), NodeNext style: './x.js' for x.ts. */
function specifier(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to).replace(/\.ts$/, '.js');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function writeTree(root: string, files: readonly TreeFile[]): void {
  writeFileSync(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
  );
  for (const { file, imports = [], typeImports = [] } of files) {
    const lines = [
      ...imports.map((to, i) => `import { v as v${i} } from '${specifier(file, to)}';`),
      ...typeImports.map((to, i) => `import type { T as T${i} } from '${specifier(file, to)}';`),
      `export const v = ${imports.map((_, i) => `v${i}`).join(' + ') || '0'};`,
      `export type T = ${typeImports.map((_, i) => `T${i}`).join(' | ') || 'number'};`,
    ];
    mkdirSync(path.dirname(path.join(root, 'src', file)), { recursive: true });
    writeFileSync(path.join(root, 'src', file), lines.join('\n') + '\n');
  }
}

/**
 * Runs the cruiser exactly as `npm run lint:layers` does (its default `err` report), in `root`: its exit code and the
 * violations it printed, one string each, whitespace folded: `rule: from → to` (a cycle lists every file on it).
 */
function cruise(root: string): { status: number | null; violations: string[] } {
  const result = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG], { cwd: root, encoding: 'utf8' });
  // The violations are indented; the summary line after them ('x N dependency violations', '✔ no ...') is not.
  const report = result.stdout.split(/^\S/m)[0] ?? '';
  const violations = report
    .split(/^\s*error /m)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter((block) => block !== '');
  return { status: result.status, violations };
}

describe('the layer check', () => {
  let root: string;
  let run: ReturnType<typeof cruise>;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'newsdedup-layers-'));
    writeTree(root, [...ALLOWED, ...FORBIDDEN.filter((f) => f.rule !== 'not-to-unresolvable'), ...CYCLE]);
    // An import of a file that does not exist: written by hand, writeTree only imports files it writes.
    mkdirSync(path.join(root, 'src', 'fetch'), { recursive: true });
    writeFileSync(path.join(root, 'src', 'fetch', 'bad-missing.ts'), "import { v } from './missing.js';\nexport const w = v;\n");
    run = cruise(root);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('fails the run when an arrow breaks the rule', () => {
    expect(run.status).not.toBe(0);
  });

  it('reports each forbidden arrow under its rule, and no allowed arrow', () => {
    const reported = run.violations.filter((v) => !v.startsWith('no-circular:')).sort();
    const expected = FORBIDDEN.map((f) => `${f.rule}: src/${f.file} → ${f.rule === 'not-to-unresolvable' ? f.to : `src/${f.to}`}`).sort();
    expect(reported).toEqual(expected);
  });

  it('reports an import cycle inside one folder', () => {
    // The cruiser reports a cycle once, from the file it met first.
    const cycles = run.violations.filter((v) => v.startsWith('no-circular:'));
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatch(/^no-circular: src\/parse\/cycle-(a|b)\.ts → src\/parse\/cycle-(?!\1)[ab]\.ts → src\/parse\/cycle-\1\.ts$/);
  });

  it('passes a tree whose arrows all follow the rule', () => {
    const clean = mkdtempSync(path.join(tmpdir(), 'newsdedup-layers-clean-'));
    try {
      writeTree(clean, ALLOWED);
      const result = cruise(clean);
      expect(result).toEqual({ status: 0, violations: [] });
    } finally {
      rmSync(clean, { recursive: true, force: true });
    }
  });
});
