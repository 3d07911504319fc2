// Pure analysis of one node's HostFacts: which provider built it, what runs on it (matched against the host-level
// catalog), the kubelet's effective configuration against CIS node checks, and which files and folders that root
// agents consume are writable by someone other than root.

import { posix } from 'node:path';
import { HOST_SERVICES, INTERPRETERS, PROVIDER_CUES, type HostServiceFact } from '../knowledge/host-services.ts';
import { KUBELET_CLIENT_CREDENTIAL, KUBELET_FILE_MAX_MODE, kubeletCheck } from '../knowledge/kubelet-config.ts';
import type { Provider } from '../model/types.ts';
import { isAllowed, type AllowList } from './allow.ts';
import { effectiveKubelet, isZeroDuration } from './kubelet.ts';
import { excessBits, octal, replaceableVia } from './perms.ts';
import { isContainerCgroup, unitOfCgroup } from './procfs.ts';
import { templateOf } from './systemd.ts';
import type {
  EffectiveKubelet,
  FileFact,
  FileRole,
  HostAnalysis,
  HostFacts,
  HostFinding,
  HostProcessFact,
  HostServiceEntry,
  HostSeverity,
  ProviderGuess,
  SensitiveHostPathFact,
  SystemdUnitFact,
} from './types.ts';

export interface AnalyzeOptions {
  allow?: AllowList;
  /** Force the provider instead of detecting it. */
  provider?: Provider;
}

// ── provider ──────────────────────────────────────────────────────────────────────────────────────────────────

export function detectProvider(facts: Pick<HostFacts, 'markers' | 'osRelease'>): ProviderGuess {
  const osId = facts.osRelease.ID?.toLowerCase();
  const score: Record<Provider, number> = { eks: 0, aks: 0, gke: 0 };
  const evidence: Record<Provider, string[]> = { eks: [], aks: [], gke: [] };
  for (const cue of PROVIDER_CUES) {
    if (cue.path !== undefined && facts.markers.includes(cue.path)) {
      score[cue.provider] += cue.weight;
      evidence[cue.provider].push(`${cue.path} exists`);
    }
    if (cue.osId !== undefined && osId === cue.osId) {
      score[cue.provider] += cue.weight;
      evidence[cue.provider].push(`os-release ID=${cue.osId}`);
    }
  }
  const ranked = (Object.keys(score) as Provider[]).sort((a, b) => score[b] - score[a]);
  const best = ranked[0]!;
  const guess: ProviderGuess =
    score[best] >= 2 && score[best] > score[ranked[1]!]
      ? { provider: best, evidence: evidence[best] }
      : { provider: 'unknown', evidence: ranked.flatMap((p) => evidence[p]) };
  if (osId !== undefined) guess.osId = osId;
  const version = facts.osRelease.VERSION_ID ?? facts.osRelease.BUILD_ID;
  if (version !== undefined) guess.osVersion = version;
  return guess;
}

// ── catalog matching ──────────────────────────────────────────────────────────────────────────────────────────

/** Canonical node path: `/var/run` → `/run`, `/lib` → `/usr/lib`, by the node's own top-level links. */
export function canonicalPath(path: string, aliases: Record<string, string>): string {
  let p = posix.normalize(path);
  if (p.length > 1) p = p.replace(/\/+$/, '');
  for (const [from, to] of Object.entries(aliases)) {
    if (p === from) return to;
    if (p.startsWith(`${from}/`)) return to + p.slice(from.length);
  }
  return p;
}

function providerOrder(provider: Provider | 'unknown'): (s: HostServiceFact) => number {
  return (s) => (s.provider === provider ? 0 : s.provider === 'any' ? 1 : 2);
}

const PATTERNS = new Map<string, RegExp>();
function patternOf(p: string): RegExp {
  let re = PATTERNS.get(p);
  if (!re) PATTERNS.set(p, (re = new RegExp(`^(?:${p})$`)));
  return re;
}

function unitMatches(s: HostServiceFact, unit: string): boolean {
  const template = templateOf(unit);
  if (s.units.includes(unit) || s.units.includes(template)) return true;
  return (s.unitPatterns ?? []).some((p) => patternOf(p).test(unit));
}

