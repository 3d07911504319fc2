// Runs the fake API server on its own (for benchmarks, so the server does not share the collector's event loop):
//   node --import tsx test/fake-apiserver/main.ts --pods 150000 --nodes 5000
// Prints one JSON line {url, ca, token, objects} when ready; exits when stdin closes.
import { parseArgs } from 'node:util';
import { generateNodes, generatePods, smallCluster } from './fixtures.ts';
import { startFakeApiServer } from './server.ts';
import { testCertificate } from './tls.ts';

const { values } = parseArgs({
  options: { pods: { type: 'string', default: '0' }, nodes: { type: 'string', default: '0' } },
});
const nodes = generateNodes(Number(values.nodes));
const pods = generatePods(
  Number(values.pods),
  nodes.map((n) => n.metadata.name ?? ''),
);
const objects = [...smallCluster(), ...nodes, ...pods];
const tls = testCertificate();
const token = 'bench-token';
const server = await startFakeApiServer({ objects, token, tls });
process.stdout.write(`${JSON.stringify({ url: server.url, ca: tls.cert, token, objects: objects.length })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
