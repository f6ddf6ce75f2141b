import { readFileSync, readdirSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
const dir='/work/shared/data/aeb-dev/html';
for (const f of readdirSync(dir)) { try { new JSDOM(readFileSync(dir+'/'+f),{virtualConsole:new VirtualConsole()}).window.close(); } catch(e) { console.log(f, String(e).slice(0,300)); } }
