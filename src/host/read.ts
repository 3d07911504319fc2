// All I/O of the host analysis: read a node's root folder (the node itself at `/`, the host root mounted read-only
// in a pod at `/host`, or an unpacked image) into HostFacts. Paths inside the root are resolved with chroot
// semantics (rootfs.ts). Nothing here judges: analyze.ts is pure over the facts.

import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { HOST_SERVICES, PROVIDER_CUES } from '../knowledge/host-services.ts';
import { defaultKubeletConfigPaths } from '../knowledge/kubelet-config.ts';
import { KubeseamError } from '../errors.ts';
import { configFlags, effectiveKubelet } from './kubelet.ts';
import { decodeCapabilities, parseCgroup, parseCmdline, parseProcStatus, redactArgv } from './procfs.ts';
import { RootFs, errorText, normalizeNodePath } from './rootfs.ts';
import {
  UNIT_FOLDERS,
  UNIT_SUFFIXES,
  allValues,
  dropInFolderNames,
  environmentFilePaths,
  lastValue,
  mergeUnitTexts,
  orderDropIns,
  parseEnvironmentDirective,
  parseEnvironmentFile,
  parseExec,
  referencedVariables,
  templateOf,
} from './systemd.ts';
import type {
  EnvironmentFileFact,
  FileFact,
  FileRole,
  HostFacts,
  HostProcessFact,
  KubeletSourcesFact,
  NpdPluginConfigFact,
  ParsedConfigFile,
  ReadNote,
  SystemdUnitFact,
} from './types.ts';

export interface ReadHostOptions {
  /** Where to read processes from; default `<root>/proc`. With hostPID the pod's own `/proc` is the host's. */
  procRoot?: string;
  /** Skip processes entirely (image scans). */
  skipProcesses?: boolean;
  /** Cap on processes read (default 5000). */
  maxProcesses?: number;
  /** Cap on unit files considered (default 4000). */
  maxUnits?: number;
  /** Cap on entries visited when walking agent folders (default 20000). */
  maxWalkEntries?: number;
  /** Largest file parsed (default 1 MiB). */
  maxFileBytes?: number;
}

const NAMESPACES = ['mnt', 'pid', 'net', 'ipc', 'uts', 'user', 'cgroup'] as const;
const ALIAS_CANDIDATES = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/var/run', '/var/lock'];
const NPD_FOLDERS = [
  '/etc/node-problem-detector.d',
  '/home/kubernetes/node-problem-detector',
  '/home/kubernetes/npd-custom-plugins',
];
const WALK_DEPTH = 3;

class Reader {
  readonly fs: RootFs;
  readonly notes: ReadNote[] = [];
  readonly files = new Map<string, FileFact>();
  private walkBudget: number;

  constructor(
    root: string,
    readonly options: Required<Omit<ReadHostOptions, 'procRoot'>> & { procRoot: string | undefined },
  ) {
    this.fs = new RootFs(root);
    this.walkBudget = options.maxWalkEntries;
  }

  note(path: string, message: string): void {
    if (this.notes.length < 500) this.notes.push({ path, message });
  }

  /** Record (or add roles to) a FileFact. */
  record(path: string, roles: FileRole[], services: string[] = []): FileFact {
    const p = normalizeNodePath(path);
    let fact = this.files.get(p);
    if (!fact) {
      fact = this.fs.fact(p, roles, services);
      this.files.set(p, fact);
      if (fact.error) this.note(p, fact.error);
      return fact;
    }
    for (const r of roles) if (!fact.roles.includes(r)) fact.roles.push(r);
    if (services.length > 0) {
      fact.services ??= [];
      for (const s of services) if (!fact.services.includes(s)) fact.services.push(s);
    }
    return fact;
  }

  /** Record a path and, when it is a link, what it resolves to (same roles). */
  recordFollowing(path: string, roles: FileRole[], services: string[] = []): FileFact {
    const fact = this.record(path, roles, services);
    if (fact.type === 'symlink' && fact.resolved && fact.resolved !== fact.path) {
      return this.record(fact.resolved, roles, services);
    }
    return fact;
  }

  text(path: string): string | undefined {
    try {
      return this.fs.readText(path, this.options.maxFileBytes);
    } catch (e) {
      const code = errorText(e);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.note(path, code);
      return undefined;
    }
  }

