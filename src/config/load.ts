// Loads kubeseam.yaml (`--config PATH`): YAML with positions, a header, and one module per top-level section.
import { readFile } from 'node:fs/promises';
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import { CHECKS } from '../checks/index.ts';
import { KubeseamError } from '../errors.ts';
import { SECTIONS } from './sections/index.ts';
import type { ParsedSection } from './sections/section.ts';
import { CONFIG_API_VERSION, CONFIG_KIND, type KubeseamConfig } from './types.ts';
import { ConfigContext, closest, entries } from './yaml-nodes.ts';

export interface LoadConfigOptions {
  /** Check ids waivers may name; defaults to the built-in registry. */
  checkIds?: Iterable<string>;
}

const HEADER = ['apiVersion', 'kind'];

export function parseConfigText(text: string, file: string, options: LoadConfigOptions = {}): KubeseamConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const ctx = new ConfigContext(file, lines, '', text);
  const err = doc.errors[0];
  if (err) {
    const { line, col } = lines.linePos(err.pos[0]);
    throw new KubeseamError(
      'config',
      `invalid YAML: ${(err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      {
        file,
        line,
        column: col,
      },
    );
  }
  if (!isMap(doc.contents)) {
    throw ctx.error(doc.contents, `expected a mapping with apiVersion: ${CONFIG_API_VERSION} and kind: ${CONFIG_KIND}`);
  }
  const list = entries(doc.contents, ctx);
  const byKey = new Map(list.map((e) => [e.key, e]));

  const api = byKey.get('apiVersion');
  const apiValue = isScalar(api?.value) ? api.value.value : undefined;
  if (apiValue !== CONFIG_API_VERSION) {
    throw ctx.error(api?.value, `apiVersion must be ${CONFIG_API_VERSION}`, doc.contents);
  }
  const kind = byKey.get('kind');
  if (!isScalar(kind?.value) || kind.value.value !== CONFIG_KIND) {
    throw ctx.error(kind?.value, `kind must be ${CONFIG_KIND}`, doc.contents);
  }

  const known = [...HEADER, ...SECTIONS.map((s) => s.key)];
  for (const e of list) {
    if (known.includes(e.key)) continue;
    const near = closest(e.key, known);
    throw ctx.error(
      e.keyNode,
      `unknown section "${e.key}"${near ? ` (did you mean "${near}"?)` : ''}; known: ${SECTIONS.map((s) => s.key).join(', ')}`,
    );
  }

  const parsed: ParsedSection[] = SECTIONS.map((s) => {
    const e = byKey.get(s.key);
    return s.run(e ? (e.value ?? null) : undefined, ctx, e?.keyNode);
  });
  const checkIds = new Set([...(options.checkIds ?? CHECKS.map((c) => c.id)), ...parsed.flatMap((p) => p.checkIds)]);
  for (const p of parsed) p.validate({ checkIds }, ctx);
  const config: KubeseamConfig = { file, waivers: [], rules: [] };
  for (const p of parsed) p.store(config);
  return config;
}

/** Reads and parses a config file; `shownAs` is the name used in messages (the path as the user wrote it). */
export async function loadConfigFile(
  path: string,
  options: LoadConfigOptions & { shownAs?: string } = {},
): Promise<KubeseamConfig> {
  const shown = options.shownAs ?? path;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new KubeseamError(
      'config',
      code === 'ENOENT' ? 'config file not found' : `cannot read config file: ${(e as Error).message}`,
      {
        file: shown,
      },
    );
  }
  return parseConfigText(text, shown, options);
}
