/** The figures bench-scale records (OUT.json) and scale-chart draws. */
import type { QualityFigures, QueryFigures } from './scale-measure.js';
import type { ScaleStream } from './scale-stream.js';

/** The figures at one checkpoint. */
export interface ScaleCheckpoint {
  stored: number;
  /** Articles stored per second over the segment since the previous checkpoint (parse, article, ingest, commit). */
  ingestPerSecond: number;
  articleP50Ms: number;
  articleP99Ms: number;
  /** The same turn in process CPU time (what it costs whatever else loads the machine). */
  articleCpuP50Ms: number;
  articleCpuP99Ms: number;
  /** Process CPU time per stored article over the segment (parse, article, ingest, commit; all threads). */
  cpuMsPerArticle: number;
  /** 1-minute load average when the checkpoint was taken (the machine is shared). */
  loadAverage: number;
  /** settle() once per batch of 200, p50. */
  settleP50Ms: number;
  /** RSS after a batch, highest so far (what ingesting needs), and the process's peak RSS (with the measurements). */
  ingestPeakRssMb: number;
  peakRssMb: number;
  dbBytesPerArticle: number;
  queriesP50Ms: QueryFigures;
  quality: QualityFigures;
  duplicatesFound: number;
  simulatedDay: number;
}

/** A whole run, as written to OUT.json. */
export interface ScaleResult {
  date: string;
  machine: string;
  articles: number;
  stream: { events: number; rounds: number; counts: ScaleStream['counts'] };
  checkpoints: ScaleCheckpoint[];
  bytesByTable: Array<{ name: string; bytes: number }>;
}