  list(path: string): { name: string; type: string }[] {
    try {
      return this.fs.list(path);
    } catch (e) {
      const code = errorText(e);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.note(path, code);
      return [];
    }
  }

  /** Walk a folder (depth-limited, budgeted), recording every entry with the `walk` role. */
  walk(path: string, services: string[], depth = WALK_DEPTH): void {
    const fact = this.recordFollowing(path, [], services);
    if (fact.type !== 'dir') return;
    for (const entry of this.list(fact.path)) {
      if (this.walkBudget-- <= 0) {
        if (this.walkBudget === -1) this.note(fact.path, 'walk budget reached; folders left unread');
        return;
      }
      const child = posix.join(fact.path, entry.name);
      const c = this.record(child, ['walk'], services);
      if (c.type === 'dir' && depth > 1) this.walk(child, services, depth - 1);
    }
  }

  /** Record every folder above each recorded path (for "writable folder on the way" checks). */
  recordAncestors(): void {
    for (const path of [...this.files.keys()]) {
      let dir = posix.dirname(path);
      while (!this.files.has(dir)) {
        this.record(dir, ['ancestor']);
        if (dir === '/') break;
        dir = posix.dirname(dir);
      }
    }
  }
}

function parseOsRelease(r: Reader): Record<string, string> {
  const text = r.text('/etc/os-release') ?? r.text('/usr/lib/os-release');
  return text === undefined ? {} : parseEnvironmentFile(text);
}

function readAliases(r: Reader): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const p of ALIAS_CANDIDATES) {
    const f = r.fs.fact(p);
    if (f.type === 'symlink' && f.resolved && f.resolved !== p) aliases[p] = f.resolved;
  }
  return aliases;
}

interface UnitListing {
  /** unit name → candidates by folder rank */
  fragments: Map<string, { rank: number; folder: string; path: string }[]>;
  /** drop-in folder name (`kubelet.service.d`) → files with rank */
  dropIns: Map<string, { rank: number; path: string }[]>;
  /** unit name → `.wants/` or `.requires/` symlink paths */
  enabledBy: Map<string, string[]>;
}

function listUnits(r: Reader): UnitListing {
  const listing: UnitListing = { fragments: new Map(), dropIns: new Map(), enabledBy: new Map() };
  const seenFolders = new Set<string>();
  let count = 0;
  UNIT_FOLDERS.forEach((folder, rank) => {
    let real: string;
    try {
      real = r.fs.resolve(folder, true).nodePath;
    } catch {
      return;
    }
    if (seenFolders.has(real)) return; // /lib → /usr/lib on merged-/usr systems
    seenFolders.add(real);
    for (const entry of r.list(folder)) {
      const path = `${folder}/${entry.name}`;
      if (entry.type === 'dir' && entry.name.endsWith('.d')) {
        const files = r
          .list(path)
          .filter((f) => f.name.endsWith('.conf'))
          .map((f) => ({ rank, path: `${path}/${f.name}` }));
        const key = entry.name;
        listing.dropIns.set(key, [...(listing.dropIns.get(key) ?? []), ...files]);
        continue;
      }
      if (entry.type === 'dir' && /\.(wants|requires|upholds)$/.test(entry.name)) {
        for (const link of r.list(path)) {
          const list = listing.enabledBy.get(link.name) ?? [];
          list.push(`${path}/${link.name}`);
          listing.enabledBy.set(link.name, list);
        }
        continue;
      }
      if ((entry.type === 'file' || entry.type === 'symlink') && UNIT_SUFFIXES.some((s) => entry.name.endsWith(s))) {
        if (++count > r.options.maxUnits) {
          if (count === r.options.maxUnits + 1) r.note(folder, 'unit cap reached; units left unread');
          continue;
        }
        const list = listing.fragments.get(entry.name) ?? [];
        list.push({ rank, folder, path });
        listing.fragments.set(entry.name, list);
      }
    }
  });
  return listing;
}

