import { readFileSync, readdirSync } from 'node:fs';
import { preCleanHtml } from '/work/main/dist/extract/pre-clean.js';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { sanitizeHtml } from '/work/main/dist/extract/sanitize.js';
const dir='/work/shared/data/aeb-dev/html'; const files=readdirSync(dir).slice(0,60).map(f=>readFileSync(dir+'/'+f,'utf8'));
const T={pre:0,jsdom:0,read:0,san:0}; let maxEl=0;
for (const h of files) {
  let t=performance.now(); const p=preCleanHtml(h); T.pre+=performance.now()-t;
  t=performance.now(); const dom=new JSDOM(p.html,{url:'https://x.test/',virtualConsole:new VirtualConsole()}); T.jsdom+=performance.now()-t;
  maxEl=Math.max(maxEl, dom.window.document.getElementsByTagName('*').length);
  t=performance.now(); const r=new Readability(dom.window.document,{serializer:n=>n}).parse(); T.read+=performance.now()-t;
  t=performance.now(); if (r?.content) sanitizeHtml(r.content.innerHTML); T.san+=performance.now()-t;
  dom.window.close();
}
console.log(T, 'maxEl', maxEl);
