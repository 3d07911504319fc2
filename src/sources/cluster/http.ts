import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { ClusterTarget } from './kubeconfig.ts';
import { VERSION } from '../../version.ts';
import { CollectError, TransportError, oneLine } from './errors.ts';

const gunzipAsync = promisify(gunzip);

export interface RetryOptions {
  /** Attempts per request, the first included (default 5). */
  attempts?: number;
  /** First backoff delay; doubles per attempt (default 250 ms). */
  baseDelayMs?: number;
  /** Largest backoff delay (default 8 s). */
  maxDelayMs?: number;
  /** Largest wait a server's Retry-After may impose (default 60 s). */
  maxRetryAfterMs?: number;
}

export interface ApiClientOptions {
  /** Per-request timeout, body included (default 60 s). */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Upper bound of open connections (keep-alive). */
  maxSockets: number;
  signal: AbortSignal;
}

export interface ApiResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed body when it is JSON. */
  json: unknown;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** Certificate and TLS failures: retrying cannot help, the kubeconfig must change. */
function isTlsFailure(code: string | undefined): boolean {
  if (code === undefined) return false;
  return (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.startsWith('CERT_') ||
    code.startsWith('UNABLE_TO_') ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN' ||
    code === 'HOSTNAME_MISMATCH'
  );
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' ? code : undefined;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Message of a Kubernetes `Status` body, else the start of the body text. */
export function statusMessage(response: ApiResponse): string {
  const body = response.json;
  if (typeof body === 'object' && body !== null) {
    const message = (body as { message?: unknown }).message;
    const reason = (body as { reason?: unknown }).reason;
    if (typeof message === 'string' && message !== '') return oneLine(message);
    if (typeof reason === 'string' && reason !== '') return reason;
  }
  const text = oneLine(response.text, 200);
  return text === '' ? `HTTP ${response.status}` : text;
}

/** Wait asked by the server: the Retry-After header (seconds or HTTP date), else Status details.retryAfterSeconds. */
export function retryAfterMs(response: ApiResponse, now = Date.now()): number | undefined {
  const header = response.headers['retry-after'];
  if (typeof header === 'string' && header.trim() !== '') {
    const value = header.trim();
    if (/^\d+$/.test(value)) return Number(value) * 1000;
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const body = response.json;
  if (typeof body === 'object' && body !== null) {
    const details = (body as { details?: unknown }).details;
    if (typeof details === 'object' && details !== null) {
      const seconds = (details as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    }
  }
  return undefined;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

type Agent = http.Agent | https.Agent;

/** Headers the client set, as an object (it never uses the raw-array form). */
function headerObject(headers: https.RequestOptions['headers']): http.OutgoingHttpHeaders {
  const isList = (value: unknown): value is readonly unknown[] => Array.isArray(value);
  return headers === undefined || isList(headers) ? {} : headers;
}

/** TLS material (string, Buffer, arrays of them, key objects) as text, to tell TLS identities apart. */
function tlsPart(value: unknown): string {
  if (value === undefined) return '-';
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(tlsPart).join(',');
  return JSON.stringify(value) ?? '?';
}

/**
 * Issues GET requests to one API server with the kubeconfig's credentials (tokens, client certificates, exec
 * plugins, all applied by @kubernetes/client-node), keep-alive connections, a per-request timeout, and retries
 * with exponential backoff on 429, 5xx and transport errors, honouring Retry-After.
 */
export class ApiClient {
  readonly target: ClusterTarget;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly maxSockets: number;
  private readonly signal: AbortSignal;
  private readonly agents = new Map<string, Agent>();
  private readonly basePath: string;
  private credentialQueue: Promise<unknown> = Promise.resolve();

  constructor(target: ClusterTarget, options: ApiClientOptions) {
    this.target = target;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.attempts = Math.max(1, options.retry?.attempts ?? 5);
    this.baseDelayMs = Math.max(0, options.retry?.baseDelayMs ?? 250);
    this.maxDelayMs = Math.max(this.baseDelayMs, options.retry?.maxDelayMs ?? 8_000);
    this.maxRetryAfterMs = Math.max(0, options.retry?.maxRetryAfterMs ?? 60_000);
    this.maxSockets = options.maxSockets;
    this.signal = options.signal;
    // A server URL may carry a path prefix (e.g. a Rancher or Teleport proxy); API paths are appended to it.
    this.basePath = target.url.pathname.replace(/\/+$/, '');
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  /**
   * GET with retries. Returns the final response whatever its status, except 401, which throws an access
   * CollectError because nothing else will succeed either. Throws TransportError when no response came.
   */
  async get(path: string, query: Record<string, string>, accept: string): Promise<ApiResponse> {
    for (let attempt = 1; ; attempt++) {
      let delay: number;
      try {
        const response = await this.once(path, query, accept);
        if (response.status === 401) {
          throw new CollectError(
            'access',
            `credentials rejected by ${this.target.server} (401): token expired or invalid; refresh your kubeconfig credentials`,
          );
        }
        if (!RETRYABLE_STATUS.has(response.status) || attempt >= this.attempts) return response;
        const asked = retryAfterMs(response);
        delay = asked === undefined ? this.backoff(attempt) : Math.min(asked, this.maxRetryAfterMs);
      } catch (error) {
        if (!(error instanceof TransportError) || !error.retryable || attempt >= this.attempts) throw error;
        delay = this.backoff(attempt);
      }
      await sleep(delay, this.signal);
    }
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    // Equal jitter: concurrent lists that failed together do not retry in lockstep.
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  /**
   * Credentials for one request. Serialized: the client caches exec-plugin credentials only once a call has
   * finished, so concurrent first requests would each run the plugin (`aws eks get-token` takes a second).
   */
  private credentials(): Promise<https.RequestOptions> {
    const next = this.credentialQueue.then(() => this.applyCredentials());
    this.credentialQueue = next.catch(() => undefined);
    return next;
  }

  private async applyCredentials(): Promise<https.RequestOptions> {
    const options: https.RequestOptions = { headers: {} };
    try {
      await this.target.kubeConfig.applyToHTTPSOptions(options);
    } catch (error) {
      const user = this.target.kubeConfig.getUser(this.target.userName);
      const exec: unknown = user?.exec;
      const command =
        typeof exec === 'object' && exec !== null && typeof (exec as { command?: unknown }).command === 'string'
          ? (exec as { command: string }).command
          : undefined;
      const what =
        command === undefined
          ? `credentials for user "${this.target.userName}" in kubeconfig ${this.target.source}`
          : `credential plugin "${command}" (user "${this.target.userName}")`;
      const kind = errorCode(error) === 'ENOENT' ? 'input' : 'access';
      const detail = oneLine(errorText(error), 200);
      throw new CollectError(kind, `${what} failed: ${detail === '' ? 'no output' : detail}`, { cause: error });
    }
    return options;
  }

  private agentFor(options: https.RequestOptions): Agent | undefined {
    if (this.target.proxied) return typeof options.agent === 'object' ? options.agent : undefined;
    const tls = {
      ca: options.ca,
      cert: options.cert,
      key: options.key,
      pfx: options.pfx,
      passphrase: options.passphrase,
      servername: options.servername,
    };
    // Exec plugins may rotate client certificates; one agent per distinct TLS identity.
    const hash = createHash('sha256');
    for (const value of Object.values(tls)) hash.update(tlsPart(value)).update('\0');
    const key = hash.digest('hex');
    let agent = this.agents.get(key);
    if (agent === undefined) {
      const common = { keepAlive: true, maxSockets: this.maxSockets, maxFreeSockets: this.maxSockets };
      agent =
        this.target.url.protocol === 'http:'
          ? new http.Agent(common)
          : new https.Agent({
              ...common,
              ...tls,
              // Verification stays on unless the kubeconfig sets insecure-skip-tls-verify.
              rejectUnauthorized: !this.target.skipTlsVerify,
            });
      this.agents.set(key, agent);
    }
    return agent;
  }

  private async once(path: string, query: Record<string, string>, accept: string): Promise<ApiResponse> {
    this.signal.throwIfAborted();
    const options = await this.credentials();
    const search = new URLSearchParams(query).toString();
    const url = this.target.url;
    const headers: http.OutgoingHttpHeaders = {
      ...headerObject(options.headers),
      Accept: accept,
      'Accept-Encoding': 'gzip',
      'User-Agent': `kubeseam/${VERSION}`,
    };
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = AbortSignal.any([this.signal, timeout]);
    const request: https.RequestOptions = {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port === '' ? undefined : Number(url.port),
      path: `${this.basePath}${path}${search === '' ? '' : `?${search}`}`,
      headers,
      agent: this.agentFor(options),
      signal,
    };
    if (options.auth !== undefined) request.auth = options.auth;
    const where = `${url.origin}${request.path ?? ''}`;
    const failed = (error: unknown): Error => {
      if (this.signal.aborted) return this.signal.reason as Error;
      if (timeout.aborted)
        return new TransportError(`request to ${where} timed out after ${this.timeoutMs} ms`, true, 'ETIMEDOUT');
      const code = errorCode(error);
      if (isTlsFailure(code)) {
        return new TransportError(
          `TLS verification of ${url.origin} failed: ${errorText(error)} (${code}); check certificate-authority(-data) in kubeconfig ${this.target.source}`,
          false,
          code,
          error,
        );
      }
      return new TransportError(`cannot reach ${where}: ${errorText(error)}`, true, code, error);
    };
    const send = url.protocol === 'http:' ? http.request : https.request;
    const { status, responseHeaders, body } = await new Promise<{
      status: number;
      responseHeaders: http.IncomingHttpHeaders;
      body: Buffer;
    }>((resolve, reject) => {
      const req = send(request, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => reject(failed(error)));
        res.on('end', () => {
          if (!res.complete) {
            reject(failed(new Error('connection closed before the response was complete')));
            return;
          }
          resolve({ status: res.statusCode ?? 0, responseHeaders: res.headers, body: Buffer.concat(chunks) });
        });
        res.on('close', () => {
          if (!res.complete) reject(failed(new Error('connection closed before the response was complete')));
        });
      });
      req.on('error', (error) => reject(failed(error)));
      req.end();
    });
    let raw = body;
    if (responseHeaders['content-encoding'] === 'gzip') {
      try {
        raw = await gunzipAsync(body);
      } catch (error) {
        throw new TransportError(`corrupt gzip body from ${where}: ${errorText(error)}`, true, undefined, error);
      }
    }
    const text = raw.toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { status, headers: responseHeaders, text, json: undefined };
    }
    // A parsed page can be large; keep its text only where error messages may need it.
    return { status, headers: responseHeaders, text: status < 300 ? '' : text, json };
  }
}
