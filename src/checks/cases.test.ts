// Runs every check's <id>.cases.yaml: exactly the expected (resource, path) findings, no more, no fewer.
// CHECK=<id> narrows the run to one check.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectedLines, loadCases, runCase } from './cases.ts';
import { CHECKS } from './index.ts';
import { checkFiles } from './files.ts';

const only = process.env.CHECK;
const files = checkFiles();

for (const check of CHECKS.filter((c) => !only || c.id === only)) {
  const file = files.get(check.id);
  describe(`check ${check.id}`, () => {
    if (!file) {
      it('has a file', () => assert.fail(`no file for ${check.id}`));
      return;
    }
    for (const c of loadCases(file.cases)) {
      it(c.name, () => {
        assert.deepEqual(runCase(check, c, file.cases), expectedLines(c));
      });
    }
  });
}
