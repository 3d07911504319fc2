// Collection throughput against the fake API server (test/fake-apiserver) in a child process, so the server does not
// share the collector's event loop; then the snapshot serialised as `kubeseam collect --output x.json.gz` writes it.
// The server serves its own 150,000 pods and 5,000 nodes (plus a small cluster's worth of other kinds), or with
// --snapshot every object of a snapshot from bench/generate.ts. Not a test: prints figures.
// Run: npx tsx bench/collect.ts [--pods N] [--nodes N] [--snapshot FILE] [--page-size N] [--concurrency N]
import { parseArgs } from 'node:util';
import { measureCollection } from './lib/collect.ts';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '150000' },
    nodes: { type: 'string', default: '5000' },
    snapshot: { type: 'string' },
    'page-size': { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '4' },
  },
});

const r = await measureCollection({
  ...(values.snapshot ? { snapshot: values.snapshot } : { pods: Number(values.pods), nodes: Number(values.nodes) }),
  pageSize: Number(values['page-size']),
  concurrency: Number(values.concurrency),
});
console.log(`served objects:   ${r.served}`);
console.log(`collected:        ${r.collected} objects (${r.pods} pods, ${r.nodes} nodes)`);
console.log(
  `wall time:        ${(r.wallMs / 1000).toFixed(2)} s (page size ${values['page-size']}, concurrency ${values.concurrency})`,
);
console.log(
  `throughput:       ${Math.round(r.objectsPerSecond)} objects/s (collector cpu ${(r.cpuMs / 1000).toFixed(1)} s)`,
);
console.log(`serialised:       ${r.serializedMiB.toFixed(0)} MiB gzip in ${(r.serializeMs / 1000).toFixed(1)} s`);
console.log(`peak RSS:         ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
if (r.notListed.length > 0) console.log(`not fully listed: ${r.notListed.join(', ')}`);
