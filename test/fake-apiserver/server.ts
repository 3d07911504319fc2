// A local HTTPS server that speaks enough of the Kubernetes API list protocol to test a collector: discovery
// (/version, /api, /apis, APIResourceLists), paginated lists with limit/continue/remainingItemCount, namespaced
// paths, single GETs, metadata-only responses (PartialObjectMetadataList) negotiated by Accept, Status errors,
// bearer-token authentication, gzip above 128 KiB, and faults per resource. Test-only.
//
// Shapes follow k8s.io/apimachinery/pkg/apis/meta/v1/types.go (ListMeta, Status, PartialObjectMetadataList) and
// k8s.io/apiserver/pkg/storage/etcd3 (continue tokens: base64 JSON {v, rv, start}).
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { KubeObject } from '../../src/model/k8s.ts';
import type { FakeResource } from './catalog.ts';
import { catalogFor, groupOf, verbsOf } from './catalog.ts';

const gzipAsync = promisify(gzip);
/** kube-apiserver compresses responses above this size when the client accepts gzip. */
const GZIP_THRESHOLD = 128 * 1024;
const RESOURCE_VERSION = 424242;

/** Which requests a fault applies to: a resource (plural, '*' for every list/get) and group, or an exact path. */
export interface FaultTarget {
  resource?: string;
  /** Group of `resource`; default: any group. */
  group?: string;
  path?: string;
}

export type Fault = FaultTarget &
  (
    | { type: 'forbidden' }
    | { type: 'not-found' }
    | { type: 'throttle'; times?: number; retryAfterSeconds?: number }
    | { type: 'expire-continue'; times?: number }
    | { type: 'error'; times?: number; status?: number }
    | { type: 'slow'; delayMs: number }
    | { type: 'close-mid-list'; times?: number }
  );

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  accept: string;
  authorization: string;
  /** Resource plural for list/get requests. */
  resource?: string;
  group?: string;
  status?: number;
  gzip?: boolean;
  /** What the response contained: full objects, metadata only, or nothing (errors, discovery). */
  served?: 'full' | 'partial';
}

export interface FakeApiServerOptions {
  objects: readonly KubeObject[];
  token: string;
  tls: { cert: string; key: string };
  /** Extra served resources (CRD groups, older versions) on top of the built-ins. */
  resources?: readonly FakeResource[];
  faults?: Fault[];
  version?: Record<string, string>;
}

export interface FakeApiServer {
  url: string;
  requests: RecordedRequest[];
  faults: Fault[];
  setToken(token: string): void;
  /** Called for each request before authentication (tests use it to act at an exact point). */
  onRequest?: (request: RecordedRequest) => void;
  /** Objects served for a resource, in list order (all namespaces). */
  served(group: string, kind: string): readonly KubeObject[];
  /** Stops listening and drops every open connection at once (a server that dies). */
  kill(): void;
  close(): Promise<void>;
}

const DEFAULT_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.4-eks-2d5f260',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.22.10',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function status(
  code: number,
  reason: string,
  message: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code, ...extra };
}

