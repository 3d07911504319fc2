import type { KubeConfig } from '@kubernetes/client-node';
import { loadClientNode } from './client-node.ts';
import { CollectError } from './errors.ts';

/** The cluster and credentials one collection talks to, resolved from a kubeconfig context. */
export interface ClusterTarget {
  kubeConfig: KubeConfig;
  /** Where the kubeconfig came from, for messages. */
  source: string;
  contextName: string;
  clusterName: string;
  userName: string;
  /** The server URL exactly as the kubeconfig writes it. */
  server: string;
  url: URL;
  skipTlsVerify: boolean;
  /** A proxy-url is set: requests go through the client's proxy agent. */
  proxied: boolean;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' ? code : undefined;
}

async function load(kubeconfig: string | undefined): Promise<{ kc: KubeConfig; source: string }> {
  const { KubeConfig } = await loadClientNode();
  const kc = new KubeConfig();
  const envPath = process.env.KUBECONFIG;
  const source =
    kubeconfig ??
    (envPath !== undefined && envPath !== '' ? `KUBECONFIG=${envPath}` : 'the default kubeconfig (~/.kube/config)');
  try {
    if (kubeconfig !== undefined) kc.loadFromFile(kubeconfig);
    else kc.loadFromDefault();
  } catch (error) {
    if (errorCode(error) === 'ENOENT')
      throw new CollectError('input', `kubeconfig ${source} not found`, { cause: error });
    throw new CollectError('input', `kubeconfig ${source} is not valid: ${errorText(error)}`, { cause: error });
  }
  // loadFromDefault falls back to an unauthenticated http://localhost:8080 cluster when it finds nothing;
  // that is never what a scanner should talk to.
  const cluster = kc.getCurrentCluster();
  if (
    kubeconfig === undefined &&
    kc.getCurrentContext() === 'loaded-context' &&
    cluster?.server === 'http://localhost:8080'
  ) {
    throw new CollectError(
      'input',
      'no kubeconfig found: set KUBECONFIG, pass --kubeconfig, or create ~/.kube/config (or run in a pod with a service account)',
    );
  }
  return { kc, source };
}

/** Loads the kubeconfig (a file, or the default search: KUBECONFIG, ~/.kube/config, in-cluster) and selects a context. */
export async function loadClusterTarget(options: { kubeconfig?: string; context?: string }): Promise<ClusterTarget> {
  const { kc, source } = await load(options.kubeconfig);
  if (options.context !== undefined) {
    if (kc.getContextObject(options.context) === null) {
      const names = kc.getContexts().map((c) => c.name);
      const available = names.length > 0 ? `available: ${names.join(', ')}` : 'it defines no contexts';
      throw new CollectError('input', `context "${options.context}" not found in kubeconfig ${source} (${available})`);
    }
    kc.setCurrentContext(options.context);
  }
  const contextName = kc.getCurrentContext();
  if (typeof contextName !== 'string' || contextName === '') {
    throw new CollectError('input', `kubeconfig ${source} has no current-context; pass --context`);
  }
  const context = kc.getContextObject(contextName);
  if (context === null)
    throw new CollectError('input', `current-context "${contextName}" is not defined in kubeconfig ${source}`);
  const cluster = kc.getCluster(context.cluster);
  if (cluster === null) {
    throw new CollectError(
      'input',
      `context "${contextName}" names cluster "${context.cluster}", which kubeconfig ${source} does not define`,
    );
  }
  if (kc.getUser(context.user) === null) {
    throw new CollectError(
      'input',
      `context "${contextName}" names user "${context.user}", which kubeconfig ${source} does not define`,
    );
  }
  let url: URL;
  try {
    url = new URL(cluster.server);
  } catch (error) {
    throw new CollectError(
      'input',
      `cluster "${cluster.name}" in kubeconfig ${source} has an invalid server URL "${cluster.server}"`,
      {
        cause: error,
      },
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CollectError('input', `cluster "${cluster.name}" server ${cluster.server} is not an http(s) URL`);
  }
  if (url.protocol === 'http:' && !cluster.skipTLSVerify) {
    // Same rule as the official client: plain HTTP only when the kubeconfig explicitly opts out of TLS.
    throw new CollectError(
      'input',
      `cluster "${cluster.name}" server ${cluster.server} uses plain HTTP without insecure-skip-tls-verify`,
    );
  }
  return {
    kubeConfig: kc,
    source,
    contextName,
    clusterName: cluster.name,
    userName: context.user,
    server: cluster.server,
    url,
    skipTlsVerify: cluster.skipTLSVerify,
    proxied: typeof cluster.proxyUrl === 'string' && cluster.proxyUrl !== '',
  };
}

/** Every context of a kubeconfig, for fleet scans (`--all-contexts`). */
export async function listContexts(kubeconfig?: string): Promise<string[]> {
  const { kc } = await load(kubeconfig);
  return kc.getContexts().map((c) => c.name);
}