export function catalogForUnit(unit: string, provider: Provider | 'unknown'): HostServiceFact | undefined {
  return HOST_SERVICES.filter((s) => unitMatches(s, unit)).sort(
    (a, b) => providerOrder(provider)(a) - providerOrder(provider)(b),
  )[0];
}

/** The program a process runs: its exe, or the script an interpreter runs. */
function programPaths(p: Pick<HostProcessFact, 'exe' | 'cmdline'>, aliases: Record<string, string>): string[] {
  const out: string[] = [];
  const a0 = p.cmdline[0];
  const base = (x: string | undefined): string => (x === undefined ? '' : x.slice(x.lastIndexOf('/') + 1));
  const interp = base(p.exe ?? a0).replace(/[\d.]+$/, '');
  if (INTERPRETERS.includes(interp)) {
    // The script names the program; it comes first so processes group under it.
    const script = p.cmdline.slice(1).find((a) => !a.startsWith('-'));
    if (script !== undefined && script.startsWith('/')) out.push(canonicalPath(script, aliases));
  }
  if (p.exe !== undefined) out.push(canonicalPath(p.exe, aliases));
  if (a0 !== undefined && a0.startsWith('/')) out.push(canonicalPath(a0, aliases));
  return out;
}

export function catalogForProgram(
  paths: string[],
  provider: Provider | 'unknown',
  aliases: Record<string, string>,
): HostServiceFact | undefined {
  return HOST_SERVICES.filter((s) => s.exePaths.some((e) => paths.includes(canonicalPath(e, aliases)))).sort(
    (a, b) => providerOrder(provider)(a) - providerOrder(provider)(b),
  )[0];
}

function unitRunsAsRoot(u: SystemdUnitFact, units: Map<string, SystemdUnitFact>): boolean {
  let service = u;
  if (!u.name.endsWith('.service')) {
    const sibling = units.get(u.name.replace(/\.[a-z]+$/, '.service'));
    if (!sibling) return true; // sockets, timers and paths are handled by PID 1 itself
    service = sibling;
  }
  const dynamic = service.directives.Service?.DynamicUser?.at(-1);
  if (dynamic !== undefined && /^(yes|true|1|on)$/i.test(dynamic)) return false;
  return service.user === undefined || service.user === 'root' || service.user === '0';
}

// ── processes ─────────────────────────────────────────────────────────────────────────────────────────────────

export type ProcessKind = 'kernel' | 'container' | 'host';

/** Kernel threads have no command line; container processes live in another mount namespace or a pod cgroup. */
export function processKind(p: HostProcessFact, pid1: HostProcessFact | undefined): ProcessKind {
  if (p.cmdline.length === 0 && (p.exe === undefined || p.ppid === 2)) return 'kernel';
  const mnt = p.namespaces.mnt;
  const hostMnt = pid1?.namespaces.mnt;
  if (mnt !== undefined && hostMnt !== undefined) return mnt === hostMnt ? 'host' : 'container';
  return isContainerCgroup(p.cgroup) ? 'container' : 'host';
}

function classOf(s: HostServiceFact | undefined): HostServiceEntry['class'] | undefined {
  if (!s) return undefined;
  return s.category === 'os' ? 'os' : 'catalog';
}

// ── inventory ─────────────────────────────────────────────────────────────────────────────────────────────────

