/** How a saved scan is named on the command line: its id (or a unique prefix of 4+ characters), `last`, `last~N`. */
export type ScanRef = { kind: 'last'; back: number } | { kind: 'id'; prefix: string };

const LAST = /^last(?:~(\d{1,6}))?$/;
// Ids are lower-case UUIDs; a prefix is hex and dashes only, which also makes it safe inside LIKE.
const ID_PREFIX = /^[0-9a-f][0-9a-f-]{3,35}$/;

export function parseScanRef(ref: string): ScanRef | undefined {
  const last = LAST.exec(ref);
  if (last) return { kind: 'last', back: last[1] === undefined ? 0 : Number(last[1]) };
  const id = ref.toLowerCase();
  return ID_PREFIX.test(id) ? { kind: 'id', prefix: id } : undefined;
}

/** True when `ref` names a saved scan rather than a file. */
export function isScanRef(ref: string): boolean {
  return parseScanRef(ref) !== undefined;
}
