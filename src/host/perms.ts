// Who besides root can change a path: pure judgements over lstat facts (uid, gid, mode bits).
// A file can be changed through its own mode and owner, and replaced through any folder above it that a non-root
// user can write (rename/unlink in that folder), unless the folder is sticky and the entry is root's.

import { posix } from 'node:path';
import type { FileFact } from './types.ts';

export interface WeakPoint {
  /** The path whose mode or owner lets a non-root user in (the file itself or a folder above it). */
  path: string;
  reason: string;
  /** World-writable (anyone) rather than one group or owner. */
  anyone: boolean;
}

/** Why a non-root user can write this entry, or undefined when only root can. Symlinks' own modes mean nothing. */
export function nonRootWriter(f: FileFact): WeakPoint | undefined {
  if (!f.exists || f.type === 'symlink' || f.mode === undefined) return undefined;
  if (f.uid !== undefined && f.uid !== 0) return { path: f.path, reason: `owned by uid ${f.uid}`, anyone: false };
  if ((f.mode & 0o002) !== 0) return { path: f.path, reason: `world-writable (${octal(f.mode)})`, anyone: true };
  if ((f.mode & 0o020) !== 0 && f.gid !== undefined && f.gid !== 0) {
    return { path: f.path, reason: `group-writable by gid ${f.gid} (${octal(f.mode)})`, anyone: false };
  }
  return undefined;
}

export function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** Ancestors of a node path, from `/` down to its parent. */
export function ancestorsOf(path: string): string[] {
  const out: string[] = [];
  let dir = posix.dirname(path);
  while (true) {
    out.unshift(dir);
    if (dir === '/') break;
    dir = posix.dirname(dir);
  }
  return out;
}

/**
 * The first place (top-down) where a non-root user can replace or change `path`: a writable folder on the way, or
 * the entry itself. `lookup` returns recorded facts; unrecorded folders are assumed root-only.
 */
export function replaceableVia(path: string, lookup: (p: string) => FileFact | undefined): WeakPoint | undefined {
  const chain = [...ancestorsOf(path).filter((p) => p !== path), path];
  for (let i = 0; i < chain.length - 1; i++) {
    const dir = lookup(chain[i]!);
    if (!dir || dir.type !== 'dir') continue;
    const weak = nonRootWriter(dir);
    if (!weak) continue;
    const child = lookup(chain[i + 1]!);
    const sticky = dir.mode !== undefined && (dir.mode & 0o1000) !== 0;
    // In a sticky folder only the entry's owner can rename or remove it: root's entries are safe, missing ones
    // can be planted by anyone who can write the folder.
    if (sticky && child?.exists === true && child.uid === 0) continue;
    return { ...weak, reason: `${weak.reason}${sticky ? ', sticky but the entry is not root’s' : ''}` };
  }
  const self = lookup(path);
  return self ? nonRootWriter(self) : undefined;
}

/** Permission bits set beyond `max` (ignoring file-type bits). */
export function excessBits(mode: number, max: number): number {
  return mode & 0o7777 & ~max;
}
