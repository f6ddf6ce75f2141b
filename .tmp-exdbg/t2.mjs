import { preCleanHtml } from '/work/main/dist/extract/pre-clean.js';
const para = '<p>The council met on Tuesday to discuss the new budget for the coming year, and agreed on most points.</p>';
const html = '<html><body>'+'<table><tr><td>'.repeat(20000) + para.repeat(5) + '</td></tr></table>'.repeat(20000)+'</body></html>';
let t=Date.now(); const p=preCleanHtml(html); console.log('pre', Date.now()-t, p.html.length);
const h2 = '<html><body>'+'<div>'.repeat(100000) + para.repeat(5) + '</div>'.repeat(100000)+'</body></html>';
t=Date.now(); const p2=preCleanHtml(h2); console.log('pre', Date.now()-t, p2.html.length);
