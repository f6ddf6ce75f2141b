import { Parser } from 'htmlparser2';
const h2 = '<html><body>'+'<div>'.repeat(100000) + '</div>'.repeat(100000)+'</body></html>';
let t=Date.now(); const p=new Parser({}); p.write(h2); p.end(); console.log('bare', Date.now()-t);
t=Date.now(); const p2=new Parser({onclosetag(){} , onopentag(){}}); p2.write(h2); p2.end(); console.log('handlers', Date.now()-t);
