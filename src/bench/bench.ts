/**
 * `npm run bench`: every benchmark of the project in one run on one machine — extraction (our pool against plain
 * Readability.js), MinHash and the near-duplicate index (against the `minhash` package), `import` (against a
 * datasketch-style MinHash + LSH in numpy), the whole pipeline, and the web pages. `npm run bench:scale` (the store
 * growing to a million articles) is not part of it: it takes hours.
 * `npm run bench -- --quick` runs smaller sizes (a smoke run; the README's figures come from the full run).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMinhashBench } from './bench-minhash.js';
import { formatPipelineBench, runPipelineBench } from './bench-pipeline.js';
import { runClusterSizeBench } from './bench-cluster-size.js';
import { runImportBench } from './bench-import.js';
import { runWebBench } from './bench-web.js';
import { sharedDataDir } from './paragraphs.js';

const quick = process.argv.includes('--quick');
const here = path.dirname(fileURLToPath(import.meta.url));

process.stdout.write(
  `newsdedup benchmarks — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ` +
    `${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}${quick ? ', quick run' : ''}\n\n`,
);

process.stdout.write('== Extraction (aeb-dev pages) ==\n');
if (sharedDataDir()) {
  // A child process of its own: it measures peak RSS per side in further child processes.
  spawnSync(process.execPath, [path.join(here, 'bench-extract.js')], { stdio: 'inherit' });
} else {
  process.stdout.write('skipped: ../shared/data/aeb-dev is absent\n');
}

process.stdout.write('\n== MinHash and the near-duplicate index ==\n');
runMinhashBench(quick ? { packageDocuments: 1_000, storeSizes: [100_000] } : {});

process.stdout.write('\n== import against a datasketch-style MinHash + LSH ==\n');
runImportBench();

process.stdout.write('\n== Whole pipeline over a loopback web ==\n');
const pipeline = await runPipelineBench(quick ? { feeds: 40, itemsPerFeed: 10 } : {});
process.stdout.write(`${formatPipelineBench(pipeline)}\n`);

process.stdout.write('\n== Ingest cost against the size of the story joined ==\n');
runClusterSizeBench(quick ? [100, 2_000] : [100, 5_000, 20_000]);

process.stdout.write('\n== Web pages (newsdedup serve) ==\n');
await runWebBench(quick ? { articles: 10_000 } : {});
