import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { extractArticle } from '/work/main/dist/extract/extract-article.js';
const dir = '/work/main/tests/fixtures/extract/' + process.argv[2];
const url = process.argv[3];
const feed = existsSync(dir + '/feed-item.json') ? JSON.parse(readFileSync(dir + '/feed-item.json', 'utf8')) : undefined;
const r = extractArticle({ url, html: readFileSync(dir + '/source.html', 'utf8'), ...(feed ? { feedItem: feed } : {}) });
if (!r.ok) { console.log(r.error); process.exit(1); }
const { text, html, ...meta } = r.value;
console.log(text); console.log(JSON.stringify(meta, null, 2)); console.log(html);
if (process.argv[4] === 'write') { writeFileSync(dir + '/expected.txt', text + '\n'); writeFileSync(dir + '/expected-metadata.json', JSON.stringify(meta, null, 2) + '\n'); }
