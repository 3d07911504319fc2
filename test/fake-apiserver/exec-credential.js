#!/usr/bin/env node
// TEST-ONLY exec credential plugin, like `aws eks get-token` or `kubelogin`: prints an ExecCredential with the
// token from FAKE_APISERVER_TOKEN (client.authentication.k8s.io/v1). FAKE_EXEC_FAIL=1 makes it fail as an
// expired SSO session would. FAKE_EXEC_LOG names a file that gets one line per invocation.
import { appendFileSync } from 'node:fs';

if (process.env.FAKE_EXEC_LOG) appendFileSync(process.env.FAKE_EXEC_LOG, 'called\n');
if (process.env.FAKE_EXEC_FAIL === '1') {
  process.stderr.write('error: the SSO session has expired\nrun login again\n');
  process.exit(1);
}
const credential = {
  apiVersion: 'client.authentication.k8s.io/v1',
  kind: 'ExecCredential',
  status: {
    token: process.env.FAKE_APISERVER_TOKEN ?? '',
    expirationTimestamp: new Date(Date.now() + 15 * 60 * 1000).toISOString(),
  },
};
process.stdout.write(JSON.stringify(credential));
