// The fake API server (test/fake-apiserver) serving the objects of a generated snapshot, as its own process so that
// it does not share the collector's event loop or heap.
//   node --import tsx bench/lib/apiserver.ts FILE.snapshot.json.gz
// Prints one JSON line {url, ca, token, objects} when ready; exits when stdin closes.
import { readSnapshotFile } from '../../src/sources/snapshot.ts';
import { startFakeApiServer } from '../../test/fake-apiserver/server.ts';
import { testCertificate } from '../../test/fake-apiserver/tls.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: bench/lib/apiserver.ts FILE');
const { objects } = await readSnapshotFile(file);
const tls = testCertificate();
const token = 'bench-token';
const server = await startFakeApiServer({ objects, token, tls });
process.stdout.write(`${JSON.stringify({ url: server.url, ca: tls.cert, token, objects: objects.length })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
