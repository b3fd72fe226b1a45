import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage();
p.on('console', m => console.log('console', m.text()));
await p.goto('http://127.0.0.1:4321/search/?q=hubble&role=worker');
await p.waitForTimeout(1500);
console.log(await p.locator('#search-status').textContent());
console.log(await p.evaluate(async () => { const pf = await import('/pagefind/pagefind.js'); await pf.init(); return JSON.stringify(await pf.filters()); }));
await b.close();
