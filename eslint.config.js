// ESLint for src/ and tests/ (`npm run lint`, part of `npm test`): ESLint's and typescript-eslint's recommended
// rules, the type-aware ones included. Formatting is Prettier's job (`npm run format:check`), not ESLint's.
// `npm run lint` caches results per file content in node_modules/.cache/eslint/: a file that did not change is not
// linted again even when a type it imports did, so delete that folder when in doubt (CI starts without it).
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'storage/', 'node_modules/', 'tests/fixtures/'] },
  eslint.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // One program for every file: tests/tsconfig.json covers src/ and tests/, so src/ is type-checked once,
      // not a second time for tests/ as a project service (one program per nearest tsconfig.json) would.
      parserOptions: { project: './tests/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Stripping control characters is what the sanitizers and repairers do (feeds, pages, terminals):
      // every control character in a regex here is meant.
      'no-control-regex': 'off',
      // `const { dropped: _unused, ...rest } = row` is how a copy without one key is made.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // vitest types its asymmetric matchers (expect.objectContaining, expect.stringMatching, ...) as `any`, and
      // nesting them in an expected object is what they are for: each such nesting would need a cast.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // The few plain JavaScript files (config files, a preload script for the hostile tests) run on Node.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
);
