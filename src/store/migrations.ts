/**
 * The store schema as numbered migrations: data, applied in order, each once, recorded in `schema_migrations`.
 * Never edit a released migration; add the next number. `{{TIMESTAMP}}`, `{{BYTES}}` and `{{JSON}}` are the only
 * dialect differences (see dialect.ts).
 */
export interface Migration {
  version: number;
  name: string;
  /**
   * The oldest schema version whose kubeseam can still use the store after this migration. Additive changes (a new
   * table, a nullable column) keep the previous value, so in a fleet mid-upgrade the older kubeseam in other
   * clusters keeps saving; a change old code would get wrong sets it to this migration's version.
   */
  compatibleFrom: number;
  statements: readonly string[];
}

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  compatible_from INTEGER NOT NULL,
  applied_at {{TIMESTAMP}} NOT NULL
)`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'scans-findings-components',
    compatibleFrom: 1,
    statements: [
      // One row per saved scan. `result` is the whole ScanResult (gzip JSON), so sections added to the result
      // later are stored without a migration; the other tables index what history queries need.
      `CREATE TABLE scans (
        -- NOT NULL spelled out: SQLite lets a TEXT PRIMARY KEY be NULL.
        id TEXT NOT NULL PRIMARY KEY,
        cluster_key TEXT NOT NULL,
        provider TEXT,
        k8s_version TEXT,
        scanned_at {{TIMESTAMP}} NOT NULL,
        saved_at {{TIMESTAMP}} NOT NULL,
        tool_version TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        summary {{JSON}} NOT NULL,
        finding_count INTEGER NOT NULL,
        component_count INTEGER NOT NULL,
        result_encoding TEXT NOT NULL,
        result {{BYTES}} NOT NULL
      )`,
      `CREATE INDEX scans_cluster_time ON scans (cluster_key, scanned_at)`,
      `CREATE INDEX scans_time ON scans (scanned_at)`,
      `CREATE TABLE findings (
        scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        check_id TEXT NOT NULL,
        severity TEXT NOT NULL,
        status TEXT NOT NULL,
        resource_kind TEXT NOT NULL,
        resource_namespace TEXT,
        resource_name TEXT NOT NULL,
        path TEXT NOT NULL,
        message TEXT NOT NULL,
        PRIMARY KEY (scan_id, ordinal)
      )`,
      `CREATE INDEX findings_fingerprint ON findings (fingerprint)`,
      `CREATE INDEX findings_check ON findings (check_id, severity)`,
      `CREATE TABLE components (
        scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        resource_api_version TEXT NOT NULL,
        resource_kind TEXT NOT NULL,
        resource_namespace TEXT,
        resource_name TEXT NOT NULL,
        class TEXT NOT NULL,
        provider TEXT,
        component TEXT,
        service_account TEXT,
        pod_count INTEGER NOT NULL,
        node_count INTEGER NOT NULL,
        images {{JSON}} NOT NULL,
        privileges {{JSON}} NOT NULL,
        PRIMARY KEY (scan_id, ordinal)
      )`,
      `CREATE INDEX components_resource ON components (resource_kind, resource_namespace, resource_name)`,
      `CREATE INDEX components_class ON components (class, provider, component)`,
    ],
  },
];

export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.reduce((m, x) => Math.max(m, x.version), 0);
