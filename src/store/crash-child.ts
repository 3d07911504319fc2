// Test support for the crash test in test/store.test.ts, run as `node --import tsx crash-child.ts URL WORKLOADS`:
// saves a large scan and, inside the save transaction after the findings are written, prints PAUSED and waits to
// be killed. The pause is a hook passed to saveScan; the library itself reads no test switches.
import { fixtureScan } from '../history/fixtures.ts';
import { openStore } from './index.ts';

const [url, workloads] = process.argv.slice(2);
if (url === undefined) {
  process.stderr.write('usage: crash-child.ts STORE_URL [EXTRA_WORKLOADS]\n');
  process.exit(2);
}
const store = await openStore(url);
await store.saveScan(fixtureScan('a', { extraWorkloads: Number(workloads ?? '0') }), {
  clusterKey: 'crash-test',
  hooks: {
    afterFindings: () => {
      process.stdout.write('PAUSED\n');
      // Keep the process (and the open transaction) alive until the test kills it.
      setInterval(() => undefined, 60_000);
      return new Promise<never>(() => undefined);
    },
  },
});
process.stderr.write('crash-child: the save completed, but it should have been killed first\n');
process.exit(1);
