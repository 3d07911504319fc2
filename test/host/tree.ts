// Build real node filesystem trees in temporary folders: files with real modes and owners, symlinks, systemd units
// with drop-ins and .wants links, and a fake proc/<pid>/ tree (status, cmdline, cgroup, exe and ns/* links) where a
// real /proc cannot be made.

import { chmodSync, chownSync, lchownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface FileOptions {
  mode?: number;
  uid?: number;
  gid?: number;
}

export interface FakeProcess {
  pid: number;
  ppid?: number;
  name: string;
  /** Target of proc/<pid>/exe; omit for kernel threads. */
  exe?: string;
  cmdline: string[];
  uid?: number;
  capEff?: string;
  /** `mnt:[…]` inode links; omit to simulate EACCES on ns/ (no ptrace access). */
  mntNs?: string;
  cgroup?: string;
}

export const HOST_MNT = 'mnt:[4026531841]';
export const POD_MNT = 'mnt:[4026532999]';
export const FULL_CAPS = '000001ffffffffff';

export class NodeTree {
  private constructor(readonly root: string) {}

  static create(prefix: string): NodeTree {
    process.umask(0o022); // folders made on the way are 0755 whatever the runner's umask
    return new NodeTree(mkdtempSync(join(tmpdir(), `kubeseam-${prefix}-`)));
  }

  private host(path: string): string {
    return join(this.root, path);
  }

  dir(path: string, opts: FileOptions = {}): this {
    const h = this.host(path);
    mkdirSync(h, { recursive: true });
    this.apply(h, opts);
    return this;
  }

  file(path: string, content: string, opts: FileOptions = {}): this {
    const h = this.host(path);
    mkdirSync(dirname(h), { recursive: true });
    writeFileSync(h, content);
    this.apply(h, { mode: 0o644, ...opts });
    return this;
  }

  symlink(path: string, target: string): this {
    const h = this.host(path);
    mkdirSync(dirname(h), { recursive: true });
    symlinkSync(target, h);
    lchownSync(h, 0, 0);
    return this;
  }

  /** A unit file in `folder`, optionally enabled by a `<target>.wants/` link (absolute target, as systemctl writes). */
  unit(folder: string, name: string, text: string, opts: FileOptions & { wantedBy?: string } = {}): this {
    this.file(`${folder}/${name}`, text, opts);
    if (opts.wantedBy !== undefined) {
      this.symlink(`/etc/systemd/system/${opts.wantedBy}.wants/${name}`, `${folder}/${name}`);
    }
    return this;
  }

  dropIn(folder: string, unit: string, conf: string, text: string, opts: FileOptions = {}): this {
    return this.file(`${folder}/${unit}.d/${conf}`, text, opts);
  }

  osRelease(fields: Record<string, string>, path = '/etc/os-release'): this {
    return this.file(
      path,
      Object.entries(fields)
        .map(([k, v]) => `${k}="${v}"`)
        .join('\n') + '\n',
    );
  }

  process(p: FakeProcess): this {
    const dir = `/proc/${p.pid}`;
    const uid = p.uid ?? 0;
    this.file(
      `${dir}/status`,
      [
        `Name:\t${p.name}`,
        'State:\tS (sleeping)',
        `PPid:\t${p.ppid ?? 1}`,
        `Uid:\t${uid}\t${uid}\t${uid}\t${uid}`,
        `Gid:\t${uid}\t${uid}\t${uid}\t${uid}`,
        `CapEff:\t${p.capEff ?? (uid === 0 ? FULL_CAPS : '0000000000000000')}`,
        '',
      ].join('\n'),
      { mode: 0o444 },
    );
    this.file(`${dir}/cmdline`, p.cmdline.length === 0 ? '' : `${p.cmdline.join('\0')}\0`, { mode: 0o444 });
    if (p.cgroup !== undefined) this.file(`${dir}/cgroup`, `0::${p.cgroup}\n`, { mode: 0o444 });
    if (p.exe !== undefined) this.symlink(`${dir}/exe`, p.exe);
    if (p.mntNs !== undefined) {
      this.symlink(`${dir}/ns/mnt`, p.mntNs);
      this.symlink(`${dir}/ns/pid`, 'pid:[4026531836]');
    }
    return this;
  }

  private apply(h: string, opts: FileOptions): void {
    if (opts.uid !== undefined || opts.gid !== undefined) chownSync(h, opts.uid ?? 0, opts.gid ?? 0);
    if (opts.mode !== undefined) chmodSync(h, opts.mode);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Exact, sorted `severity id path` lines, the form the node tests compare. */
export function findingLines(findings: { severity: string; id: string; path: string }[]): string[] {
  return findings.map((f) => `${f.severity} ${f.id} ${f.path}`).sort();
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
