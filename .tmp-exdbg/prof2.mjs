import { readFileSync, readdirSync } from 'node:fs';
import { extractArticle } from '/work/main/dist/extract/extract-article.js';
const dir='/work/shared/data/aeb-dev/html'; const files=readdirSync(dir);
let t0=performance.now(); await import('jsdom'); console.log('import', performance.now()-t0);
const times=[]; const all=performance.now();
for (const f of files) { const h=readFileSync(dir+'/'+f,'utf8'); const t=performance.now(); extractArticle({url:'https://x.test/',html:h}); times.push([performance.now()-t,f.slice(0,8),h.length]); }
console.log('total', performance.now()-all, 'cpu', process.cpuUsage().user/1000|0); times.sort((a,b)=>b[0]-a[0]); console.log(times.slice(0,8));
