import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { KubeseamError } from '../errors.ts';

export type StoreLocation = { backend: 'sqlite'; path: string } | { backend: 'postgres'; url: string };

/** `$XDG_DATA_HOME/kubeseam/history.db`, else `~/.local/share/kubeseam/history.db` (XDG base directory spec). */
export function defaultSqlitePath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const xdg = env.XDG_DATA_HOME;
  // The spec says relative values are invalid and must be ignored.
  const base = xdg !== undefined && xdg !== '' && isAbsolute(xdg) ? xdg : join(home, '.local', 'share');
  return join(base, 'kubeseam', 'history.db');
}

/**
 * The store URL a command uses: the `--store` value when given, else `KUBESEAM_STORE_URL`, else the default
 * SQLite file. `flag === true` is `--store` given without a value.
 */
export function resolveStoreUrl(flag: string | boolean | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (typeof flag === 'string' && flag !== '') return flag;
  const fromEnv = env.KUBESEAM_STORE_URL;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return `sqlite:${defaultSqlitePath(env)}`;
}

/** Parses `sqlite:PATH` (`sqlite:` alone is the default file) or `postgres://…` / `postgresql://…`. */
export function parseStoreUrl(url: string, env: NodeJS.ProcessEnv = process.env): StoreLocation {
  if (url.startsWith('sqlite:')) {
    let path = url.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2); // sqlite:///abs/path and sqlite://rel/path
    return { backend: 'sqlite', path: path === '' ? defaultSqlitePath(env) : path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { backend: 'postgres', url };
  throw new KubeseamError('usage', `--store: expected sqlite:PATH or postgres://…, got ${redactUrl(url)}`);
}

/** The URL with any password replaced, for messages and listings. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*:)[^/@]*@/i, '$1***@').replace(/([?&]password=)[^&]*/i, '$1***');
}
