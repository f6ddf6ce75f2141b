import { readFileSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
const html=readFileSync('/work/shared/data/aeb-dev/html/f5c90a6d5253c3a21ff3168c64bea4b5ffade7a1ba5bed952a59ebee0d648d98.html','utf8');
const styles=[...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map(m=>m[1]);
for (const s of styles) { try { new JSDOM(`<style>${s}</style>`,{virtualConsole:new VirtualConsole()}).window.close(); } catch(e) {
  // bisect rules
  const rules=s.split('}'); for (const r of rules) { try { new JSDOM(`<style>${r}}</style>`,{virtualConsole:new VirtualConsole()}); } catch(e2) { console.log(JSON.stringify(r.slice(0,300)), String(e2)); break; } } } }
