import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dropInFolderNames,
  mergeUnitTexts,
  orderDropIns,
  parseEnvironmentDirective,
  parseEnvironmentFile,
  parseExec,
  parseUnitText,
  referencedVariables,
  splitCommandLine,
  templateOf,
} from './systemd.ts';

describe('systemd unit syntax', () => {
  it('reads sections, keys, comments and continuation lines (comments inside a continuation are skipped)', () => {
    const a = parseUnitText(
      '# header\n[Unit]\nDescription = A  thing \n; other comment\n[Service]\nExecStart=/bin/x \\\n  --a \\\n# skipped\n  --b\nnot an assignment\n',
    );
    assert.deepEqual(a, [
      { section: 'Unit', key: 'Description', value: 'A  thing' },
      { section: 'Service', key: 'ExecStart', value: '/bin/x --a --b' },
    ]);
  });

  it('accumulates repeated keys and resets them on an empty assignment, across fragment and drop-ins', () => {
    const d = mergeUnitTexts([
      '[Service]\nExecStart=/bin/a\nEnvironment=A=1\nUser=nobody\n',
      '[Service]\nExecStart=\nExecStart=/bin/b\nEnvironment=B=2\nUser=\n',
    ]);
    assert.deepEqual(d.Service!.ExecStart, ['/bin/b']);
    assert.deepEqual(d.Service!.Environment, ['A=1', 'B=2']);
    assert.deepEqual(d.Service!.User, []);
  });

  it('splits executable prefixes off Exec lines', () => {
    const e = parseExec('-+/usr/bin/true --x', {});
    assert.equal(e.prefixes, '-+');
    assert.deepEqual(e.argv, ['/usr/bin/true', '--x']);
    assert.equal(parseExec('!!/bin/sh', {}).prefixes, '!!');
  });

  it('splits command lines with quotes, escapes and both variable forms', () => {
    const env = { ARGS: '--a=1  --b=2', ONE: 'x y' };
    assert.deepEqual(splitCommandLine('/bin/k $ARGS "${ONE}" \'$ARGS\' a\\ b $$HOME ${MISSING}z', env), {
      argv: ['/bin/k', '--a=1', '--b=2', 'x y', '$ARGS', 'a b', '$HOME', 'z'],
      unresolved: ['MISSING'],
    });
    assert.deepEqual(splitCommandLine('/bin/k $NOPE', {}), { argv: ['/bin/k'], unresolved: ['NOPE'] });
    assert.deepEqual(referencedVariables('/bin/k $A ${B} $$C'), ['A', 'B', 'C']);
  });

  it('parses environment files and Environment= assignments', () => {
    assert.deepEqual(
      parseEnvironmentFile('# c\nA=1\nB="two words"\nexport C=\'3\'\n  D = spaced\nbad line\nE=x \\\ny\n'),
      {
        A: '1',
        B: 'two words',
        C: '3',
        D: 'spaced',
        E: 'x y',
      },
    );
    assert.deepEqual(parseEnvironmentDirective(['"A=1 2" B=$HOME', 'C=3']), { A: '1 2', B: '$HOME', C: '3' });
  });

  it('orders drop-ins by file name with higher-precedence folders hiding same-named files', () => {
    assert.deepEqual(
      orderDropIns([
        { rank: 3, path: '/usr/lib/systemd/system/x.service.d/10-a.conf' },
        { rank: 3, path: '/usr/lib/systemd/system/x.service.d/20-b.conf' },
        { rank: 0, path: '/etc/systemd/system/x.service.d/20-b.conf' },
        { rank: 1, path: '/run/systemd/system/x.service.d/05-z.conf' },
      ]),
      [
        '/run/systemd/system/x.service.d/05-z.conf',
        '/usr/lib/systemd/system/x.service.d/10-a.conf',
        '/etc/systemd/system/x.service.d/20-b.conf',
      ],
    );
  });

  it('knows template and type-wide drop-in folders', () => {
    assert.deepEqual(dropInFolderNames('getty@tty1.service'), [
      'service.d',
      'getty@.service.d',
      'getty@tty1.service.d',
    ]);
    assert.deepEqual(dropInFolderNames('kubelet.service'), ['service.d', 'kubelet.service.d']);
    assert.equal(templateOf('getty@tty1.service'), 'getty@.service');
    assert.equal(templateOf('kubelet.service'), 'kubelet.service');
  });
});
