import { defineCheck } from '../types.ts';
import { isRecord } from '../util/pod.ts';

// Specific enough to match anywhere in the name: PGPASSWORD, GITHUB_TOKEN, clientSecret, x-api-key.
const CREDENTIAL_PARTS = ['PASSWORD', 'PASSWD', 'SECRET', 'TOKEN', 'APIKEY', 'PRIVATEKEY', 'CREDENTIAL', 'PASSPHRASE'];
// Too short to match inside other words (KEYCLOAK, MONKEY, PASSTHROUGH): whole words only, after splitting on `_`,
// `-`, `.` and camelCase.
const CREDENTIAL_WORDS = new Set(['KEY', 'PASS', 'PWD', 'AUTH', 'CREDS', 'DSN', 'SAS', 'CONNECTIONSTRING']);
// A last word that says the value is about a credential, not the credential: DB_PASSWORD_FILE, TOKEN_URL, KEY_ID.
const NOT_A_VALUE = new Set([
  'FILE',
  'PATH',
  'DIR',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'PORT',
  'NAME',
  'ID',
  'USER',
  'USERNAME',
  'TYPE',
  'TTL',
  'TIMEOUT',
  'EXPIRY',
  'EXPIRATION',
  'ENABLED',
  'DISABLED',
  'ENABLE',
  'HEADER',
  'LENGTH',
  'SIZE',
  'REF',
  'MODE',
  'ALGORITHM',
  'REGION',
  'VERSION',
  'FORMAT',
  'PREFIX',
  'SOURCE',
  'PROVIDER',
  'REQUIRED',
  'LOCATION',
  'ROTATION',
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[_\-.]+/)
    .filter((w) => w !== '')
    .map((w) => w.toUpperCase());
}

/** A name that holds a credential: a credential word, and not a trailing word that describes one. */
function isCredentialName(name: string): boolean {
  const ws = words(name);
  const last = ws[ws.length - 1];
  if (last === undefined || NOT_A_VALUE.has(last)) return false;
  // AWS_ACCESS_KEY_ID ends in ID; "KEY" in the middle of KEYCLOAK_URL is not a word on its own.
  const joined = ws.join('');
  return ws.some((w) => CREDENTIAL_WORDS.has(w)) || CREDENTIAL_PARTS.some((p) => joined.includes(p));
}

/** Values that are not a literal credential: empty, booleans, references and plain numbers. */
function looksLikeLiteral(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return false;
  if (/^(true|false|yes|no|on|off|null|none)$/i.test(v)) return false;
  if (/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(v) || /^\$\{[^}]+\}$/.test(v)) return false; // $(VAR), ${VAR}
  if (/^\d+$/.test(v)) return false;
  if (v.startsWith('/')) return false; // a path
  return true;
}

export default defineCheck({
  id: 'literal-credential-in-env',
  title: 'Credential written literally in an environment variable',
  severity: 'high',
  category: 'secrets',
  target: 'container',
  references: [
    'cis-k8s:5.4.1',
    'k8s:secrets-good-practices',
    'nist-800-53:IA-5',
    'nist-800-53:SC-28',
    'mitre:T1552.007',
  ],
  rationale:
    'A password, token or key written as an env `value` is stored in the workload object itself: anyone who can get ' +
    'or list Deployments, Pods or ReplicaSets (view-level roles, CI logs, GitOps repositories, `kubectl get -o yaml`, ' +
    'audit logs at Request level) reads it, and it is not encrypted at rest as Secrets can be. The variable name is ' +
    'the signal (PASSWORD, TOKEN, SECRET, KEY, CREDENTIALS…); kubeseam never prints or stores the value.',
  remediation:
    'Move the value into a Secret (or an external secrets manager) and mount it as a file; rotate the credential, ' +
    'since it has been readable by everyone with read access to the workload and its history.',
  evaluate({ container }, { report }) {
    const env = Array.isArray(container.env) ? container.env : [];
    env.forEach((e, i) => {
      if (!isRecord(e) || typeof e.name !== 'string' || typeof e.value !== 'string') return;
      if (!isCredentialName(e.name) || !looksLikeLiteral(e.value)) return;
      report({
        path: `env[${i}].value`,
        message: `container "${container.name ?? '?'}" sets $${e.name} to a literal value (not shown)`,
      });
    });
  },
});
