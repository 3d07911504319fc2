/**
 * Container image references, normalised the way the container runtime resolves them (distribution/reference:
 * a first component with a dot, a colon or `localhost` is a registry host; otherwise Docker Hub, with `library/`
 * for single-name images).
 */
export interface ImageRef {
  /** The reference as written. */
  raw: string;
  /** `host/path`, lower-case host, no tag or digest: what catalog patterns match. */
  repository: string;
  host: string;
  path: string;
  tag?: string;
  digest?: string;
}

/** True for template placeholders that never reach a running cluster (`${IMAGE}`, `{{ .Values.image }}`, `$(VAR)`). */
export function isUnresolvedImage(image: string): boolean {
  return /\$\{|\{\{|\$\(/.test(image);
}

export function parseImageRef(image: string): ImageRef | undefined {
  const raw = image.trim();
  if (raw === '' || /\s/.test(raw) || isUnresolvedImage(raw)) return undefined;
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (rest === '') return undefined;
  const first = rest.split('/')[0]!;
  let host: string;
  let path: string;
  if (rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    host = first.toLowerCase();
    path = rest.slice(first.length + 1);
  } else {
    host = 'docker.io';
    path = rest.includes('/') ? rest : `library/${rest}`;
  }
  if (host === 'index.docker.io' || host === 'registry-1.docker.io') host = 'docker.io';
  const ref: ImageRef = { raw, repository: `${host}/${path}`, host, path };
  if (tag !== undefined && tag !== '') ref.tag = tag;
  if (digest !== undefined && digest !== '') ref.digest = digest;
  return ref;
}
