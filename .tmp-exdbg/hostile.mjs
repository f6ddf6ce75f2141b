import { extractArticle } from '/work/main/dist/extract/extract-article.js';
const para = '<p>The council met on Tuesday to discuss the new budget for the coming year, and agreed on most points.</p>';
const wrap = (b) => `<html><head><title>T</title></head><body>${b}</body></html>`;
const cases = {
  text5mb: wrap(`<article><p>${'word '.repeat(1_000_000)}</p></article>`),
  elements100k: wrap(`<article>${'<p>Sentence number one is here, and it goes on.</p>'.repeat(100_000)}</article>`),
  depth2000: wrap('<div>'.repeat(2000) + para.repeat(5) + '</div>'.repeat(2000)),
  depth100000: wrap('<div>'.repeat(100000) + para.repeat(5) + '</div>'.repeat(100000)),
  attrs100k: wrap(`<article><p ${Array.from({length:100000},(_, i)=>`a${i}="1"`).join(' ')}>${para.repeat(5)}</p></article>`),
  tables20k: wrap('<table><tr><td>'.repeat(20000) + para.repeat(5) + '</td></tr></table>'.repeat(20000)),
  style5mb: `<html><head><style>${'.a{color:red}'.repeat(400000)}</style></head><body><article>${para.repeat(5)}</article></body></html>`,
};
for (const [name, html] of Object.entries(cases)) {
  const t = Date.now(); const r = extractArticle({ url: 'https://h.test/', html });
  console.log(name, html.length, Date.now() - t, 'ms', r.ok ? `ok ${r.value.method} ${r.value.text.length}` : r.error.message.slice(0, 200));
}
