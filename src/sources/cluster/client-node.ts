// Loads @kubernetes/client-node on first use (the CLI pays for it only when collecting live).
//
// Pinned to @kubernetes/client-node 1.x: 2.x depends on undici 8, which needs Node.js >= 22.19.
type ClientNode = typeof import('@kubernetes/client-node');

let loading: Promise<ClientNode> | undefined;

export function loadClientNode(): Promise<ClientNode> {
  if (loading === undefined) {
    loading = import('@kubernetes/client-node');
  }
  return loading;
}
