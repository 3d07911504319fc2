import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CelCompileError, compileCel, toCel, VARIABLES } from './cel.ts';

function compileError(source: string, vars: readonly string[] = VARIABLES.container): CelCompileError {
  try {
    compileCel(source, vars);
  } catch (e) {
    assert.ok(e instanceof CelCompileError, String(e));
    return e;
  }
  assert.fail(`expected ${source} not to compile`);
}

const POD = {
  replicas: 3,
  ratio: 0.5,
  volumes: [
    { name: 'a', hostPath: { path: '/etc' } },
    { name: 'b', emptyDir: {} },
  ],
  nodeSelector: { 'kubernetes.io/os': 'linux' },
};

describe('compileCel', () => {
  it('evaluates over JSON data with Kubernetes typing: integers are int, has() tests presence', () => {
    const spec = toCel(POD);
    const ok = (src: string): unknown => compileCel(src, ['spec']).evaluate({ spec });
    assert.equal(ok('spec.replicas + 1 == 4'), true);
    assert.equal(ok('spec.replicas / 2'), 1n); // integer division, as in the API server
    assert.equal(ok('spec.ratio * 2.0 == 1.0'), true);
    assert.equal(ok("spec.volumes.exists(v, has(v.hostPath) && v.hostPath.path.startsWith('/et'))"), true);
    assert.equal(ok("spec.volumes.filter(v, has(v.emptyDir)).map(v, v.name) == ['b']"), true);
    assert.equal(ok("spec.nodeSelector['kubernetes.io/os'].upperAscii() == 'LINUX'"), true);
    assert.equal(ok("'a,b'.split(',').size() == 2 && 'x'.matches('^[a-z]$')"), true);
    assert.equal(ok('has(spec.hostPID)'), false);
    // Reading a missing field is an error in CEL (guard with has()), reported with CEL's message.
    assert.throws(() => ok('spec.hostPID == true'), /CEL evaluation error: .*hostPID/);
  });

  it('reports syntax errors with the offset of the offending character', () => {
    const src = 'has(container.x) &&& true';
    const e = compileError(src);
    assert.equal(e.stage, 'parse');
    assert.equal(src.slice(e.offset).startsWith('&'), true, `offset ${e.offset}`);
    assert.ok(e.offset! >= src.indexOf('&'));
    assert.doesNotMatch(e.message, /<input>/);
  });

  it('rejects names the target does not bind and functions outside Kubernetes CEL', () => {
    const noContainer = compileError('container.name == "x"', VARIABLES.podTemplate);
    assert.equal(noContainer.stage, 'check');
    assert.match(
      noContainer.message,
      /undeclared reference to 'container' \(this target can read: object, spec, workload\)/,
    );
    assert.equal(noContainer.offset, 0);

    assert.match(compileError('spec.volumes.exists(v, v.x) && v == 1').message, /undeclared reference to 'v'/);
    assert.match(compileError('system("rm -rf /")').message, /undeclared function 'system'/);
    assert.match(
      compileError("spec.image.find('[0-9]+') == '1'").message,
      /'find' is a Kubernetes CEL library function/,
    );
    assert.match(compileError("sets.contains(['a'], ['a'])").message, /'sets\.contains' is a Kubernetes CEL/);
    assert.match(compileError("matches(spec.x, 'a')").message, /'matches' is a method/);
    assert.match(compileError('size(1).int()').message, /'int' is not a method/);
    assert.match(compileError('google.protobuf.Value{}').message, /message construction/);
    const pos = compileError('spec.x == 1 && nope(2)');
    assert.equal(pos.offset, 15);
  });

  it('accepts macros, type names and namespaced functions of the environment', () => {
    for (const src of [
      "spec.volumes.all(v, v.name != '')",
      'spec.volumes.exists_one(v, v.name == "a")',
      'type(spec) == map && type(spec.replicas) == int',
      "strings.quote('a') != ''",
      '[1, 2, 3].map(x, x * 2).filter(x, x > 2).size() == 2',
    ]) {
      assert.doesNotThrow(() => compileCel(src, ['spec']), src);
    }
  });

  it('converts each source object once', () => {
    const obj = { a: [{ b: 1 }] };
    assert.equal(toCel(obj), toCel(obj));
    assert.ok(toCel(obj) instanceof Map);
    assert.equal(toCel(2.5), 2.5);
    assert.equal(toCel(7), 7n);
    assert.equal(toCel(undefined), null);
  });
});
