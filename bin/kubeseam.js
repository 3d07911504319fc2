#!/usr/bin/env node
// Runs the bundled CLI (dist/kubeseam.js, built by `npm run build` on install) when it is current; otherwise runs the
// TypeScript sources through tsx's loader, so a checkout with edited sources never runs a stale bundle.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'kubeseam.js');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const src = join(root, 'src');
const useBundle = existsSync(bundle) && (!existsSync(src) || statSync(bundle).mtimeMs >= newestSource(src));

let main;
if (useBundle) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
