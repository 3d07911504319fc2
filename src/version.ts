import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's root: the nearest folder above this module with kubeseam's package.json. Found by walking
 * up, so it holds whether the code runs from src/ through tsx or from the bundle in dist/.
 */
export const PACKAGE_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'kubeseam') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('kubeseam: cannot find its package.json');
    dir = up;
  }
})();

/** The package version, read once from package.json so there is one place to bump it. */
export const VERSION: string = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
