/** Field paths as findings write them: `spec.containers[0].securityContext.privileged`, `metadata.annotations["a.b/c"]`. */
export type PathSegment = string | number;

export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  let cur = '';
  const flush = (): void => {
    if (cur !== '') out.push(cur);
    cur = '';
  };
  while (i < path.length) {
    const ch = path[i]!;
    if (ch === '.') {
      flush();
      i++;
    } else if (ch === '[') {
      flush();
      const end = path.indexOf(']', i);
      if (end < 0) break;
      const inner = path.slice(i + 1, end);
      if (inner.startsWith('"')) out.push(JSON.parse(inner) as string);
      else out.push(Number(inner));
      i = end + 1;
    } else {
      cur += ch;
      i++;
    }
  }
  flush();
  return out;
}

/** Appends a key to a path, quoting keys that would not read back as one dotted segment. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

export function concatPath(base: string, rel: string): string {
  if (base === '') return rel;
  if (rel === '') return base;
  return rel.startsWith('[') ? base + rel : `${base}.${rel}`;
}