function readUnit(r: Reader, name: string, listing: UnitListing): SystemdUnitFact | undefined {
  const candidates = listing.fragments.get(name) ?? listing.fragments.get(templateOf(name));
  if (!candidates || candidates.length === 0) return undefined;
  const frag = [...candidates].sort((a, b) => a.rank - b.rank)[0]!;
  const fragFact = r.record(frag.path, ['unit']);
  const unit: SystemdUnitFact = {
    name,
    path: frag.path,
    folder: frag.folder,
    masked: false,
    dropIns: [],
    enabledBy: listing.enabledBy.get(name) ?? [],
    directives: {},
    execStart: [],
    execStartPre: [],
    environmentFiles: [],
  };
  if (fragFact.type === 'symlink') {
    if (fragFact.linkTarget === '/dev/null' || fragFact.resolved === '/dev/null') {
      unit.masked = true;
      return unit;
    }
    if (fragFact.resolved) {
      unit.linkedTo = fragFact.resolved;
      r.record(fragFact.resolved, ['unit']);
    }
  }
  const texts: string[] = [];
  const fragText = r.text(frag.path);
  if (fragText !== undefined) texts.push(fragText);
  const dropCandidates = dropInFolderNames(name).flatMap((d) => listing.dropIns.get(d) ?? []);
  unit.dropIns = orderDropIns(dropCandidates);
  for (const d of unit.dropIns) {
    r.record(d, ['unit-drop-in']);
    const t = r.text(d);
    if (t !== undefined) texts.push(t);
  }
  unit.directives = mergeUnitTexts(texts);
  // Environment: Environment= first, then EnvironmentFile= (later files override), as systemd.exec(5) orders them.
  const execValues = [
    ...allValues(unit.directives, 'Service', 'ExecStart'),
    ...allValues(unit.directives, 'Service', 'ExecStartPre'),
  ];
  const referenced = new Set(execValues.flatMap(referencedVariables));
  const env: Record<string, string> = parseEnvironmentDirective(allValues(unit.directives, 'Service', 'Environment'));
  for (const ef of environmentFilePaths(allValues(unit.directives, 'Service', 'EnvironmentFile'))) {
    const fact: EnvironmentFileFact = { path: ef.path, optional: ef.optional, found: false, values: {} };
    if (ef.path.startsWith('/')) {
      r.record(ef.path, ['env-file']);
      const t = r.text(ef.path);
      if (t !== undefined) {
        fact.found = true;
        const parsed = parseEnvironmentFile(t);
        Object.assign(env, parsed);
        for (const k of Object.keys(parsed)) if (referenced.has(k)) fact.values[k] = parsed[k]!;
      }
    }
    unit.environmentFiles.push(fact);
  }
  unit.execStart = allValues(unit.directives, 'Service', 'ExecStart').map((v) => redactExec(parseExec(v, env)));
  unit.execStartPre = allValues(unit.directives, 'Service', 'ExecStartPre').map((v) => redactExec(parseExec(v, env)));
  const user = lastValue(unit.directives, 'Service', 'User');
  if (user !== undefined) unit.user = user;
  return unit;
}

function redactExec<T extends { argv: string[]; raw: string }>(e: T): T {
  return { ...e, argv: redactArgv(e.argv) };
}

function readUnits(r: Reader): SystemdUnitFact[] {
  const listing = listUnits(r);
  const names = new Set<string>(listing.fragments.keys());
  // Enabled instances (`getty@tty1.service`) exist only as links in .wants folders.
  for (const name of listing.enabledBy.keys()) if (UNIT_SUFFIXES.some((s) => name.endsWith(s))) names.add(name);
  const units: SystemdUnitFact[] = [];
  for (const name of [...names].sort()) {
    const unit = readUnit(r, name, listing);
    if (unit) units.push(unit);
  }
  // The executables enabled units start: writable ones are root code execution.
  for (const u of units) {
    if (u.masked || u.enabledBy.length === 0) continue;
    for (const e of [...u.execStart, ...u.execStartPre]) {
      const exe = e.argv[0];
      if (exe !== undefined && exe.startsWith('/')) r.recordFollowing(exe, ['unit-exec']);
    }
  }
  return units;
}

