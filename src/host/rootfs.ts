// Read a node's filesystem mounted at a folder, with chroot semantics: every path is a node path (`/etc/eks`), every
// symlink (in the last component or any folder on the way) is resolved INSIDE the root, and `..` stops at the root.
// An absolute link to /etc/shadow resolves to <root>/etc/shadow, never the scanning machine's file. The operating
// system is only ever handed host paths whose components were each lstat'ed and are not symlinks.

import { lstatSync, readFileSync, readdirSync, readlinkSync, realpathSync, type Dirent, type Stats } from 'node:fs';
import { posix } from 'node:path';
import type { FileFact, FileRole, FileType } from './types.ts';

const MAX_LINKS = 40; // the kernel's MAXSYMLINKS

export interface Resolved {
  /** The node path after resolving links. */
  nodePath: string;
  /** Where it lives on the scanning machine. */
  hostPath: string;
}

export class ResolveError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

function errCode(e: unknown): string {
  if (e instanceof ResolveError) return e.code;
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
  return 'EIO';
}

export function errorText(e: unknown): string {
  const code = errCode(e);
  return code === 'EIO' && e instanceof Error ? e.message : code;
}

function direntType(d: Dirent): FileType {
  if (d.isSymbolicLink()) return 'symlink';
  if (d.isDirectory()) return 'dir';
  if (d.isFile()) return 'file';
  if (d.isSocket()) return 'socket';
  return 'other';
}

function fileType(st: Stats): FileType {
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isDirectory()) return 'dir';
  if (st.isFile()) return 'file';
  if (st.isSocket()) return 'socket';
  return 'other';
}

/** Normalise a node path: absolute, no `.`/`..` escaping the root, no trailing slash. */
export function normalizeNodePath(p: string): string {
  const abs = posix.normalize(`/${p}`);
  return abs.length > 1 ? abs.replace(/\/+$/, '') : '/';
}

export class RootFs {
  /** The root folder on the scanning machine (real path). */
  readonly root: string;

  constructor(root: string) {
    this.root = realpathSync(root);
  }

  hostPathOf(nodePath: string): string {
    const n = normalizeNodePath(nodePath);
    return n === '/' ? this.root : this.root + n;
  }

  /**
   * Resolve a node path inside the root. With `followLast` false the last component is not followed (lstat
   * semantics); folders on the way always are. Throws ResolveError (ENOENT, ELOOP, ENOTDIR) or fs errors.
   */
  resolve(nodePath: string, followLast = true): Resolved {
    let pending = normalizeNodePath(nodePath)
      .split('/')
      .filter((s) => s !== '');
    let current: string[] = [];
    let links = 0;
    while (pending.length > 0) {
      const name = pending.shift()!;
      if (name === '.') continue;
      if (name === '..') {
        current.pop(); // `..` at the root stays at the root
        continue;
      }
      const candidate = [...current, name];
      const last = pending.length === 0;
      const host = this.root + '/' + candidate.join('/');
      const st = lstatSync(host);
      if (st.isSymbolicLink() && (!last || followLast)) {
        if (++links > MAX_LINKS) throw new ResolveError('ELOOP', `too many symlinks resolving ${nodePath}`);
        const target = readlinkSync(host);
        const targetParts = target.split('/').filter((s) => s !== '');
        if (target.startsWith('/')) current = [];
        pending = [...targetParts, ...pending];
        continue;
      }
      if (!last && !st.isDirectory()) throw new ResolveError('ENOTDIR', `not a folder: /${candidate.join('/')}`);
      current = candidate;
    }
    const resolvedNode = '/' + current.join('/');
    return { nodePath: resolvedNode, hostPath: resolvedNode === '/' ? this.root : this.root + resolvedNode };
  }

  /** lstat a node path (the last component is not followed). */
  lstat(nodePath: string): { stats: Stats; resolved: Resolved } {
    const resolved = this.resolve(nodePath, false);
    return { stats: lstatSync(resolved.hostPath), resolved };
  }

  /** Read a regular file (following links inside the root), at most `maxBytes`. */
  readText(nodePath: string, maxBytes = 1 << 20): string {
    const { hostPath } = this.resolve(nodePath, true);
    const st = lstatSync(hostPath);
    if (!st.isFile()) throw new ResolveError('EINVAL', `not a regular file: ${nodePath}`);
    if (st.size > maxBytes) throw new ResolveError('EFBIG', `larger than ${maxBytes} bytes: ${nodePath}`);
    return readFileSync(hostPath, 'utf8');
  }

  /** Entries of a folder (following links inside the root), sorted by name. */
  list(nodePath: string): { name: string; type: FileType }[] {
    const { hostPath } = this.resolve(nodePath, true);
    return readdirSync(hostPath, { withFileTypes: true })
      .map((d) => ({ name: d.name, type: direntType(d) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  readlink(nodePath: string): string {
    return readlinkSync(this.resolve(nodePath, false).hostPath);
  }

  exists(nodePath: string): boolean {
    try {
      this.resolve(nodePath, true);
      return true;
    } catch {
      return false;
    }
  }

  /** A FileFact for a node path: lstat of the path itself, and for links where they resolve inside the root. */
  fact(nodePath: string, roles: FileRole[] = [], services: string[] = []): FileFact {
    const path = normalizeNodePath(nodePath);
    const fact: FileFact = { path, exists: false, roles: [...roles] };
    if (services.length > 0) fact.services = [...services];
    try {
      const { stats } = this.lstat(path);
      fact.exists = true;
      fact.type = fileType(stats);
      fact.uid = stats.uid;
      fact.gid = stats.gid;
      fact.mode = stats.mode & 0o7777;
      fact.size = stats.size;
      if (stats.isSymbolicLink()) {
        fact.linkTarget = this.readlink(path);
        try {
          fact.resolved = this.resolve(path, true).nodePath;
        } catch {
          // a dangling link: `resolved` stays absent
        }
      }
    } catch (e) {
      const code = errCode(e);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') fact.error = errorText(e);
    }
    return fact;
  }
}
