import { readdirSync, readFileSync } from 'node:fs';
import { splitBlocks } from './src/checker/blocks.ts';
for (const dir of ['own', 'samples']) {
  for (const f of readdirSync(`tests/fixtures/${dir}`).sort()) {
    if ((f.endsWith('.md') && f !== 'markdown-post-fenced.md') || f.includes('utf16')) continue;
    const text = readFileSync(`tests/fixtures/${dir}/${f}`, 'utf8');
    const b = splitBlocks(text).map((b) => `${b.format} ${b.from}-${b.to}`);
    console.log(`${dir}/${f}: ${b.join(', ')}`);
  }
}