export function buildInventory(
  facts: HostFacts,
  provider: Provider | 'unknown',
  allow: AllowList | undefined,
): HostServiceEntry[] {
  const unitsByName = new Map(facts.units.map((u) => [u.name, u]));
  const pid1 = facts.processes.find((p) => p.pid === 1);
  const running = new Map<string, HostProcessFact[]>();
  const loose: HostProcessFact[] = [];
  for (const p of facts.processes) {
    if (processKind(p, pid1) !== 'host') continue;
    const unit = unitOfCgroup(p.cgroup);
    if (unit !== undefined && unit.endsWith('.service') && unitsByName.has(unit)) {
      running.set(unit, [...(running.get(unit) ?? []), p]);
    } else loose.push(p);
  }
  const entries: HostServiceEntry[] = [];
  for (const u of facts.units) {
    if (u.masked) continue;
    const procs = running.get(u.name) ?? [];
    const enabled = u.enabledBy.length > 0;
    if (!enabled && procs.length === 0) continue;
    const exec = u.execStart.at(-1)?.argv[0];
    const catalog = catalogForUnit(u.name, provider);
    const allowed = isAllowed(allow, {
      unit: u.name,
      ...(catalog ? { catalogId: catalog.id } : {}),
      ...(exec !== undefined ? { exe: exec } : {}),
    });
    const entry: HostServiceEntry = {
      kind: 'unit',
      name: u.name,
      path: u.path,
      runsAsRoot: unitRunsAsRoot(u, unitsByName),
      enabled,
      running: procs.length > 0,
      class: classOf(catalog) ?? (allowed ? 'allowed' : 'unknown'),
    };
    if (exec !== undefined) entry.exe = exec;
    if (u.user !== undefined) entry.user = u.user;
    if (catalog) {
      entry.catalogId = catalog.id;
      entry.provider = catalog.provider;
      if (catalog.installedByPod === true) entry.installedByPod = true;
    }
    if (procs.length > 0) {
      entry.pids = procs.map((p) => p.pid);
      const caps = [...new Set(procs.flatMap((p) => p.capabilities ?? []))];
      if (caps.length > 0) entry.capabilities = caps;
      if (procs.some((p) => p.uids?.effective === 0)) entry.runsAsRoot = true;
    }
    entries.push(entry);
  }
  // Host processes outside any unit read from the files (session scopes, transient units, PID 1): one entry per program.
  const byProgram = new Map<string, HostProcessFact[]>();
  for (const p of loose) {
    const key = programPaths(p, facts.aliases)[0] ?? p.comm ?? `pid ${p.pid}`;
    byProgram.set(key, [...(byProgram.get(key) ?? []), p]);
  }
  for (const [program, procs] of byProgram) {
    const first = procs[0]!;
    const paths = programPaths(first, facts.aliases);
    const catalog = catalogForProgram(paths, provider, facts.aliases);
    const unit = unitOfCgroup(first.cgroup);
    const unitCatalog = unit !== undefined ? catalogForUnit(unit, provider) : undefined;
    const match = catalog ?? unitCatalog;
    const name = program.slice(program.lastIndexOf('/') + 1);
    const allowed = isAllowed(allow, {
      name,
      ...(program.startsWith('/') ? { exe: program } : {}),
      ...(unit !== undefined ? { unit } : {}),
      ...(match ? { catalogId: match.id } : {}),
    });
    const entry: HostServiceEntry = {
      kind: 'process',
      name,
      runsAsRoot: procs.some((p) => p.uids?.effective === 0),
      enabled: false,
      running: true,
      class: classOf(match) ?? (allowed ? 'allowed' : 'unknown'),
      pids: procs.map((p) => p.pid),
    };
    if (program.startsWith('/')) entry.exe = program;
    if (match) {
      entry.catalogId = match.id;
      entry.provider = match.provider;
    }
    const caps = [...new Set(procs.flatMap((p) => p.capabilities ?? []))];
    if (caps.length > 0) entry.capabilities = caps;
    entries.push(entry);
  }
  return entries;
}

// ── findings helpers ──────────────────────────────────────────────────────────────────────────────────────────

const SEVERITY_RANK: Record<HostSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

const KUBELET_ROLES: readonly FileRole[] = [
  'kubelet-config',
  'kubelet-config-drop-in',
  'kubeconfig',
  'client-ca',
  'tls-cert',
  'private-key',
  'pki-dir',
];

/** Roles whose contents root executes (or that decide what root executes): writable means root code execution. */
const EXEC_ROLES: readonly FileRole[] = [
  'unit',
  'unit-drop-in',
  'unit-exec',
  'env-file',
  'plugin-script',
  'npd-config',
  'cni-bin',
  'static-pods',
  'volume-plugins',
  'credential-provider',
];

