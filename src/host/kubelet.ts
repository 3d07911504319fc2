// The kubelet's effective settings from its command line, --config file and --config-dir drop-ins, merged the way the
// kubelet merges them (cmd/kubelet/app/server.go: config file, then drop-ins in lexical order, then flags on top).
// Pure: the reader collects argv and parsed files into KubeletSourcesFact.

import { posix } from 'node:path';
import { KUBELET_BOOL_FLAGS, KUBELET_SETTINGS, type KubeletSetting } from '../knowledge/kubelet-config.ts';
import type { EffectiveKubelet, EffectiveSetting, FileRole, KubeletSourcesFact } from './types.ts';

/**
 * Long flags of a Go pflag command line: `--name=value`, `--name value`, and bare booleans. The last occurrence wins.
 * argv[0] (the program) is skipped.
 */
export function parseFlags(argv: string[], boolFlags: ReadonlySet<string> = KUBELET_BOOL_FLAGS): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const m = /^--?([A-Za-z0-9][A-Za-z0-9._-]*)(?:=([\s\S]*))?$/.exec(arg);
    if (!m) continue;
    const name = m[1]!;
    if (m[2] !== undefined) {
      flags.set(name, m[2]);
      continue;
    }
    const next = argv[i + 1];
    if (boolFlags.has(name) || next === undefined || next.startsWith('-')) {
      flags.set(name, 'true');
      continue;
    }
    flags.set(name, next);
    i++;
  }
  return flags;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Merge a drop-in over a config: objects merge key by key, everything else (lists included) replaces. */
export function mergeConfig(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const prev = out[k];
    out[k] = isRecord(prev) && isRecord(v) ? mergeConfig(prev, v) : v;
  }
  return out;
}

function getPath(obj: Record<string, unknown> | undefined, path: string[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (!isRecord(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** Coerce a flag string or a config value to the setting's type; undefined when it does not fit. */
export function coerce(setting: KubeletSetting, value: unknown): string | number | boolean | undefined {
  switch (setting.type) {
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false|1|0|t|f|TRUE|FALSE|True|False)$/.test(value)) {
        return /^(true|1|t|TRUE|True)$/.test(value);
      }
      return undefined;
    case 'int':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
      return undefined;
    case 'string':
    case 'duration':
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      return undefined;
  }
}

/** True when a Go duration string is zero (`0`, `0s`, `0h0m0s`). */
export function isZeroDuration(value: unknown): boolean {
  if (typeof value === 'number') return value === 0;
  if (typeof value !== 'string') return false;
  const v = value.trim();
  return v !== '' && /^[0hmsuµn.]+$/.test(v) && !/[1-9]/.test(v);
}

/** The kubelet's effective settings: flags over drop-ins over the config file over the applicable defaults. */
export function effectiveKubelet(sources: KubeletSourcesFact): EffectiveKubelet {
  const flags = parseFlags(sources.argv);
  const usesConfigFile =
    flags.has('config') || (sources.config !== undefined && (sources.configFromFlag || sources.config.found));
  let merged: Record<string, unknown> | undefined = sources.config?.value;
  const dropInOwner = new Map<string, string>();
  for (const d of sources.configDropIns) {
    if (!d.value) continue;
    merged = mergeConfig(merged ?? {}, d.value);
    for (const s of KUBELET_SETTINGS) {
      if (s.configPath && getPath(d.value, s.configPath) !== undefined) dropInOwner.set(s.key, d.path);
    }
  }
  const settings: Record<string, EffectiveSetting> = {};
  for (const s of KUBELET_SETTINGS) {
    const flagValue = flags.get(s.flag);
    const fromFlag = flagValue === undefined ? undefined : coerce(s, flagValue);
    if (fromFlag !== undefined) {
      settings[s.key] = { value: fromFlag, origin: 'flag', from: `--${s.flag}` };
      continue;
    }
    const fromConfig = s.configPath ? coerce(s, getPath(merged, s.configPath)) : undefined;
    if (fromConfig !== undefined) {
      const owner = dropInOwner.get(s.key);
      settings[s.key] = owner
        ? { value: fromConfig, origin: 'config-drop-in', from: owner }
        : { value: fromConfig, origin: 'config', from: sources.config?.path };
      continue;
    }
    settings[s.key] = usesConfigFile
      ? { value: s.configDefault, origin: 'default' }
      : { value: s.legacyDefault, origin: 'legacy-default' };
  }
  const result: EffectiveKubelet = { from: sources.from, settings, files: kubeletFiles(settings, sources) };
  if (sources.config) result.configFile = sources.config.path;
  return result;
}

function stringSetting(settings: Record<string, EffectiveSetting>, key: string): string | undefined {
  const v = settings[key]?.value;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Absolute, normalised node paths the kubelet reads, by role. Relative paths are dropped: their base is unknown. */
export function kubeletFiles(
  settings: Record<string, EffectiveSetting>,
  sources: Pick<KubeletSourcesFact, 'config' | 'configDropIns'>,
): { path: string; role: FileRole }[] {
  const out: { path: string; role: FileRole }[] = [];
  const add = (p: string | undefined, role: FileRole): void => {
    if (p === undefined || !p.startsWith('/')) return;
    const path = posix.normalize(p).replace(/(.)\/+$/, '$1');
    if (!out.some((f) => f.path === path && f.role === role)) out.push({ path, role });
  };
  add(sources.config?.path, 'kubelet-config');
  for (const d of sources.configDropIns) add(d.path, 'kubelet-config-drop-in');
  add(stringSetting(settings, 'kubeconfig'), 'kubeconfig');
  add(stringSetting(settings, 'bootstrapKubeconfig'), 'kubeconfig');
  add(stringSetting(settings, 'clientCAFile'), 'client-ca');
  add(stringSetting(settings, 'tlsCertFile'), 'tls-cert');
  add(stringSetting(settings, 'tlsPrivateKeyFile'), 'private-key');
  add(stringSetting(settings, 'certDir'), 'pki-dir');
  add(stringSetting(settings, 'staticPodPath'), 'static-pods');
  add(stringSetting(settings, 'volumePluginDir'), 'volume-plugins');
  add(stringSetting(settings, 'imageCredentialProviderConfig'), 'credential-provider');
  add(stringSetting(settings, 'imageCredentialProviderBinDir'), 'credential-provider');
  return out;
}

/** The --config and --config-dir a command line names. */
export function configFlags(argv: string[]): { config?: string; configDir?: string } {
  const flags = parseFlags(argv);
  const out: { config?: string; configDir?: string } = {};
  const config = flags.get('config');
  const configDir = flags.get('config-dir');
  if (config !== undefined && config !== 'true') out.config = config;
  if (configDir !== undefined && configDir !== 'true') out.configDir = configDir;
  return out;
}
