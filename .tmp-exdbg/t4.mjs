import { extractArticle } from '/work/main/dist/extract/extract-article.js';
import { preCleanHtml } from '/work/main/dist/extract/pre-clean.js';
const para = '<p>The council met on Tuesday to discuss the new budget for the coming year, and agreed on most points.</p>';
const html = `<html><head><title>T</title></head><body>${'<div>'.repeat(100000) + para.repeat(5) + '</div>'.repeat(100000)}</body></html>`;
let t=Date.now(); const p=preCleanHtml(html); console.log('pre', Date.now()-t, p.html.length);
t=Date.now(); const r=extractArticle({url:'https://h.test/', html}); console.log('all', Date.now()-t, r.ok);
