/**
 * Tests that need files outside the repository (../shared/data) or a build step (dist/): the describe title says
 * what they need, and, when it is absent, that the block is skipped and why, so a skip is never silent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './cli.js';

/** `skip` for `describe.skipIf(skip)`, and the title to give the block. */
export interface Needs {
  skip: boolean;
  title: string;
}

/**
 * `title (needs A, B)` when every path exists; else `title: SKIPPED, needs A (absent)`, naming the absent paths
 * (relative to the repository, e.g. `../shared/data/aeb-dev`) and `hint` (how to get them) when given.
 */
export function needsPaths(title: string, paths: readonly string[], hint?: string): Needs {
  const shown = (file: string) => path.relative(REPO_ROOT, file) || '.';
  const absent = paths.filter((file) => !existsSync(file));
  if (absent.length === 0) return { skip: false, title: `${title} (needs ${paths.map(shown).join(', ')})` };
  return { skip: true, title: `${title}: SKIPPED, needs ${absent.map(shown).join(', ')} (absent)${hint ? `; ${hint}` : ''}` };
}

/** What to do when the compiled extract worker (dist/) is absent. */
export const BUILD_HINT = 'run `npx tsc -p tsconfig.json` first';
