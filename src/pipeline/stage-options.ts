/** Each stage's options read off the configuration (the run and the commands open stages the same way). */
import type { Config } from '../config/config.js';
import type { ExtractorPoolOptions } from '../extract/extractor-pool.js';

/** Extractor pool options from the configuration. */
export function extractorOptionsFrom(config: Config): ExtractorPoolOptions {
  return {
    ...(config.extract.workers === null ? {} : { size: config.extract.workers }),
    timeoutMs: config.extract.timeoutMs,
    maxHeapMb: config.extract.maxHeapMb,
  };
}

/** Fetch settings from the configuration. */
export function fetchSettingsFrom(config: Config) {
  return { userAgent: config.userAgent, allowNetworks: config.allowNetworks, ...config.fetch };
}
