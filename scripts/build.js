#!/usr/bin/env node
// Bundles the CLI into dist/kubeseam.js with esbuild (tsx's own dependency), so `kubeseam` starts in a fraction of
// the time that compiling the TypeScript sources on every run takes. Dependencies stay external (node_modules).
// Runs on `npm ci`/`npm install` (prepare); bin/kubeseam.js falls back to the sources when dist/ is absent or stale.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: 'dist/kubeseam.js',
  legalComments: 'none',
  logLevel: 'warning',
});