function readProcesses(r: Reader): { processes: HostProcessFact[]; status: HostFacts['processStatus'] } {
  const procRoot = r.options.procRoot;
  let hostProc: string;
  if (procRoot !== undefined) hostProc = procRoot;
  else {
    try {
      hostProc = r.fs.resolve('/proc', true).hostPath;
    } catch {
      return { processes: [], status: 'absent' };
    }
  }
  let pids: number[];
  try {
    pids = readdirSync(hostProc)
      .filter((n) => /^\d+$/.test(n))
      .map(Number)
      .sort((a, b) => a - b);
  } catch (e) {
    r.note('/proc', errorText(e));
    return { processes: [], status: 'absent' };
  }
  if (pids.length === 0) return { processes: [], status: 'absent' };
  let status: HostFacts['processStatus'] = 'ok';
  if (pids.length > r.options.maxProcesses) {
    r.note('/proc', `${pids.length} processes; read the first ${r.options.maxProcesses}`);
    pids = pids.slice(0, r.options.maxProcesses);
    status = 'partial';
  }
  // Files inside /proc/<pid> are read only when they are what they should be: a planted link in a fake /proc must
  // not make us read outside it.
  const readRegular = (p: string): string | undefined => {
    const st = lstatSync(p, { throwIfNoEntry: false });
    if (!st || !st.isFile()) return undefined;
    return readFileSync(p, 'utf8');
  };
  const link = (p: string): string => readlinkSync(p);
  const processes: HostProcessFact[] = [];
  for (const pid of pids) {
    const dir = join(hostProc, String(pid));
    const proc: HostProcessFact = { pid, cmdline: [], namespaces: {} };
    try {
      const st = readRegular(join(dir, 'status'));
      if (st === undefined) continue; // exited between listing and reading
      const parsed = parseProcStatus(st);
      if (parsed.name !== undefined) proc.comm = parsed.name;
      if (parsed.ppid !== undefined) proc.ppid = parsed.ppid;
      if (parsed.uids) proc.uids = parsed.uids;
      if (parsed.capEff !== undefined) {
        proc.capEff = parsed.capEff;
        const caps = decodeCapabilities(parsed.capEff);
        if (caps) proc.capabilities = caps;
      }
    } catch (e) {
      r.note(`/proc/${pid}/status`, errorText(e));
      status = 'partial';
      continue;
    }
    try {
      proc.cmdline = redactArgv(parseCmdline(readRegular(join(dir, 'cmdline')) ?? ''));
    } catch (e) {
      proc.cmdline = [];
      r.note(`/proc/${pid}/cmdline`, errorText(e));
    }
    try {
      proc.exe = link(join(dir, 'exe')).replace(/ \(deleted\)$/, '');
    } catch (e) {
      const code = errorText(e);
      if (code !== 'ENOENT') proc.exeError = code; // ENOENT: kernel thread
    }
    for (const ns of NAMESPACES) {
      try {
        proc.namespaces[ns] = link(join(dir, 'ns', ns));
      } catch {
        // EACCES without ptrace access to the process, ENOENT on kernels without that namespace
      }
    }
    try {
      const cg = readRegular(join(dir, 'cgroup'));
      const path = cg === undefined ? undefined : parseCgroup(cg);
      if (path !== undefined) proc.cgroup = path;
    } catch {
      // unreadable cgroup: classification falls back to namespaces
    }
    processes.push(proc);
  }
  return { processes, status };
}

function parseConfigDocument(path: string, text: string): ParsedConfigFile {
  try {
    const value: unknown = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return { path, found: true, value: value as Record<string, unknown> };
    }
    return { path, found: true, error: 'not a mapping' };
  } catch (e) {
    // drop-ins are JSON or YAML regardless of extension
    try {
      const value: unknown = parseYaml(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        return { path, found: true, value: value as Record<string, unknown> };
      }
    } catch {
      // fall through to the first error
    }
    return { path, found: true, error: e instanceof Error ? e.message.split('\n')[0]! : 'unparsable' };
  }
}

function readConfigFile(r: Reader, path: string): ParsedConfigFile {
  const text = r.text(path);
  if (text === undefined) return { path, found: false };
  return parseConfigDocument(path, text);
}

