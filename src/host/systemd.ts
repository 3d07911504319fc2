// A small parser for systemd unit files, drop-ins and environment files: pure functions over text.
// Follows systemd.syntax(7), systemd.unit(5) ("Drop-in files", load path) and systemd.service(5) (ExecStart
// prefixes, command-line splitting and $VAR / ${VAR} expansion) at https://www.freedesktop.org/software/systemd/man/.

import type { ExecCommand, UnitDirectives } from './types.ts';

/** System unit search path, highest precedence first (systemd.unit(5), "Unit File Load Path"). */
export const UNIT_FOLDERS: readonly string[] = [
  '/etc/systemd/system',
  '/run/systemd/system',
  '/usr/local/lib/systemd/system',
  '/usr/lib/systemd/system',
  '/lib/systemd/system',
];

/** Unit types whose files the reader loads. */
export const UNIT_SUFFIXES: readonly string[] = ['.service', '.socket', '.timer', '.path'];

export interface Assignment {
  section: string;
  key: string;
  value: string;
}

/**
 * Parse one unit file or drop-in: `[Section]` headers, `Key=Value` lines, `#`/`;` comments, and lines continued with a
 * trailing backslash (the backslash becomes a space; comment lines inside a continuation are skipped).
 */
export function parseUnitText(text: string): Assignment[] {
  const out: Assignment[] = [];
  let section = '';
  let pending: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/\s+$/, '');
    const trimmed = line.trimStart();
    if (pending !== undefined && (trimmed.startsWith('#') || trimmed.startsWith(';'))) continue;
    if (pending === undefined && (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';'))) continue;
    let full = pending === undefined ? trimmed : `${pending} ${trimmed}`;
    if (full.endsWith('\\') && !full.endsWith('\\\\')) {
      pending = full.slice(0, -1).replace(/\s+$/, '');
      continue;
    }
    pending = undefined;
    full = full.trim();
    if (full.startsWith('[') && full.endsWith(']')) {
      section = full.slice(1, -1).trim();
      continue;
    }
    const eq = full.indexOf('=');
    if (eq <= 0) continue; // not an assignment: systemd logs and ignores it
    out.push({ section, key: full.slice(0, eq).trim(), value: full.slice(eq + 1).trim() });
  }
  if (pending !== undefined) {
    const eq = pending.indexOf('=');
    if (eq > 0) out.push({ section, key: pending.slice(0, eq).trim(), value: pending.slice(eq + 1).trim() });
  }
  return out;
}

/**
 * Apply assignments in order: repeated keys accumulate, an empty value resets the list (how `ExecStart=` in a drop-in
 * clears the original before setting a new one). Single-valued keys read the last element.
 */
export function applyAssignments(target: UnitDirectives, assignments: Assignment[]): UnitDirectives {
  for (const a of assignments) {
    const section = (target[a.section] ??= {});
    if (a.value === '') section[a.key] = [];
    else (section[a.key] ??= []).push(a.value);
  }
  return target;
}

/** The fragment first, then drop-ins in the order systemd applies them. */
export function mergeUnitTexts(texts: string[]): UnitDirectives {
  const directives: UnitDirectives = {};
  for (const t of texts) applyAssignments(directives, parseUnitText(t));
  return directives;
}

export function lastValue(d: UnitDirectives, section: string, key: string): string | undefined {
  const values = d[section]?.[key];
  return values && values.length > 0 ? values[values.length - 1] : undefined;
}

export function allValues(d: UnitDirectives, section: string, key: string): string[] {
  return d[section]?.[key] ?? [];
}

/** Split executable prefixes (`-`, `@`, `:`, `+`, `!`, `!!`) off an Exec value. */
export function splitExecPrefixes(value: string): { prefixes: string; raw: string } {
  const m = /^[-@:+!]*/.exec(value);
  const prefixes = m ? m[0] : '';
  return { prefixes, raw: value.slice(prefixes.length).trimStart() };
}

const C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' };

/**
 * Split a command line into words as systemd does: whitespace separates, single and double quotes group, backslash
 * escapes. `${VAR}` expands to one word, `$VAR` (unquoted, alone) to the value split on whitespace, `$$` is a dollar.
 */