function objectKey(object: KubeObject): string {
  const ns = object.metadata.namespace;
  return typeof ns === 'string' && ns !== '' ? `${ns}/${object.metadata.name ?? ''}` : (object.metadata.name ?? '');
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** First index whose key is >= key, in a sorted array. */
function lowerBound(items: readonly { key: string }[], key: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Media negotiation for the forms the collector uses: full JSON, or metadata only (`as=PartialObjectMetadata[List]`). */
export function negotiate(accept: string, list: boolean): 'full' | 'partial' | 'none' {
  if (accept.trim() === '') return 'full';
  const wanted = list ? 'PartialObjectMetadataList' : 'PartialObjectMetadata';
  for (const part of accept.split(',')) {
    const [type = '', ...rawParams] = part.split(';').map((s) => s.trim());
    const params = new Map(
      rawParams.map((p) => {
        const eq = p.indexOf('=');
        return [p.slice(0, eq).trim(), p.slice(eq + 1).trim()] as const;
      }),
    );
    if (type !== 'application/json' && type !== 'application/*' && type !== '*/*') continue;
    const as = params.get('as');
    if (as === undefined) return 'full';
    if (
      as === wanted &&
      params.get('g') === 'meta.k8s.io' &&
      (params.get('v') === 'v1' || params.get('v') === 'v1beta1')
    ) {
      return 'partial';
    }
  }
  return 'none';
}

function withoutTypeMeta(object: KubeObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (key !== 'apiVersion' && key !== 'kind') out[key] = value;
  return out;
}

function partial(object: KubeObject): Record<string, unknown> {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

/** Field selectors (`a=b,c!=d`) over the fields kube-apiserver supports for these kinds, or an error message. */
function fieldSelector(text: string | undefined, kind: string): ((object: KubeObject) => boolean) | string {
  if (text === undefined || text.trim() === '') return () => true;
  const tests: ((object: KubeObject) => boolean)[] = [];
  for (const term of text.split(',')) {
    const match = /^\s*([\w.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
    if (match === null) return `invalid field selector: ${term}`;
    const [, field = '', op, value] = match;
    const read: ((o: KubeObject) => unknown) | undefined =
      field === 'metadata.name'
        ? (o) => o.metadata.name
        : field === 'metadata.namespace'
          ? (o) => o.metadata.namespace
          : field === 'type' && kind === 'Secret'
            ? (o) => o.type
            : undefined;
    if (read === undefined) return `field label not supported: ${field}`;
    tests.push((o) => (read(o) === value) === (op !== '!='));
  }
  return (object) => tests.every((t) => t(object));
}

interface Stored {
  key: string;
  object: KubeObject;
}

export async function startFakeApiServer(options: FakeApiServerOptions): Promise<FakeApiServer> {
  let token = options.token;
  const catalog = catalogFor(options.objects, options.resources);
  const faults: Fault[] = options.faults ?? [];
  const requests: RecordedRequest[] = [];
  const version = options.version ?? DEFAULT_VERSION;

  // Objects by group/kind, sorted by key as etcd returns them.
  const store = new Map<string, Stored[]>();
  for (const object of options.objects) {
    const id = `${groupOf(object.apiVersion).group}/${object.kind}`;
    const list = store.get(id) ?? [];
    list.push({ key: objectKey(object), object });
    store.set(id, list);
  }
  for (const list of store.values()) list.sort((a, b) => compareKeys(a.key, b.key));

  const groups: { name: string; versions: string[] }[] = [];
  for (const entry of catalog) {
    if (entry.group === '') continue;
    let group = groups.find((g) => g.name === entry.group);
    if (group === undefined) {
      group = { name: entry.group, versions: [] };
      groups.push(group);
    }
    if (!group.versions.includes(entry.version)) group.versions.push(entry.version);
  }

  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const matches = (fault: Fault, record: RecordedRequest): boolean => {
    if (fault.path !== undefined) return fault.path === record.path;
    if (fault.resource === undefined || record.resource === undefined) return false;
    if (fault.resource !== '*' && fault.resource !== record.resource) return false;
    return fault.group === undefined || fault.group === record.group;
  };
  /** The first matching fault of a type that still has uses left; consumes one use. */
  const take = <T extends Fault['type']>(type: T, record: RecordedRequest): Extract<Fault, { type: T }> | undefined => {
    for (const fault of faults) {
      if (fault.type !== type || !matches(fault, record)) continue;
      if ('times' in fault && fault.times !== undefined) {
        if (fault.times <= 0) continue;
        fault.times--;
      }
      return fault as Extract<Fault, { type: T }>;
    }
    return undefined;
  };

  const send = async (
    req: IncomingMessage,
    res: ServerResponse,
    record: RecordedRequest,
    code: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<void> => {
    record.status = code;
    let payload: Buffer = Buffer.from(JSON.stringify(body));
    const out: Record<string, string> = { 'Content-Type': 'application/json', ...headers };
    const acceptEncoding = req.headers['accept-encoding'];
    if (typeof acceptEncoding === 'string' && acceptEncoding.includes('gzip') && payload.length >= GZIP_THRESHOLD) {
      payload = await gzipAsync(payload);
      out['Content-Encoding'] = 'gzip';
      record.gzip = true;
    }
    out['Content-Length'] = String(payload.length);
    res.writeHead(code, out);
    res.end(payload);
  };

  const resourceList = (group: string, ver: string): Record<string, unknown> | undefined => {
    const entries = catalog.filter((e) => e.group === group && e.version === ver);
    if (entries.length === 0) return undefined;
    const resources: Record<string, unknown>[] = [];
    for (const e of entries) {
      resources.push({
        name: e.resource,
        singularName: e.kind.toLowerCase(),
        namespaced: e.namespaced,
        kind: e.kind,
        verbs: verbsOf(e),
        storageVersionHash: 'AAAAAAAAAAA=',
      });
      for (const sub of e.subresources ?? []) {
        resources.push({
          name: `${e.resource}/${sub}`,
          singularName: '',
          namespaced: e.namespaced,
          kind: e.kind,
          verbs: ['get', 'update'],
        });
      }
    }
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group === '' ? ver : `${group}/${ver}`,
      resources,
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'https://fake.invalid');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      accept: typeof req.headers.accept === 'string' ? req.headers.accept : '',
      authorization: typeof req.headers.authorization === 'string' ? req.headers.authorization : '',
    };
    requests.push(record);
    const reply = (code: number, body: unknown, headers?: Record<string, string>): Promise<void> =>
      send(req, res, record, code, body, headers);

    const segments = url.pathname.split('/').filter((s) => s !== '');
    // Resolve list/get requests to a catalog entry first so faults can match them.
    let group: string | undefined;
    let ver: string | undefined;
    let rest: string[] = [];
    if (segments[0] === 'api' && segments.length >= 2) {
      group = '';
      ver = segments[1];
      rest = segments.slice(2);
    } else if (segments[0] === 'apis' && segments.length >= 3) {
      group = segments[1];
      ver = segments[2];
      rest = segments.slice(3);
    }
    let namespace: string | undefined;
    let resourceName: string | undefined;
    let objectName: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      resourceName = rest[2];
      objectName = rest[3];
      if (rest.length > 4) resourceName = undefined;
    } else if (rest.length >= 1) {
      resourceName = rest[0];
      objectName = rest[1];
      if (rest.length > 2) resourceName = undefined;
    }
    const entry =
      group !== undefined && ver !== undefined && resourceName !== undefined
        ? catalog.find((e) => e.group === group && e.version === ver && e.resource === resourceName)
        : undefined;
    if (entry !== undefined) {
      record.resource = entry.resource;
      record.group = entry.group;
    }

    api.onRequest?.(record);
    if (record.authorization !== `Bearer ${token}`) {
      await reply(401, status(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    if (record.method !== 'GET') {
      await reply(
        405,
        status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'),
      );
      return;
    }

    const slow = faults.find((f): f is Extract<Fault, { type: 'slow' }> => f.type === 'slow' && matches(f, record));
    if (slow !== undefined) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, slow.delayMs);
        timers.add(timer);
      });
      if (res.destroyed) return;
    }
    const failure = take('error', record);
    if (failure !== undefined) {
      const code = failure.status ?? 500;
      await reply(
        code,
        status(
          code,
          code === 503 ? 'ServiceUnavailable' : 'InternalError',
          'an error on the server ("injected fault") has prevented the request from succeeding',
        ),
      );
      return;
    }

    // Discovery.
    if (url.pathname === '/version') {
      await reply(200, version);
      return;
    }
    if (url.pathname === '/api') {
      await reply(200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:443' }],
      });
      return;
    }
    if (url.pathname === '/apis') {
      await reply(200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: groups.map((g) => ({
          name: g.name,
          versions: g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v })),
          preferredVersion: { groupVersion: `${g.name}/${g.versions[0]!}`, version: g.versions[0]! },
        })),
      });
      return;
    }
    if (group !== undefined && ver !== undefined && rest.length === 0) {
      const list = resourceList(group, ver);
      if (list === undefined)
        await reply(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      else await reply(200, list);
      return;
    }

    if (entry === undefined || (namespace !== undefined && !entry.namespaced)) {
      await reply(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return;
    }
    const gv = entry.group === '' ? entry.version : `${entry.group}/${entry.version}`;
    const verb = objectName === undefined ? 'list' : 'get';
    if (take('forbidden', record) !== undefined) {
      const scope = namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
      await reply(
        403,
        status(
          403,
          'Forbidden',
          `${entry.resource}${entry.group === '' ? '' : `.${entry.group}`} is forbidden: User "system:serviceaccount:kubeseam:kubeseam" cannot ${verb} resource "${entry.resource}" in API group "${entry.group}" ${scope}`,
          { details: { kind: entry.resource, group: entry.group } },
        ),
      );
      return;
    }
    if (take('not-found', record) !== undefined) {
      await reply(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return;
    }
    const throttle = take('throttle', record);
    if (throttle !== undefined) {
      const seconds = throttle.retryAfterSeconds ?? 1;
      await reply(
        429,
        status(429, 'TooManyRequests', 'Too many requests, please try again later.', {
          details: { retryAfterSeconds: seconds },
        }),
        {
          'Retry-After': String(seconds),
        },
      );
      return;
    }

    const stored = store.get(`${entry.group}/${entry.kind}`) ?? [];
    const form = negotiate(record.accept, objectName === undefined);
    if (form === 'none') {
      await reply(
        406,
        status(406, 'NotAcceptable', `only the following media types are accepted: application/json, application/yaml`),
      );
      return;
    }

    if (objectName !== undefined) {
      const key = namespace === undefined ? objectName : `${namespace}/${objectName}`;
      const found = stored[lowerBound(stored, key)];
      if (found === undefined || found.key !== key) {
        await reply(
          404,
          status(404, 'NotFound', `${entry.resource} "${objectName}" not found`, {
            details: { name: objectName, kind: entry.resource },
          }),
        );
        return;
      }
      record.served = form;
      await reply(
        200,
        form === 'partial' ? partial(found.object) : { ...found.object, apiVersion: gv, kind: entry.kind },
      );
      return;
    }

    // List: namespace and field selector filters, then a page from the continue position.
    const selector = fieldSelector(record.query.fieldSelector, entry.kind);
    if (typeof selector === 'string') {
      await reply(400, status(400, 'BadRequest', selector));
      return;
    }
    const scoped = stored.filter(
      (s) => (namespace === undefined || s.object.metadata.namespace === namespace) && selector(s.object),
    );
    const limitText = record.query.limit;
    const limit =
      limitText !== undefined && /^\d+$/.test(limitText) && Number(limitText) > 0 ? Number(limitText) : Infinity;
    let start = 0;
    const continueToken = record.query.continue;
    if (continueToken !== undefined && continueToken !== '') {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(continueToken, 'base64').toString('utf8'));
      } catch {
        decoded = undefined;
      }
      const startKey =
        typeof decoded === 'object' && decoded !== null ? (decoded as { start?: unknown }).start : undefined;
      if (typeof startKey !== 'string') {
        await reply(
          400,
          status(
            400,
            'BadRequest',
            'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
          ),
        );
        return;
      }
      if (take('expire-continue', record) !== undefined) {
        // As upstream: 410 Expired, with a token for an inconsistent continuation the collector must not use.
        const inconsistent = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: -1, start: startKey })).toString(
          'base64',
        );
        await reply(
          410,
          status(
            410,
            'Expired',
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
            { metadata: { continue: inconsistent } },
          ),
        );
        return;
      }
      start = lowerBound(scoped, startKey);
    }
    const page = scoped.slice(start, start + limit);
    const end = start + page.length;
    const metadata: Record<string, unknown> = { resourceVersion: String(RESOURCE_VERSION) };
    if (end < scoped.length && page.length > 0) {
      metadata.continue = Buffer.from(
        JSON.stringify({ v: 'meta.k8s.io/v1', rv: RESOURCE_VERSION, start: `${page[page.length - 1]!.key}\u0000` }),
      ).toString('base64');
      metadata.remainingItemCount = scoped.length - end;
    }
    const body =
      form === 'partial'
        ? {
            kind: 'PartialObjectMetadataList',
            apiVersion: 'meta.k8s.io/v1',
            metadata,
            items: page.map((s) => partial(s.object)),
          }
        : {
            kind: `${entry.kind}List`,
            apiVersion: gv,
            metadata,
            items: page.map((s) =>
              entry.custom === true ? { ...s.object, apiVersion: gv, kind: entry.kind } : withoutTypeMeta(s.object),
            ),
          };
    record.served = form;

    if (continueToken !== undefined && take('close-mid-list', record) !== undefined) {
      // Headers and half a body, then the connection drops.
      const text = JSON.stringify(body);
      record.status = 200;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      res.socket?.destroy();
      return;
    }
    await reply(200, body);
  };

  const server = https.createServer({ cert: options.tls.cert, key: options.tls.key, keepAlive: true }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(status(500, 'InternalError', String(error))));
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // TLS handshakes that fail (a client without the CA) are expected in tests; keep them quiet.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;

  const stop = (): void => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    server.close();
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };

  const api: FakeApiServer = {
    url: `https://127.0.0.1:${address.port}`,
    requests,
    faults,
    setToken(next: string) {
      token = next;
    },
    served(groupName: string, kind: string) {
      return (store.get(`${groupName}/${kind}`) ?? []).map((s) => s.object);
    },
    kill: stop,
    close() {
      return new Promise<void>((resolve) => {
        stop();
        resolve();
      });
    },
  };
  return api;
}
