import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ancestorsOf, excessBits, nonRootWriter, replaceableVia } from './perms.ts';
import type { FileFact } from './types.ts';

const dir = (path: string, mode: number, uid = 0, gid = 0): FileFact => ({
  path,
  exists: true,
  type: 'dir',
  mode,
  uid,
  gid,
  roles: [],
});
const file = (path: string, mode: number, uid = 0, gid = 0): FileFact => ({
  path,
  exists: true,
  type: 'file',
  mode,
  uid,
  gid,
  roles: [],
});

function lookupOf(facts: FileFact[]): (p: string) => FileFact | undefined {
  const m = new Map(facts.map((f) => [f.path, f]));
  return (p) => m.get(p);
}

describe('who besides root can change a path', () => {
  it('judges one entry by owner, world and non-root group write bits', () => {
    assert.equal(nonRootWriter(file('/a', 0o644)), undefined);
    assert.equal(nonRootWriter(file('/a', 0o664)), undefined, 'group root');
    assert.match(nonRootWriter(file('/a', 0o664, 0, 50))!.reason, /gid 50/);
    assert.equal(nonRootWriter(file('/a', 0o646))!.anyone, true);
    assert.match(nonRootWriter(file('/a', 0o600, 1000))!.reason, /uid 1000/);
    assert.equal(
      nonRootWriter({ path: '/l', exists: true, type: 'symlink', mode: 0o777, uid: 0, gid: 0, roles: [] }),
      undefined,
    );
  });

  it('finds the first writable folder on the way, honouring the sticky bit for root-owned entries', () => {
    const base = [dir('/', 0o755), dir('/var', 0o755), dir('/var/tmp', 0o1777)];
    const owned = lookupOf([...base, file('/var/tmp/s.sh', 0o755)]);
    assert.equal(replaceableVia('/var/tmp/s.sh', owned), undefined, 'sticky folder, root-owned file');
    const missing = lookupOf(base);
    assert.equal(replaceableVia('/var/tmp/s.sh', missing)!.path, '/var/tmp', 'a missing file can be planted');
    const foreign = lookupOf([...base, file('/var/tmp/s.sh', 0o755, 1000)]);
    assert.equal(replaceableVia('/var/tmp/s.sh', foreign)!.path, '/var/tmp');
    const open = lookupOf([dir('/', 0o755), dir('/opt', 0o777), dir('/opt/x', 0o755), file('/opt/x/b', 0o755)]);
    assert.equal(replaceableVia('/opt/x/b', open)!.path, '/opt');
    assert.equal(replaceableVia('/opt/x/b', lookupOf([dir('/', 0o755), file('/opt/x/b', 0o757)]))!.path, '/opt/x/b');
  });

  it('lists ancestors and excess mode bits', () => {
    assert.deepEqual(ancestorsOf('/a/b/c'), ['/', '/a', '/a/b']);
    assert.equal(excessBits(0o666, 0o644), 0o022);
    assert.equal(excessBits(0o600, 0o644), 0);
  });
});