export function splitCommandLine(raw: string, env: Record<string, string>): { argv: string[]; unresolved: string[] } {
  const argv: string[] = [];
  const unresolved = new Set<string>();
  let i = 0;
  const n = raw.length;
  while (i < n) {
    while (i < n && /\s/.test(raw[i]!)) i++;
    if (i >= n) break;
    // A bare $VAR word splits into several words.
    const bare = /^\$([A-Za-z_][A-Za-z0-9_]*)(?=\s|$)/.exec(raw.slice(i));
    if (bare) {
      const name = bare[1]!;
      const value = env[name];
      if (value === undefined) unresolved.add(name);
      else argv.push(...value.split(/\s+/).filter((w) => w !== ''));
      i += bare[0].length;
      continue;
    }
    let word = '';
    let quote: '"' | "'" | undefined;
    while (i < n) {
      const c = raw[i]!;
      if (quote === undefined && /\s/.test(c)) break;
      if (c === '\\' && i + 1 < n) {
        const next = raw[i + 1]!;
        word += C_ESCAPES[next] ?? next;
        i += 2;
        continue;
      }
      if (quote === undefined && (c === '"' || c === "'")) {
        quote = c;
        i++;
        continue;
      }
      if (quote !== undefined && c === quote) {
        quote = undefined;
        i++;
        continue;
      }
      if (c === '$' && quote !== "'") {
        if (raw[i + 1] === '$') {
          word += '$';
          i += 2;
          continue;
        }
        const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(raw.slice(i));
        if (braced) {
          const value = env[braced[1]!];
          if (value === undefined) unresolved.add(braced[1]!);
          else word += value;
          i += braced[0].length;
          continue;
        }
      }
      word += c;
      i++;
    }
    argv.push(word);
  }
  return { argv, unresolved: [...unresolved] };
}

/** Variables an Exec value refers to (`$VAR`, `${VAR}`), so only those are kept from environment files. */
export function referencedVariables(raw: string): string[] {
  const names = new Set<string>();
  for (const m of raw.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
    names.add(m[1] ?? m[2]!);
  }
  return [...names];
}

export function parseExec(value: string, env: Record<string, string>): ExecCommand {
  const { prefixes, raw } = splitExecPrefixes(value);
  const { argv, unresolved } = splitCommandLine(raw, env);
  return { raw, prefixes, argv, unresolved };
}

function unquote(v: string): string {
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    const inner = v.slice(1, -1);
    return v.startsWith('"') ? inner.replace(/\\(["\\$`])/g, '$1') : inner;
  }
  return v;
}

/** An EnvironmentFile=: `KEY=VALUE` lines, `#`/`;` comments, optional quotes, backslash continuation. */
export function parseEnvironmentFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trim();
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('export ')) line = line.slice(7).trimStart();
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) continue;
    env[key] = unquote(line.slice(eq + 1).trim());
  }
  return env;
}

/** Environment= values: space-separated `KEY=VALUE` words with systemd quoting. */
export function parseEnvironmentDirective(values: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const v of values) {
    for (const word of splitCommandLine(v.replace(/\$/g, '$$$$'), {}).argv) {
      const eq = word.indexOf('=');
      if (eq > 0) env[word.slice(0, eq)] = word.slice(eq + 1);
    }
  }
  return env;
}

/** EnvironmentFile= values, with the `-` (missing is fine) prefix split off. */
export function environmentFilePaths(values: string[]): { path: string; optional: boolean }[] {
  return values.map((v) =>
    v.startsWith('-') ? { path: v.slice(1).trim(), optional: true } : { path: v, optional: false },
  );
}

/**
 * The folders whose `*.conf` files are drop-ins for a unit, in search order: `<type>.d` (all units of the type),
 * the template's `<prefix>@.<type>.d` for an instance, and `<name>.d`.
 */
export function dropInFolderNames(unitName: string): string[] {
  const dot = unitName.lastIndexOf('.');
  const type = dot >= 0 ? unitName.slice(dot + 1) : '';
  const names = [`${type}.d`];
  const at = unitName.indexOf('@');
  if (at > 0 && at < dot - 1) names.push(`${unitName.slice(0, at)}@.${type}.d`);
  names.push(`${unitName}.d`);
  return names;
}

/**
 * Order drop-ins as systemd does: a file name in a higher-precedence folder hides the same name in lower ones, and
 * the survivors apply sorted by file name. `candidates` carry the folder's precedence rank (0 = highest).
 */
export function orderDropIns(candidates: { rank: number; path: string }[]): string[] {
  const byName = new Map<string, { rank: number; path: string }>();
  for (const c of candidates) {
    const name = c.path.slice(c.path.lastIndexOf('/') + 1);
    const seen = byName.get(name);
    if (!seen || c.rank < seen.rank) byName.set(name, c);
  }
  return [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c.path);
}

/** The template name (`getty@.service`) of an instance (`getty@tty1.service`), or the name itself. */
export function templateOf(unitName: string): string {
  const at = unitName.indexOf('@');
  const dot = unitName.lastIndexOf('.');
  if (at <= 0 || dot <= at) return unitName;
  return `${unitName.slice(0, at)}@${unitName.slice(dot)}`;
}
