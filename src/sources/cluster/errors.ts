/** Why a live collection could not produce a snapshot at all. */
export type CollectErrorKind = 'access' | 'input' | 'network';

/** Collapses whitespace so an error prints as one line on stderr, and bounds its length. */
export function oneLine(text: string, max = 400): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * A collection failure the user must act on: rejected credentials (`access`), a kubeconfig or option
 * problem (`input`), or an API server that cannot be reached or discovered (`network`). The message is
 * one line naming the resource or kubeconfig problem.
 */
export class CollectError extends Error {
  readonly kind: CollectErrorKind;
  readonly resource?: string;

  constructor(kind: CollectErrorKind, message: string, options: { resource?: string; cause?: unknown } = {}) {
    super(oneLine(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CollectError';
    this.kind = kind;
    if (options.resource !== undefined) this.resource = options.resource;
  }
}

/** A request that got no HTTP response (refused, reset, timed out, TLS failure). */
export class TransportError extends Error {
  readonly retryable: boolean;
  readonly code?: string;

  constructor(message: string, retryable: boolean, code?: string, cause?: unknown) {
    super(oneLine(message), cause === undefined ? undefined : { cause });
    this.name = 'TransportError';
    this.retryable = retryable;
    if (code !== undefined) this.code = code;
  }
}
