// The layering rule of docs/ARCHITECTURE.md, checked by `npm run lint:layers` (part of `npm test`).
// Each layer lists the folders of src/ it may import; any other import inside src/ is an error.
// Type-only imports count: a type is an arrow too.

/** src/ paths as a regex alternative: `src/(a|b)`. `model.ts` is the file, the others are folders. */
const paths = (...names) => `^src/(${names.map((name) => (name.endsWith('.ts') ? name.replace('.', '\\.') + '$' : name + '/')).join('|')})`;

const STAGES = ['fetch', 'parse', 'extract', 'fingerprint', 'cluster'];
const BELOW_STAGES = ['model.ts', 'shared', 'config'];
const BELOW_PIPELINE = [...BELOW_STAGES, ...STAGES, 'store', 'pipeline'];

/** One rule per layer: a module in `from` imports nothing in src/ but `allowed`. */
const layer = (name, comment, from, allowed) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: '^src/', pathNot: allowed },
});

const stageRules = STAGES.map((stage) =>
  layer(
    `${stage}-imports-below-only`,
    stage === 'cluster'
      ? 'cluster/ imports model.ts, shared/, config/ and fingerprint/ (its hash and LSH layout), never another stage or the store.'
      : `${stage}/ is a stage: it imports model.ts, shared/ and config/, never another stage or the store.`,
    paths(stage),
    paths(stage, ...BELOW_STAGES, ...(stage === 'cluster' ? ['fingerprint'] : [])),
  ),
);

module.exports = {
  forbidden: [
    layer(
      'model-imports-nothing',
      'model.ts is the bottom: the types stages hand each other, importing nothing in src/.',
      paths('model.ts'),
      '^$',
    ),
    layer(
      'shared-imports-model-only',
      'shared/ holds pure helpers: it imports model.ts only.',
      paths('shared'),
      paths('shared', 'model.ts'),
    ),
    layer(
      'config-imports-model-and-shared',
      'config/ imports model.ts and shared/ only.',
      paths('config'),
      paths('config', 'model.ts', 'shared'),
    ),
    ...stageRules,
    layer(
      'store-imports-model-only',
      'store/ is SQL and migrations: it imports model.ts and store/ only.',
      paths('store'),
      paths('store', 'model.ts'),
    ),
    layer(
      'pipeline-imports-below-only',
      'pipeline/ combines the stages and the store; it never imports commands/, web/, cli.ts or the tools on top.',
      paths('pipeline'),
      paths(...BELOW_PIPELINE),
    ),
    // web/ sits below commands/: `serve` (commands/serve-command.ts) starts the web server, as `demo` starts the demo site.
    layer(
      'web-imports-below-only',
      'web/ imports anything below it, not commands/, cli.ts or the tools on top.',
      paths('web'),
      paths(...BELOW_PIPELINE, 'web'),
    ),
    layer(
      'commands-import-below-only',
      'commands/ imports anything below it, web/ (serve) and demo/ (demo), never cli.ts, bench/ or eval/.',
      paths('commands'),
      paths(...BELOW_PIPELINE, 'web', 'commands', 'demo'),
    ),
    {
      name: 'no-circular',
      comment: 'No import cycles: an arrow never runs back up, not even through other files.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import the cruiser cannot resolve would escape every rule above, so it is an error itself.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve package subpaths ('cheerio/slim', '@orama/stemmers/english') through package.json "exports", as Node does.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

