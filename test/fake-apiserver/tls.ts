// TLS material for the fake API server: a fresh self-signed certificate from the openssl CLI when it is
// available, else the committed test-only pair in tls/ (see tls/README.md).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  /** PEM certificate; also the CA a kubeconfig must trust. */
  cert: string;
  /** PEM private key. */
  key: string;
  /** True when generated now by openssl; false for the committed fallback. */
  generated: boolean;
}

let cached: TestCertificate | undefined;

function generate(): TestCertificate | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'kubeseam-tls-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    const result = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '2',
        '-subj',
        '/CN=kubeseam-fake-apiserver (TEST ONLY)',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore', timeout: 10_000 },
    );
    if (result.status !== 0) return undefined;
    return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), generated: true };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One certificate per process (generation takes a few milliseconds, but there is no need to repeat it). */
export function testCertificate(): TestCertificate {
  cached ??= generate() ?? {
    cert: readFileSync(new URL('./tls/cert.pem', import.meta.url), 'utf8'),
    key: readFileSync(new URL('./tls/key.pem', import.meta.url), 'utf8'),
    generated: false,
  };
  return cached;
}
