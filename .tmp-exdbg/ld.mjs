import { readFileSync } from 'node:fs';
import { scorePage } from '/work/main/dist/eval/aeb-metric.js';
import { extractArticle } from '/work/main/dist/extract/extract-article.js';
import { preCleanHtml } from '/work/main/dist/extract/pre-clean.js';
import { readJsonLdArticle } from '/work/main/dist/extract/json-ld.js';
import { normalizeText } from '/work/main/dist/extract/block-text.js';
const dir='/work/shared/data/aeb-dev'; const gt=JSON.parse(readFileSync(dir+'/ground-truth.json','utf8'));
const f=(s)=>2*s.tp/Math.max(1,2*s.tp+s.fp+s.fn);
for (const id of Object.keys(gt)) {
  const html=readFileSync(`${dir}/html/${id}.html`,'utf8');
  const ld=readJsonLdArticle(preCleanHtml(html).jsonLd); if (!ld?.articleBody) continue;
  const r=extractArticle({url:gt[id].url, html});
  const ours=r.ok?r.value.text:''; const body=normalizeText(ld.articleBody);
  console.log(f(scorePage(ours,gt[id].articleBody)).toFixed(3), f(scorePage(body,gt[id].articleBody)).toFixed(3), (body.length/ours.length).toFixed(2), f(scorePage(body,ours)).toFixed(2), id.slice(0,8));
}
