// Kubeconfig files for the fake API server: bearer token or exec plugin, with the server's certificate as
// certificate-authority-data (TLS verification on), or none, or insecure-skip-tls-verify.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

export const EXEC_PLUGIN = fileURLToPath(new URL('./exec-credential.js', import.meta.url));

export interface KubeconfigOptions {
  server: string;
  /** PEM to trust; omitted: the system CAs (which do not know the fake server). */
  caPem?: string;
  insecureSkipTlsVerify?: boolean;
  token?: string;
  /** Use the exec plugin; `env` is passed to it (FAKE_APISERVER_TOKEN, FAKE_EXEC_FAIL, FAKE_EXEC_LOG). */
  exec?: { env: Record<string, string> };
  context?: string;
  /** More contexts with the same cluster and user, to test context selection. */
  extraContexts?: string[];
}

export function kubeconfigYaml(options: KubeconfigOptions): string {
  const context = options.context ?? 'fake';
  const cluster: Record<string, unknown> = { server: options.server };
  if (options.caPem !== undefined)
    cluster['certificate-authority-data'] = Buffer.from(options.caPem).toString('base64');
  if (options.insecureSkipTlsVerify === true) cluster['insecure-skip-tls-verify'] = true;
  const user: Record<string, unknown> = {};
  if (options.token !== undefined) user.token = options.token;
  if (options.exec !== undefined) {
    user.exec = {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: process.execPath,
      args: [EXEC_PLUGIN],
      env: Object.entries(options.exec.env).map(([name, value]) => ({ name, value })),
      interactiveMode: 'Never',
    };
  }
  const contexts = [context, ...(options.extraContexts ?? [])].map((name) => ({
    name,
    context: { cluster: 'fake-cluster', user: 'fake-user' },
  }));
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'fake-cluster', cluster }],
    users: [{ name: 'fake-user', user }],
    contexts,
    'current-context': context,
  });
}

/** Writes a kubeconfig into `dir` and returns its path. */
export function writeKubeconfig(dir: string, name: string, options: KubeconfigOptions): string {
  const path = join(dir, name);
  writeFileSync(path, kubeconfigYaml(options), { mode: 0o600 });
  return path;
}