function readKubeletSources(r: Reader, units: SystemdUnitFact[], processes: HostProcessFact[]): KubeletSourcesFact {
  const base = (p: string | undefined): string => (p === undefined ? '' : p.slice(p.lastIndexOf('/') + 1));
  const proc = processes.find((p) => base(p.exe) === 'kubelet' || base(p.cmdline[0]) === 'kubelet');
  const unit = units.find((u) => u.name === 'kubelet.service' && !u.masked);
  let sources: KubeletSourcesFact;
  if (proc && proc.cmdline.length > 0) {
    sources = { from: 'process', argv: proc.cmdline, unresolved: [], configDropIns: [], configFromFlag: false };
  } else if (unit && unit.execStart.length > 0) {
    const exec = unit.execStart[unit.execStart.length - 1]!;
    sources = { from: 'unit', argv: exec.argv, unresolved: exec.unresolved, configDropIns: [], configFromFlag: false };
  } else {
    sources = { from: 'none', argv: [], unresolved: [], configDropIns: [], configFromFlag: false };
  }
  const { config, configDir } = configFlags(sources.argv);
  if (config !== undefined) {
    sources.config = readConfigFile(r, config);
    sources.configFromFlag = true;
  } else {
    for (const p of defaultKubeletConfigPaths()) {
      const c = readConfigFile(r, p);
      if (c.found) {
        sources.config = c;
        break;
      }
    }
  }
  if (configDir !== undefined) {
    const dir = normalizeNodePath(configDir);
    r.record(dir, ['kubelet-config-drop-in']);
    sources.configDropIns = r
      .list(dir)
      .filter((e) => e.name.endsWith('.conf'))
      .map((e) => readConfigFile(r, `${dir}/${e.name}`));
  }
  return sources;
}

const KEY_FILE =
  /(\.key|-key\.pem|kubelet-client-current\.pem|kubelet-server-current\.pem|kubelet-client-\d.*\.pem|kubelet-server-\d.*\.pem)$/;

function recordKubeletFiles(r: Reader, sources: KubeletSourcesFact, units: SystemdUnitFact[]): void {
  const eff = effectiveKubelet(sources);
  for (const f of eff.files) {
    const fact = r.recordFollowing(f.path, [f.role]);
    if (fact.type !== 'dir') continue;
    if (f.role === 'pki-dir') {
      for (const e of r.list(fact.path).slice(0, 200)) {
        const p = `${fact.path}/${e.name}`;
        r.recordFollowing(p, [KEY_FILE.test(e.name) ? 'private-key' : 'tls-cert']);
      }
    } else if (f.role === 'static-pods' || f.role === 'volume-plugins' || f.role === 'credential-provider') {
      r.walk(fact.path, [], 2);
      for (const e of r.list(fact.path)) r.record(`${fact.path}/${e.name}`, [f.role]);
    }
  }
  const unit = units.find((u) => u.name === 'kubelet.service');
  if (unit) {
    r.record(unit.path, ['unit']);
    for (const d of unit.dropIns) r.record(d, ['unit-drop-in']);
    for (const e of unit.environmentFiles) if (e.path.startsWith('/')) r.record(e.path, ['env-file']);
  }
}

/** NPD config paths named on a unit's or process's command line (`--config.custom-plugin-monitor=a.json,b.json`). */
function npdConfigsFromArgv(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?config\.(custom-plugin-monitor|system-log-monitor|system-stats-monitor)(?:=(.*))?$/.exec(argv[i]!);
    if (!m) continue;
    const value = m[2] ?? argv[i + 1] ?? '';
    out.push(...value.split(',').filter((p) => p.startsWith('/')));
  }
  return out;
}

function parseNpdConfig(path: string, text: string): NpdPluginConfigFact | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { path, rules: [], error: e instanceof Error ? e.message.split('\n')[0]! : 'unparsable' };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const obj = doc as Record<string, unknown>;
  if (obj.plugin !== 'custom') return undefined; // log and stats monitors run no scripts
  const fact: NpdPluginConfigFact = { path, rules: [] };
  if (typeof obj.source === 'string') fact.source = obj.source;
  const rules = Array.isArray(obj.rules) ? obj.rules : [];
  for (const rule of rules) {
    if (typeof rule !== 'object' || rule === null) continue;
    const rp = (rule as Record<string, unknown>).path;
    if (typeof rp !== 'string' || rp === '') continue;
    const args = (rule as Record<string, unknown>).args;
    const relative = !rp.startsWith('/');
    // NPD execs the path as given: a relative path resolves against its working directory, `/` for a systemd
    // service without WorkingDirectory= (systemd.exec(5)).
    fact.rules.push({
      path: rp,
      resolved: normalizeNodePath(rp),
      args: Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : [],
      relative,
    });
  }
  return fact;
}

