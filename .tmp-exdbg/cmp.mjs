import { readFileSync } from 'node:fs';
import { scorePage } from '/work/main/dist/eval/aeb-metric.js';
import { extractArticle } from '/work/main/dist/extract/extract-article.js';
const dir='/work/shared/data/aeb-dev'; const gt=JSON.parse(readFileSync(dir+'/ground-truth.json','utf8'));
const tr=JSON.parse(readFileSync(dir+'/reference/trafilatura.json','utf8'));
const f=(s)=>2*s.tp/Math.max(1,2*s.tp+s.fp+s.fn);
const rows=[];
for (const id of Object.keys(gt)) {
  const r=extractArticle({url:gt[id].url, html:readFileSync(`${dir}/html/${id}.html`,'utf8')});
  const o=scorePage(r.ok?r.value.text:'',gt[id].articleBody); const t=scorePage(tr[id].articleBody,gt[id].articleBody);
  rows.push([f(o)-f(t),f(o),f(t),o.fp,o.fn,id.slice(0,8),gt[id].url.slice(0,90)]);
}
rows.sort((a,b)=>a[0]-b[0]); for (const r of rows.slice(0,25)) console.log(r.map(x=>typeof x==='number'?x.toFixed(2):x).join(' '));
