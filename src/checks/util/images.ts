// Container image references: `[registry/]repository[:tag][@digest]` (distribution/reference grammar).

export interface ImageRef {
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  // A tag is after the last ':' that follows the last '/' (a ':' before it is a registry port).
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const out: ImageRef = { repository: rest };
  if (tag !== undefined && tag !== '') out.tag = tag;
  if (digest !== undefined && digest !== '') out.digest = digest;
  return out;
}

/** Pinned when it names a content digest; the tag, if any, is then ignored by the runtime. */
export function isDigestPinned(ref: ImageRef): boolean {
  return ref.digest !== undefined && /^[a-z0-9]+([+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/.test(ref.digest);
}

/** `latest`, or no tag at all (which the runtime resolves to `latest`). */
export function isLatest(ref: ImageRef): boolean {
  return ref.tag === undefined || ref.tag === 'latest';
}