function readNpd(r: Reader, units: SystemdUnitFact[], processes: HostProcessFact[]): NpdPluginConfigFact[] {
  const candidates = new Set<string>();
  const npdArgv = [
    ...units.filter((u) => /node-problem-detector/.test(u.name)).flatMap((u) => u.execStart.map((e) => e.argv)),
    ...processes.filter((p) => /node-problem-detector/.test(p.cmdline[0] ?? '')).map((p) => p.cmdline),
  ];
  for (const argv of npdArgv) for (const p of npdConfigsFromArgv(argv)) candidates.add(normalizeNodePath(p));
  let budget = 2000;
  const visit = (dir: string, depth: number): void => {
    for (const e of r.list(dir)) {
      if (budget-- <= 0) return;
      const p = `${dir}/${e.name}`;
      if (e.type === 'dir' && depth > 0) visit(p, depth - 1);
      else if (e.name.endsWith('.json')) candidates.add(p);
    }
  };
  for (const folder of NPD_FOLDERS) if (r.fs.exists(folder)) visit(folder, 4);
  const out: NpdPluginConfigFact[] = [];
  for (const path of [...candidates].sort()) {
    const text = r.text(path);
    if (text === undefined) continue;
    const fact = parseNpdConfig(path, text);
    if (!fact) continue;
    r.recordFollowing(path, ['npd-config']);
    for (const rule of fact.rules) r.recordFollowing(rule.resolved, ['plugin-script']);
    out.push(fact);
  }
  return out;
}

function readAgentPaths(r: Reader): void {
  for (const s of HOST_SERVICES) {
    for (const p of s.configPaths) {
      const roles: FileRole[] = p === '/etc/cni/net.d' ? ['agent-path', 'cni-config'] : ['agent-path'];
      const fact = r.recordFollowing(p, roles, [s.id]);
      if (fact.type === 'dir') r.walk(fact.path, [s.id], 2);
    }
    for (const p of s.pluginPaths ?? []) {
      const roles: FileRole[] =
        p === '/opt/cni/bin' || p === '/home/kubernetes/bin' ? ['agent-path', 'cni-bin'] : ['agent-path'];
      const fact = r.recordFollowing(p, roles, [s.id]);
      if (fact.type === 'dir') r.walk(fact.path, [s.id], 2);
    }
  }
}

/**
 * Read a node's root folder into HostFacts. Throws KubeseamError('input') when the root is not a readable folder;
 * every other problem becomes a note and reading goes on.
 */
export function readHostFactsSync(root: string, options: ReadHostOptions = {}): HostFacts {
  let r: Reader;
  try {
    const st = lstatSync(root);
    if (!st.isDirectory() && !st.isSymbolicLink()) throw new Error('not a folder');
    r = new Reader(root, {
      procRoot: options.procRoot,
      skipProcesses: options.skipProcesses ?? false,
      maxProcesses: options.maxProcesses ?? 5000,
      maxUnits: options.maxUnits ?? 4000,
      maxWalkEntries: options.maxWalkEntries ?? 20000,
      maxFileBytes: options.maxFileBytes ?? 1 << 20,
    });
  } catch (e) {
    throw new KubeseamError('input', `cannot read host root: ${errorText(e)}`, { file: root }, { cause: e });
  }
  const osRelease = parseOsRelease(r);
  const hostnameText = r.text('/etc/hostname');
  const aliases = readAliases(r);
  const markers = [...new Set(PROVIDER_CUES.flatMap((c) => (c.path !== undefined ? [c.path] : [])))].filter((p) =>
    r.fs.exists(p),
  );
  const units = readUnits(r);
  const { processes, status } = r.options.skipProcesses
    ? { processes: [], status: 'absent' as const }
    : readProcesses(r);
  const kubelet = readKubeletSources(r, units, processes);
  recordKubeletFiles(r, kubelet, units);
  const npdConfigs = readNpd(r, units, processes);
  readAgentPaths(r);
  r.recordAncestors();
  const facts: HostFacts = {
    kind: 'KubeseamHostFacts',
    root,
    osRelease,
    markers,
    aliases,
    units,
    processes,
    processStatus: status,
    npdConfigs,
    kubelet,
    files: [...r.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    notes: r.notes,
  };
  const hostname = hostnameText?.split('\n')[0]?.trim();
  if (hostname) facts.hostname = hostname;
  return facts;
}

export function readHostFacts(root: string, options: ReadHostOptions = {}): Promise<HostFacts> {
  return new Promise((resolve, reject) => {
    try {
      resolve(readHostFactsSync(root, options));
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
