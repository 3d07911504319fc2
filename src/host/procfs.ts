// Pure parsers for /proc/<pid> files: status (Uid, CapEff, PPid), cmdline, cgroup. proc(5):
// https://man7.org/linux/man-pages/man5/proc_pid_status.5.html

import { LINUX_CAPABILITY_BITS } from '../knowledge/capabilities.ts';
import type { ProcessUids } from './types.ts';

/** Capability names by bit number (CapEff decoding). */
export const CAPABILITY_BITS: readonly string[] = LINUX_CAPABILITY_BITS;

/**
 * Decode a CapEff/CapPrm hex mask into capability names. Every known bit set gives `['ALL']`; bits above the known
 * range are named `CAP_<bit>`. An unparsable mask gives undefined.
 */
export function decodeCapabilities(hex: string): string[] | undefined {
  const clean = hex.trim();
  if (!/^[0-9a-fA-F]{1,16}$/.test(clean)) return undefined;
  const mask = BigInt(`0x${clean}`);
  const names: string[] = [];
  let known = 0;
  for (let bit = 0; bit < 64; bit++) {
    if ((mask >> BigInt(bit)) & 1n) {
      const name = CAPABILITY_BITS[bit];
      if (name !== undefined) {
        names.push(name);
        known++;
      } else names.push(`CAP_${bit}`);
    }
  }
  if (known === CAPABILITY_BITS.length) return ['ALL', ...names.filter((n) => n.startsWith('CAP_'))];
  return names;
}

export interface ProcStatus {
  name?: string;
  ppid?: number;
  uids?: ProcessUids;
  capEff?: string;
}

/** Parse /proc/<pid>/status: `Key:\tvalue` lines. */
export function parseProcStatus(text: string): ProcStatus {
  const out: ProcStatus = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    if (key === 'Name') out.name = value;
    else if (key === 'PPid') {
      const n = Number(value);
      if (Number.isInteger(n)) out.ppid = n;
    } else if (key === 'Uid') {
      const ids = value.split(/\s+/).map(Number);
      if (ids.length === 4 && ids.every((n) => Number.isInteger(n) && n >= 0)) {
        out.uids = { real: ids[0]!, effective: ids[1]!, saved: ids[2]!, fs: ids[3]! };
      }
    } else if (key === 'CapEff') out.capEff = value;
  }
  return out;
}

/** /proc/<pid>/cmdline: NUL-separated arguments with a trailing NUL. Empty for kernel threads. */
export function parseCmdline(raw: string): string[] {
  if (raw === '') return [];
  const parts = raw.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** The cgroup that names the process's unit: the v2 unified line (`0::/…`) or the v1 `name=systemd` line. */
export function parseCgroup(text: string): string | undefined {
  let v1: string | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('0::')) return line.slice(3);
    const m = /^\d+:name=systemd:(.*)$/.exec(line);
    if (m) v1 = m[1];
  }
  return v1;
}

/** The systemd service unit a cgroup path belongs to (`/system.slice/kubelet.service` → `kubelet.service`). */
export function unitOfCgroup(cgroup: string | undefined): string | undefined {
  if (cgroup === undefined) return undefined;
  const parts = cgroup.split('/').filter((p) => p !== '');
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    if (/\.(service|scope)$/.test(p) && !p.startsWith('cri-containerd-') && !p.startsWith('docker-')) return p;
  }
  return undefined;
}

/** True when the cgroup says the process belongs to a Kubernetes pod or a container, not a host service. */
export function isContainerCgroup(cgroup: string | undefined): boolean {
  if (cgroup === undefined) return false;
  return /kubepods|\/docker[-/]|cri-containerd-|crio-|libpod-|\/containerd\/|\/lxc\//.test(cgroup);
}

const SECRET_FLAG = /(token|password|passwd|secret|credential|apikey|api-key|auth-key)/i;
const PATH_FLAG = /(file|path|dir|url|endpoint|config|provider|providers)$/i;

/**
 * Redact values of secret-looking flags (`--token=…`, `--password …`) so HostFacts never stores credentials from
 * command lines. Flags naming a file or path keep their value.
 */
export function redactArgv(argv: string[]): string[] {
  const out: string[] = [];
  let redactNext = false;
  for (const arg of argv) {
    if (redactNext) {
      redactNext = false;
      if (!arg.startsWith('-')) {
        out.push('<redacted>');
        continue;
      }
    }
    const m = /^--?([A-Za-z0-9._-]+)(=(.*))?$/.exec(arg);
    if (m && SECRET_FLAG.test(m[1]!) && !PATH_FLAG.test(m[1]!)) {
      if (m[2] !== undefined) out.push(`${arg.slice(0, arg.indexOf('=') + 1)}<redacted>`);
      else {
        out.push(arg);
        redactNext = true;
      }
      continue;
    }
    out.push(arg);
  }
  return out;
}
