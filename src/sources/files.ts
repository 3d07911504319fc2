import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, extname, resolve } from 'node:path';
import { LineCounter, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import { KubeseamError } from '../errors.ts';
import type { KubeObject } from '../model/k8s.ts';
import { parsePath } from '../model/paths.ts';
import type { Origin, SourcedObject } from '../model/types.ts';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Reads Kubernetes objects from YAML or JSON text, keeping each object's position for findings. */
export function parseManifestText(text: string, file: string): SourcedObject[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
  // parseAllDocuments returns an EmptyStream-like array for empty input.
  const out: SourcedObject[] = [];
  for (const doc of Array.isArray(docs) ? docs : []) {
    const err = doc.errors[0];
    if (err) {
      const pos = lineCounter.linePos(err.pos[0]);
      throw new KubeseamError('input', `invalid YAML: ${firstLine(err.message)}`, {
        file,
        line: pos.line,
        column: pos.col,
      });
    }
    if (doc.contents === null) continue; // empty document (`---` alone, Helm blank templates)
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) continue;
    const where = position(doc.contents, lineCounter, file);
    collectObjects(value, doc, [], where, lineCounter, file, out);
  }
  return out;
}

function collectObjects(
  value: unknown,
  doc: Document,
  basePath: (string | number)[],
  where: Origin,
  lineCounter: LineCounter,
  file: string,
  out: SourcedObject[],
): void {
  if (!isPlainObject(value)) {
    throw new KubeseamError('input', 'document is not a Kubernetes object (expected a mapping)', {
      file,
      line: where.line,
      column: where.column,
    });
  }
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') {
    throw new KubeseamError('input', 'document is not a Kubernetes object (missing apiVersion or kind)', {
      file,
      line: where.line,
      column: where.column,
    });
  }
  // `kind: List` and `<Kind>List` as `kubectl get -o yaml` writes them: each item is an object of its own.
  if ((kind === 'List' || kind.endsWith('List')) && Array.isArray(value.items)) {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    value.items.forEach((item: unknown, i: number) => {
      const itemPath = [...basePath, 'items', i];
      const node = doc.getIn(itemPath, true);
      const itemWhere = isYamlNode(node) ? position(node, lineCounter, file) : where;
      // Items of typed lists omit apiVersion and kind; restore them from the list.
      if (isPlainObject(item) && itemKind !== undefined) {
        item.kind ??= itemKind;
        item.apiVersion ??= apiVersion;
      }
      collectObjects(item, doc, itemPath, itemWhere, lineCounter, file, out);
    });
    return;
  }
  if (!isPlainObject(value.metadata)) {
    throw new KubeseamError('input', `${kind} has no metadata`, { file, line: where.line, column: where.column });
  }
  const object = value as KubeObject;
  const locate = (path: string): Origin | undefined => {
    const segs = [...basePath, ...parsePath(path)];
    // The deepest node that exists: a finding about a missing field points at its parent.
    for (let n = segs.length; n >= basePath.length; n--) {
      const node = doc.getIn(segs.slice(0, n), true);
      if (isYamlNode(node)) return position(node, lineCounter, file);
    }
    return undefined;
  };
  out.push({ object, origin: where, locate });
}

function position(node: YamlNode, lineCounter: LineCounter, file: string): Origin {
  const offset = node.range?.[0] ?? 0;
  const { line, col } = lineCounter.linePos(offset);
  return { file, line, column: col };
}

function isYamlNode(x: unknown): x is YamlNode {
  return typeof x === 'object' && x !== null && 'range' in x;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function firstLine(s: string): string {
  // The position is already in the prefix; drop yaml's own ' at line N, column M:' tail.
  return (s.split('\n')[0] ?? s).replace(/ at line \d+, column \d+:?$/, '');
}

export interface FileSourceResult {
  objects: SourcedObject[];
  files: string[];
}

/**
 * Reads files, folders (recursively: .yaml, .yml, .json) and `-` for stdin.
 * `readStdin` is injected so the library does not bind to process.stdin.
 */
export async function loadManifestPaths(
  paths: string[],
  options: { cwd?: string; readStdin?: () => Promise<string> } = {},
): Promise<FileSourceResult> {
  const cwd = options.cwd ?? process.cwd();
  const objects: SourcedObject[] = [];
  const files: string[] = [];
  for (const p of paths) {
    if (p === '-') {
      if (!options.readStdin) throw new KubeseamError('usage', 'reading from stdin is not available here');
      objects.push(...parseManifestText(await options.readStdin(), '<stdin>'));
      files.push('<stdin>');
      continue;
    }
    const full = resolve(cwd, p);
    let st;
    try {
      st = await stat(full);
    } catch {
      throw new KubeseamError('input', 'no such file or folder', { file: p });
    }
    const list = st.isDirectory() ? await walk(full) : [full];
    if (st.isDirectory() && list.length === 0) {
      throw new KubeseamError('input', 'folder holds no Kubernetes manifests (.yaml, .yml, .json)', { file: p });
    }
    for (const f of list) {
      const shown = displayName(f, cwd);
      let text: string;
      try {
        text = await readFile(f, 'utf8');
      } catch (e) {
        throw new KubeseamError('input', `cannot read file: ${(e as Error).message}`, { file: shown });
      }
      objects.push(...parseManifestText(text, shown));
      files.push(shown);
    }
  }
  return { objects, files };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile() && MANIFEST_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(p);
  }
  return out;
}

function displayName(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}