function has(f: FileFact, roles: readonly FileRole[]): boolean {
  return f.roles.some((r) => roles.includes(r));
}

class Findings {
  readonly list: HostFinding[] = [];
  private readonly seen = new Set<string>();

  add(f: HostFinding): void {
    const key = `${f.id}\0${f.path}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(f);
  }
}

// ── kubelet ───────────────────────────────────────────────────────────────────────────────────────────────────

function describeOrigin(eff: EffectiveKubelet, key: string): string {
  const s = eff.settings[key];
  if (!s) return '';
  switch (s.origin) {
    case 'flag':
      return `set by ${s.from ?? 'a flag'}`;
    case 'config':
    case 'config-drop-in':
      return `set in ${s.from ?? 'the config file'}`;
    case 'default':
      return 'the KubeletConfiguration default';
    case 'legacy-default':
      return 'the flag default (no --config file)';
  }
}

/** Where a setting is written: its config file, the unit file or environment file holding the flag, or the fallback. */
interface SettingLocator {
  configFile?: string;
  flagFiles: { path: string; text: string }[];
  fallback: string;
}

function settingLocation(s: EffectiveKubelet['settings'][string] | undefined, locator: SettingLocator): string {
  if (!s) return locator.fallback;
  if ((s.origin === 'config' || s.origin === 'config-drop-in') && s.from !== undefined) return s.from;
  if (s.origin === 'flag' && s.from !== undefined) {
    const flag = s.from;
    const holder = locator.flagFiles.find((f) =>
      new RegExp(`(^|\\s|")${flag.replace(/[-]/g, '\\-')}(=|\\s|"|$)`).test(f.text),
    );
    if (holder) return holder.path;
  }
  if (s.origin === 'default' && locator.configFile !== undefined) return locator.configFile;
  return locator.fallback;
}

function kubeletFinding(
  out: Findings,
  id: string,
  eff: EffectiveKubelet,
  key: string,
  locator: SettingLocator,
  message: string,
): void {
  const check = kubeletCheck(id);
  if (!check) return;
  const s = eff.settings[key];
  const path = settingLocation(s, locator);
  out.add({
    id,
    severity: check.severity,
    path,
    message: `${message} (${describeOrigin(eff, key)})`,
    why: check.why,
    services: ['kubelet'],
    references: [...check.cis.map((c) => `CIS ${c}`), ...check.sources.filter((s) => s.startsWith('https://'))],
  });
}

function analyzeKubelet(facts: HostFacts, provider: Provider | 'unknown', out: Findings): EffectiveKubelet | undefined {
  const k = facts.kubelet;
  if (k.from === 'none' && !k.config?.found) return undefined;
  const eff = effectiveKubelet(k);
  const unit = facts.units.find((u) => u.name === 'kubelet.service');
  const where: SettingLocator = {
    flagFiles: unit
      ? [
          ...unit.environmentFiles.map((e) => ({ path: e.path, text: Object.values(e.values).join(' ') })),
          { path: unit.dropIns.at(-1) ?? unit.path, text: unit.execStart.map((e) => e.raw).join(' ') },
        ]
      : [],
    fallback:
      k.from === 'unit' && unit
        ? unit.path
        : k.from === 'process'
          ? (k.argv[0] ?? 'kubelet')
          : (k.config?.path ?? 'kubelet'),
  };
  if (k.config?.found === true) where.configFile = k.config.path;
  const v = (key: string): unknown => eff.settings[key]?.value;
  if (v('anonymousAuth') === true) {
    kubeletFinding(
      out,
      'kubelet-anonymous-auth',
      eff,
      'anonymousAuth',
      where,
      'anonymous requests to the kubelet API are allowed',
    );
  }
  const mode = v('authorizationMode');
  if (
    typeof mode === 'string' &&
    mode
      .split(',')
      .map((m) => m.trim())
      .includes('AlwaysAllow')
  ) {
    kubeletFinding(
      out,
      'kubelet-authorization-always-allow',
      eff,
      'authorizationMode',
      where,
      'authorization mode is AlwaysAllow',
    );
  }
  if (v('clientCAFile') === null || v('clientCAFile') === '') {
    kubeletFinding(out, 'kubelet-client-ca-missing', eff, 'clientCAFile', where, 'no client CA file is configured');
  }
  const ro = v('readOnlyPort');
  if (typeof ro === 'number' && ro !== 0) {
    kubeletFinding(out, 'kubelet-read-only-port', eff, 'readOnlyPort', where, `read-only port ${ro} is open`);
  }
  if (isZeroDuration(v('streamingConnectionIdleTimeout'))) {
    kubeletFinding(
      out,
      'kubelet-streaming-timeout-disabled',
      eff,
      'streamingConnectionIdleTimeout',
      where,
      'streaming connection idle timeout is 0',
    );
  }
  if (v('protectKernelDefaults') === false) {
    kubeletFinding(
      out,
      'kubelet-protect-kernel-defaults',
      eff,
      'protectKernelDefaults',
      where,
      'protectKernelDefaults is false',
    );
  }
  if (v('makeIPTablesUtilChains') === false) {
    kubeletFinding(
      out,
      'kubelet-iptables-util-chains',
      eff,
      'makeIPTablesUtilChains',
      where,
      'makeIPTablesUtilChains is false',
    );
  }
  const credential = KUBELET_CLIENT_CREDENTIAL.find((c) => c.provider === provider)?.credential;
  if (v('rotateCertificates') === false && credential !== 'exec-token') {
    kubeletFinding(
      out,
      'kubelet-client-cert-rotation-disabled',
      eff,
      'rotateCertificates',
      where,
      'client certificate rotation is off',
    );
  }
  if (v('serverTLSBootstrap') === false && (v('tlsCertFile') === null || v('tlsCertFile') === '')) {
    kubeletFinding(
      out,
      'kubelet-serving-cert-self-signed',
      eff,
      'serverTLSBootstrap',
      where,
      'no serving certificate and serverTLSBootstrap is false',
    );
  }
  const unreadable = [k.config, ...k.configDropIns].filter(
    (c): c is NonNullable<typeof c> =>
      c !== undefined && (!c.found || c.error !== undefined) && (c !== k.config || k.configFromFlag),
  );
  for (const c of unreadable) {
    const check = kubeletCheck('kubelet-config-unreadable')!;
    out.add({
      id: check.id,
      severity: check.severity,
      path: c.path,
      message: c.found ? `cannot parse: ${c.error ?? ''}` : 'named by the kubelet but not found',
      why: check.why,
      services: ['kubelet'],
    });
  }
  return eff;
}

function kubeletFileChecks(facts: HostFacts, lookup: (p: string) => FileFact | undefined, out: Findings): void {
  const kubeletUnit = facts.units.find((u) => u.name === 'kubelet.service');
  const kubeletUnitFiles = new Set<string>(
    kubeletUnit ? [kubeletUnit.path, ...kubeletUnit.dropIns, ...kubeletUnit.environmentFiles.map((e) => e.path)] : [],
  );
  const perm = kubeletCheck('kubelet-file-permissions')!;
  const owner = kubeletCheck('kubelet-file-ownership')!;
  for (const f of facts.files) {
    if (!f.exists || f.type === 'symlink' || f.mode === undefined) continue;
    const isKubelet = has(f, KUBELET_ROLES) || kubeletUnitFiles.has(f.path);
    if (!isKubelet) continue;
    const max =
      f.type === 'dir'
        ? KUBELET_FILE_MAX_MODE.dir
        : f.roles.includes('private-key')
          ? KUBELET_FILE_MAX_MODE['private-key']
          : KUBELET_FILE_MAX_MODE.config;
    const excess = excessBits(f.mode, max);
    if (excess !== 0) {
      const writable = (excess & 0o022) !== 0;
      const keyReadable = f.roles.includes('private-key') && (excess & 0o044) !== 0;
      out.add({
        id: perm.id,
        severity: writable || keyReadable ? 'high' : 'medium',
        path: f.path,
        message: `mode ${octal(f.mode)} exceeds ${octal(max)}${writable ? ': writable by non-root users' : keyReadable ? ': private key readable by non-root users' : ''}`,
        why: perm.why,
        services: ['kubelet'],
        references: perm.cis.map((c) => `CIS ${c}`),
      });
    }
    if ((f.uid !== undefined && f.uid !== 0) || (f.gid !== undefined && f.gid !== 0)) {
      out.add({
        id: owner.id,
        severity: f.uid !== 0 ? 'high' : 'low',
        path: f.path,
        message: `owned by ${f.uid ?? '?'}:${f.gid ?? '?'}, expected root:root`,
        why: owner.why,
        services: ['kubelet'],
        references: owner.cis.map((c) => `CIS ${c}`),
      });
    }
    // A folder above the file that others can write lets them replace it, whatever its own mode.
    const weak = replaceableVia(f.path, lookup);
    if (weak && weak.path !== f.path) {
      out.add({
        id: 'host-agent-path-writable',
        severity: 'critical',
        path: weak.path,
        message: `${weak.reason}: lets non-root users replace kubelet file ${f.path}`,
        why: perm.why,
        services: ['kubelet'],
      });
    }
  }
}

// ── writable agent paths, units, plugins ─────────────────────────────────────────────────────────────────────

function fileChecks(facts: HostFacts, lookup: (p: string) => FileFact | undefined, out: Findings): void {
  const enabledUnitFiles = new Set<string>();
  for (const u of facts.units) {
    if (u.masked || u.enabledBy.length === 0) continue;
    enabledUnitFiles.add(u.path);
    if (u.linkedTo) enabledUnitFiles.add(u.linkedTo);
    for (const d of u.dropIns) enabledUnitFiles.add(d);
    for (const e of u.environmentFiles) enabledUnitFiles.add(e.path);
  }
  const kubeletFiles = new Set(facts.files.filter((f) => has(f, KUBELET_ROLES)).map((f) => f.path));
  const reportedFolders = new Set<string>();
  for (const f of facts.files) {
    if (kubeletFiles.has(f.path)) continue;
    const isUnitFile = f.roles.includes('unit') || f.roles.includes('unit-drop-in') || f.roles.includes('env-file');
    if (isUnitFile && !enabledUnitFiles.has(f.path)) continue; // a disabled unit's file runs nothing
    const relevant =
      isUnitFile ||
      has(f, [
        'unit-exec',
        'plugin-script',
        'npd-config',
        'cni-config',
        'cni-bin',
        'static-pods',
        'volume-plugins',
        'credential-provider',
        'agent-path',
        'walk',
      ]);
    if (!relevant) continue;
    const weak = replaceableVia(f.path, lookup);
    if (!weak) continue;
    const exec = has(f, EXEC_ROLES) || (f.services ?? []).some((s) => isPluginPath(s, f.path));
    const severity: HostSeverity = exec ? 'critical' : weak.anyone ? 'high' : 'medium';
    const what = describeRoles(f);
    if (f.roles.includes('plugin-script') || f.roles.includes('npd-config')) {
      out.add({
        id: f.roles.includes('plugin-script') ? 'host-plugin-script-writable' : 'host-plugin-config-writable',
        severity: 'critical',
        path: f.path,
        message: `${what} ${f.exists ? 'can be changed' : 'is missing and can be planted'} by non-root users: ${weak.path} is ${weak.reason}`,
        why: 'Node Problem Detector runs custom-plugin scripts as root on the host, outside Pod Security: whoever can write the script or its config runs code as root on the node.',
        services: servicesOf(f, facts),
      });
      continue;
    }
    if (!f.exists && !exec) continue;
    // One finding per writable folder: entries below it that are weak only through it add nothing.
    if (weak.path !== f.path && reportedFolders.has(weak.path)) continue;
    if (weak.path === f.path && f.type === 'dir') reportedFolders.add(f.path);
    out.add({
      id: isUnitFile
        ? 'host-unit-file-writable'
        : f.roles.includes('unit-exec')
          ? 'host-service-binary-writable'
          : 'host-agent-path-writable',
      severity,
      path: f.path,
      message: `${what} is writable by non-root users: ${weak.path} is ${weak.reason}`,
      why: exec
        ? 'Root executes this (a unit, its command, a plugin or a binary root runs): writing it is running code as root on the node.'
        : 'A root agent reads its configuration here: writing it changes what the agent does, with root privileges.',
      services: servicesOf(f, facts),
    });
  }
  // Scripts that plugin configs name but that do not exist, in folders only root can write: dead rules, worth knowing.
  for (const cfg of facts.npdConfigs) {
    for (const rule of cfg.rules) {
      const f = lookup(rule.resolved);
      if (f?.exists === true) continue;
      if (replaceableVia(rule.resolved, lookup)) continue; // reported above as plantable
      out.add({
        id: 'host-plugin-script-missing',
        severity: 'low',
        path: rule.resolved,
        message: `named by ${cfg.path}${rule.relative ? ` as relative path "${rule.path}"` : ''} but not found`,
        why: 'A plugin rule whose script is missing fails every run; if the folder ever becomes writable, the script can be planted.',
        services: servicesOf({ path: rule.resolved, roles: ['plugin-script'] }, facts),
      });
    }
  }
}

function isPluginPath(serviceId: string, path: string): boolean {
  const s = HOST_SERVICES.find((x) => x.id === serviceId);
  return (s?.pluginPaths ?? []).some((p) => path === p || path.startsWith(`${p}/`));
}

function describeRoles(f: FileFact): string {
  const r = f.roles;
  if (r.includes('unit')) return `unit file ${f.path}`;
  if (r.includes('unit-drop-in')) return `unit drop-in ${f.path}`;
  if (r.includes('env-file')) return `unit environment file ${f.path}`;
  if (r.includes('unit-exec')) return `service executable ${f.path}`;
  if (r.includes('plugin-script')) return `plugin script ${f.path}`;
  if (r.includes('npd-config')) return `plugin config ${f.path}`;
  if (r.includes('cni-bin')) return f.type === 'dir' ? `CNI binary folder ${f.path}` : `CNI binary ${f.path}`;
  if (r.includes('cni-config')) return `CNI configuration ${f.path}`;
  return `${f.type === 'dir' ? 'folder' : 'file'} ${f.path}`;
}

function servicesOf(f: Pick<FileFact, 'path' | 'roles' | 'services'>, facts: HostFacts): string[] {
  const out = new Set(f.services ?? []);
  for (const s of HOST_SERVICES) {
    for (const p of [...s.configPaths, ...(s.pluginPaths ?? [])]) {
      if (f.path === p || f.path.startsWith(`${p}/`)) out.add(s.id);
    }
  }
  if (f.roles.includes('plugin-script') || f.roles.includes('npd-config')) {
    for (const u of facts.units) if (/node-problem-detector/.test(u.name)) out.add(u.name);
  }
  return [...out].sort();
}

// ── inventory findings ────────────────────────────────────────────────────────────────────────────────────────

function serviceFindings(inventory: HostServiceEntry[], gate: boolean, out: Findings): void {
  for (const e of inventory) {
    if (e.class === 'unknown' && (e.runsAsRoot || gate)) {
      out.add({
        id: 'host-unknown-service',
        severity: e.runsAsRoot ? 'medium' : 'low',
        path: e.kind === 'unit' ? (e.path ?? e.name) : (e.exe ?? e.name),
        message: `${e.kind === 'unit' ? 'unit' : 'process'} ${e.name}${e.exe !== undefined && e.kind === 'unit' ? ` (${e.exe})` : ''} ${e.runsAsRoot ? 'runs as root' : 'runs'} and is in neither the host-services catalog nor the allow list`,
        why: 'Host services run outside Kubernetes and Pod Security; one the provider does not ship is either your own agent (allow it) or something that should not be there.',
      });
    }
    if (e.installedByPod === true) {
      out.add({
        id: 'host-pod-installed-service',
        severity: 'low',
        path: e.path ?? e.name,
        message: `${e.name} was installed on the host by a pod (${e.catalogId ?? 'catalog'})`,
        why: 'A pod that installs root services on the host (nsenter into PID 1’s mount namespace, systemctl enable) escapes Pod Security: whoever controls that pod’s image controls the node.',
        services: e.catalogId !== undefined ? [e.catalogId] : [],
      });
    }
  }
}

// ── sensitive paths (for pods that can write there) ──────────────────────────────────────────────────────────

/** Files and folders on this node that root agents execute or read, with how bad writing them is. */
export function sensitivePaths(facts: HostFacts): SensitiveHostPathFact[] {
  const out = new Map<string, SensitiveHostPathFact>();
  const add = (path: string, severity: HostSeverity, why: string, services: string[]): void => {
    const prev = out.get(path);
    if (!prev) {
      out.set(path, { path, severity, why, services: [...new Set(services)].sort() });
      return;
    }
    if (SEVERITY_RANK[severity] < SEVERITY_RANK[prev.severity]) {
      prev.severity = severity;
      prev.why = why;
    }
    prev.services = [...new Set([...prev.services, ...services])].sort();
  };
  const EXEC = 'Root executes what is here: a pod that writes it runs code as root on the node, outside Pod Security.';
  const CONF =
    'Configuration a root agent or the kubelet reads: a pod that writes it changes what root does on the node.';
  for (const f of facts.files) {
    if (!f.exists) continue;
    const services = servicesOf(f, facts);
    if (has(f, ['agent-path'])) {
      const exec = services.some((s) => isPluginPath(s, f.path)) || has(f, ['cni-bin']);
      add(f.path, exec ? 'critical' : 'high', exec ? EXEC : CONF, services);
    }
    if (has(f, ['static-pods', 'volume-plugins', 'credential-provider']) && f.type === 'dir')
      add(f.path, 'critical', EXEC, services);
    if (has(f, ['kubelet-config', 'kubeconfig', 'client-ca', 'pki-dir']))
      add(f.path, 'high', CONF, ['kubelet', ...services]);
    if (has(f, ['plugin-script', 'npd-config'])) {
      add(posix.dirname(f.path), 'critical', EXEC, services);
    }
  }
  for (const u of facts.units) {
    if (u.masked || u.enabledBy.length === 0) continue;
    add(posix.dirname(u.path), 'critical', 'systemd unit files: root runs whatever a unit here says.', ['any/systemd']);
    const exe = u.execStart.at(-1)?.argv[0];
    if (exe !== undefined && exe.startsWith('/') && facts.files.some((f) => f.path === exe && f.exists)) {
      add(exe, 'critical', `Executable of ${u.name}, started as root by systemd.`, [u.name]);
    }
  }
  for (const e of facts.units.flatMap((u) => u.environmentFiles)) {
    if (e.found)
      add(
        e.path,
        'critical',
        'An EnvironmentFile: its variables become the service’s command line and environment.',
        [],
      );
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

// ── entry point ───────────────────────────────────────────────────────────────────────────────────────────────

export function analyzeHost(facts: HostFacts, options: AnalyzeOptions = {}): HostAnalysis {
  const provider: ProviderGuess = options.provider
    ? { provider: options.provider, evidence: ['given'] }
    : detectProvider(facts);
  const byPath = new Map(facts.files.map((f) => [f.path, f]));
  const lookup = (p: string): FileFact | undefined => byPath.get(p);
  const out = new Findings();
  const inventory = buildInventory(facts, provider.provider, options.allow);
  serviceFindings(inventory, options.allow !== undefined, out);
  const kubelet = analyzeKubelet(facts, provider.provider, out);
  kubeletFileChecks(facts, lookup, out);
  fileChecks(facts, lookup, out);
  const findings = out.list.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.id.localeCompare(b.id) || a.path.localeCompare(b.path),
  );
  const result: HostAnalysis = { provider, inventory, sensitivePaths: sensitivePaths(facts), findings };
  if (kubelet) result.kubelet = kubelet;
  return result;
}
