// Conventions kept by tests, not prose: ids, files, cases, references and texts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveReference } from '../knowledge/frameworks.ts';
import { expectedLines, loadCases } from './cases.ts';
import { checkFiles } from './files.ts';
import { CHECKS } from './index.ts';

const files = checkFiles();

describe('check registry', () => {
  it('lists exactly the check files on disk, sorted by id, ids unique', () => {
    const ids = CHECKS.map((c) => c.id);
    assert.deepEqual(ids, [...files.keys()].sort());
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
  });

  for (const check of CHECKS) {
    describe(check.id, () => {
      it('has a kebab-case id', () => assert.match(check.id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/));
      it('has a title, rationale and remediation', () => {
        assert.ok(check.title.length > 5 && !check.title.endsWith('.'));
        assert.ok(check.rationale.length > 40, 'rationale too short');
        assert.ok(check.remediation.length > 20, 'remediation too short');
      });
      it('has references that all resolve', () => {
        assert.ok(check.references.length > 0);
        for (const r of check.references) assert.ok(resolveReference(r), `unresolved reference ${r}`);
      });
      it('has at least one pass case and one fail case', () => {
        const f = files.get(check.id);
        assert.ok(f?.cases, `missing ${check.id}.cases.yaml`);
        const cases = loadCases(f.cases);
        assert.ok(
          cases.some((c) => expectedLines(c).length === 0),
          'no pass case',
        );
        assert.ok(
          cases.some((c) => expectedLines(c).length > 0),
          'no fail case',
        );
        assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, 'case names must be unique');
      });
    });
  }
});
