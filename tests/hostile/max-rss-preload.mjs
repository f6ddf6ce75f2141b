// Loaded with `node --import` into a CLI child by the hostile tests: its peak resident memory, on exit.
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(2, `\n{"max_rss_kb":${process.resourceUsage().maxRSS}}\n`));
