import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';
const { window } = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = window; globalThis.document = window.document; globalThis.Option = window.Option;
const mermaid = (await import('mermaid')).default;
for (const f of process.argv.slice(2)) {
  try { await mermaid.parse(readFileSync(f, 'utf8')); const d = await mermaid.mermaidAPI.getDiagramFromText(readFileSync(f,'utf8')); console.log('OK ', f, d.db.getMessages().filter(m=>m.from&&m.to).length); }
  catch (e) { console.log('ERR', f, String(e.message).split('\n').slice(0,4).join(' | ')); }
}
