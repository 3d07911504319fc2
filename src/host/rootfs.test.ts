import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RootFs, normalizeNodePath } from './rootfs.ts';

describe('reading inside a root folder', () => {
  let base = '';
  let root = '';
  let fs: RootFs;
  before(() => {
    base = mkdtempSync(join(tmpdir(), 'kubeseam-rootfs-'));
    root = join(base, 'root');
    // A file next to the root that a careless reader would reach.
    writeFileSync(join(base, 'outside.txt'), 'OUTSIDE');
    mkdirSync(join(root, 'etc/real'), { recursive: true });
    mkdirSync(join(root, 'usr/lib'), { recursive: true });
    writeFileSync(join(root, 'etc/real/file'), 'inside');
    writeFileSync(join(root, 'usr/lib/os-release'), 'ID=test\n');
    symlinkSync('usr/lib', join(root, 'lib')); // relative folder link
    symlinkSync('/etc/real', join(root, 'etc/abs-dir')); // absolute folder link: inside the root
    symlinkSync('../../../../../outside.txt', join(root, 'etc/up')); // more `..` than folders
    symlinkSync(join(base, 'outside.txt'), join(root, 'etc/host-abs')); // absolute host path
    symlinkSync('loop-b', join(root, 'etc/loop-a'));
    symlinkSync('loop-a', join(root, 'etc/loop-b'));
    fs = new RootFs(root);
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('follows links inside the root, through folders and in the last component', () => {
    assert.equal(fs.readText('/lib/os-release'), 'ID=test\n');
    assert.equal(fs.readText('/etc/abs-dir/file'), 'inside');
    assert.equal(fs.resolve('/lib/os-release').nodePath, '/usr/lib/os-release');
    assert.equal(fs.resolve('/etc/abs-dir', false).nodePath, '/etc/abs-dir');
  });

  it('never leaves the root: `..` stops at the root and absolute targets are root-relative', () => {
    assert.throws(() => fs.readText('/etc/up'), { code: 'ENOENT' });
    assert.throws(() => fs.readText('/etc/host-abs'), { code: 'ENOENT' });
    assert.throws(() => fs.readText('/../../outside.txt'), { code: 'ENOENT' });
    const up = fs.fact('/etc/up');
    assert.equal(up.type, 'symlink');
    assert.equal(up.resolved, undefined);
  });

  it('reports link loops and stats without following the last link', () => {
    assert.throws(() => fs.resolve('/etc/loop-a'), { code: 'ELOOP' });
    const lib = fs.fact('/lib');
    assert.equal(lib.type, 'symlink');
    assert.equal(lib.resolved, '/usr/lib');
    assert.equal(fs.fact('/nope').exists, false);
    assert.equal(normalizeNodePath('a/../../b/'), '/b');
  });
});
