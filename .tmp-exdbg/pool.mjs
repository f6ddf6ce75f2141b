import { readFileSync, readdirSync } from 'node:fs';
import { createExtractorPool } from '/work/main/dist/extract/extractor-pool.js';
const dir='/work/shared/data/aeb-dev/html'; const files=readdirSync(dir).map(f=>readFileSync(dir+'/'+f));
for (const size of [1,2]) {
const pool=createExtractorPool({size}); let t=performance.now();
await pool.extract({url:'https://x.test/', html:'<p>warm</p>'}); const warm=performance.now()-t; t=performance.now();
await Promise.all(files.map(b=>pool.extract({url:'https://x.test/', bytes:b, contentType:'text/html'})));
console.log(size, 'warm', warm|0, 'run', (performance.now()-t)|0, process.resourceUsage().maxRSS/1024|0);
await pool.close(); }
