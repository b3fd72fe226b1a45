// Every built page is valid HTML (html-validate, recommended rules; see .htmlvalidate.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { assertBuilt, htmlFiles, urlOf } from '../../scripts/lib/dist.ts';

assertBuilt();
const validator = new HtmlValidate(new FileSystemConfigLoader());

test('every page passes html-validate', async () => {
  const files = htmlFiles();
  const problems: string[] = [];
  for (const file of files) {
    const report = await validator.validateFile(file);
    for (const r of report.results)
      for (const m of r.messages)
        problems.push(`${urlOf(file)} ${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  }
  assert.ok(files.length > 40, `${files.length} pages`);
  assert.deepEqual(problems, []);
});
