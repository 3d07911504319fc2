// A throwaway PostgreSQL server for tests. With KUBESEAM_TEST_PG_URL set, that server is used instead, in a database
// of its own dropped at the end. Otherwise initdb + pg_ctl start one on a free 127.0.0.1 port in a temporary folder
// with trust auth, and stop() removes it. initdb refuses to run as root, so as root the server runs as `postgres`.
// Each test gets an empty schema (search_path set in its URL): milliseconds, where CREATE DATABASE takes up to a
// second on a busy machine.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

export interface PgServer {
  /** URL of the test database, as its superuser (or the KUBESEAM_TEST_PG_URL role). */
  adminUrl: string;
  /** Creates an empty schema and returns a URL whose connections use it (`options=-c search_path=…`). */
  createSchema(): Promise<string>;
  /** Drops the test database (external server) or stops the server and deletes its folder (throwaway). */
  stop(): Promise<void>;
  /** Milliseconds it took to have the server ready. */
  startMs: number;
}

const MISSING =
  'PostgreSQL server binaries (initdb, pg_ctl) were not found in PATH or /usr/lib/postgresql/*/bin. ' +
  'Install them (Debian/Ubuntu: apt-get install -y postgresql) or point KUBESEAM_TEST_PG_URL at a server ' +
  '(a role allowed to CREATE DATABASE).';

/** Directory holding initdb and pg_ctl: PATH first, then the newest /usr/lib/postgresql/N/bin (Debian layout). */
export function findPgBin(env: NodeJS.ProcessEnv = process.env, base = '/usr/lib/postgresql'): string | undefined {
  const has = (dir: string): boolean => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  for (const dir of (env.PATH ?? '').split(delimiter)) if (dir !== '' && has(dir)) return dir;
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (has(join(base, v, 'bin'))) return join(base, v, 'bin');
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

let counter = 0;
const uniqueName = (prefix: string): string =>
  `${prefix}_${process.pid}_${Date.now().toString(36)}_${++counter}`.toLowerCase();

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function schemaFactory(adminUrl: string): () => Promise<string> {
  return async () => {
    const name = uniqueName('t'); // generated identifier, not input
    await adminQuery(adminUrl, `CREATE SCHEMA ${name}`);
    const u = new URL(adminUrl);
    u.searchParams.set('options', `-c search_path=${name}`);
    return u.toString();
  };
}

export async function startPostgres(options: { env?: NodeJS.ProcessEnv; libDir?: string } = {}): Promise<PgServer> {
  const env = options.env ?? process.env;
  const started = performance.now();
  const external = env.KUBESEAM_TEST_PG_URL;
  if (external !== undefined && external !== '') {
    const db = uniqueName('kubeseam_test');
    await adminQuery(external, `CREATE DATABASE ${db}`);
    const adminUrl = withDatabase(external, db);
    return {
      adminUrl,
      createSchema: schemaFactory(adminUrl),
      stop: () => adminQuery(external, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`),
      startMs: performance.now() - started,
    };
  }

  const bin = findPgBin(env, options.libDir);
  if (bin === undefined) throw new Error(MISSING);
  const asRoot = process.getuid?.() === 0;
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    try {
      owner = {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
      };
    } catch {
      throw new Error('running as root, and initdb refuses root: a `postgres` user is needed to run the test server');
    }
  }
  // Run a PostgreSQL program as the server's owner.
  const run = (prog: string, args: string[]): string => {
    const [cmd, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, prog), ...args]]
      : [join(bin, prog), args];
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };

  const dir = mkdtempSync(join(tmpdir(), 'kspg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const cleanup = (): void => {
    try {
      if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A crashed test run must not leave a server behind.
  process.once('exit', cleanup);

  try {
    run('initdb', [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    let port = 0;
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      // Durability is irrelevant for a throwaway server; atomicity (what the tests check) does not depend on it.
      const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off`;
      try {
        run('pg_ctl', ['-D', data, '-l', log, '-o', opts, '-w', '-t', '20', 'start']);
        break;
      } catch (e) {
        // Another process may have taken the port between probing and binding: try once more.
        if (attempt >= 1) {
          const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-10).join('\n') : '';
          throw new Error(`pg_ctl start failed: ${(e as Error).message}\n${tail}`, { cause: e });
        }
      }
    }
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return {
      adminUrl,
      createSchema: schemaFactory(adminUrl),
      stop: () => {
        process.removeListener('exit', cleanup);
        cleanup();
        return Promise.resolve();
      },
      startMs: performance.now() - started,
    };
  } catch (e) {
    process.removeListener('exit', cleanup);
    cleanup();
    throw e;
  }
}
