// SARIF 2.1.0 output for code scanning (GitHub, GitLab, Azure DevOps). Shapes follow the OASIS schema in
// test/schemas/sarif-schema-2.1.0.json (oasis-tcs/sarif-spec:Schemata/sarif-schema-2.1.0.json) and the GitHub
// additions documented at docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
// (properties.security-severity, partialFingerprints).
import type {
  ArtifactLocation,
  Location,
  Log,
  LogicalLocation,
  Notification,
  ReportingDescriptor,
  Result,
  Run,
} from 'sarif';
import { findCheck } from '../checks/index.ts';
import type { AnyCheck, Finding, Severity } from '../checks/types.ts';
import { resolveReference } from '../knowledge/frameworks.ts';
import { formatRef } from '../model/refs.ts';
import type { Origin } from '../model/types.ts';
import type { ScanResult } from '../result.ts';
import { oneLine, stripControl } from './sanitize.ts';

export interface SarifOptions {
  /** Checks beyond the built-in registry (custom rules), so their metadata reaches `tool.driver.rules`. */
  checks?: readonly AnyCheck[];
  /** Absolute directory that relative artifact URIs resolve against; recorded as `originalUriBaseIds['%SRCROOT%']`. */
  srcRoot?: string;
  /**
   * GitHub code scanning rejects a whole upload if one result lacks a file location. A finding with no file of its
   * own (a namespace only referenced, a cluster-wide finding) is shown at a scanned object in the same namespace, or
   * at the first scanned file. Default true; live-cluster scans have no files and keep logical locations only.
   */
  anchorUnlocated?: boolean;
}

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = 'https://kubeseam.dev';
export const SRCROOT = '%SRCROOT%';
/** Key of the stable fingerprint in `partialFingerprints`; the version changes only if the fingerprint recipe does. */
export const FINGERPRINT_KEY = 'kubeseam/v1';

const LEVEL: Record<Severity, Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

// GitHub maps the score to its labels: > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, ≤ 3.9 low.
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

export function sarifLevel(s: Severity): Result.level {
  return LEVEL[s];
}

export function securitySeverity(s: Severity): string {
  return SECURITY_SEVERITY[s];
}

/** `host-pid` → `HostPid`: SARIF `name` is an identifier, the title goes in `shortDescription`. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function referenceLinks(check: AnyCheck): { text: string[]; markdown: string[]; firstUrl?: string } {
  const text: string[] = [];
  const markdown: string[] = [];
  let firstUrl: string | undefined;
  for (const ref of check.references) {
    const r = resolveReference(ref);
    if (!r) continue;
    firstUrl ??= r.url;
    text.push(`${r.framework.name} ${r.id}: ${r.title} (${r.url})`);
    markdown.push(`- [${r.framework.name} ${r.id}](${r.url}): ${r.title}`);
  }
  return firstUrl === undefined ? { text, markdown } : { text, markdown, firstUrl };
}

function descriptorFor(id: string, check: AnyCheck | undefined, severity: Severity): ReportingDescriptor {
  if (!check) {
    // A finding whose check is not in any registry (an older result rendered by a newer build): keep it reportable.
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: id },
      defaultConfiguration: { level: sarifLevel(severity) },
      properties: { tags: ['security', 'kubernetes'], 'security-severity': securitySeverity(severity) },
    };
  }
  const refs = referenceLinks(check);
  const helpText = [`Remediation: ${check.remediation}`, ...(refs.text.length ? ['References:', ...refs.text] : [])];
  const helpMarkdown = [
    `**Remediation**`,
    '',
    check.remediation,
    ...(refs.markdown.length ? ['', '**References**', '', ...refs.markdown] : []),
  ];
  const d: ReportingDescriptor = {
    id: check.id,
    name: ruleName(check.id),
    shortDescription: { text: check.title },
    fullDescription: { text: check.rationale, markdown: check.rationale },
    help: { text: helpText.join('\n'), markdown: helpMarkdown.join('\n') },
    defaultConfiguration: { level: sarifLevel(check.severity) },
    properties: {
      tags: [...new Set(['security', 'kubernetes', check.category, ...check.references])],
      'security-severity': securitySeverity(check.severity),
      category: check.category,
      target: String(check.target),
    },
  };
  if (refs.firstUrl) d.helpUri = refs.firstUrl;
  return d;
}

/** A relative path becomes a `%SRCROOT%`-relative URI with forward slashes; an absolute one a file: URI. */
export function artifactLocationOf(file: string): ArtifactLocation | undefined {
  if (file === '' || file.startsWith('<')) return undefined; // <stdin> and other pseudo files have no artifact
  const slashed = file.replace(/\\/g, '/');
  const encode = (p: string): string => p.split('/').map(encodeURIComponent).join('/');
  if (slashed.startsWith('/')) return { uri: `file://${encode(slashed)}` };
  const drive = /^([A-Za-z]):\/(.*)$/.exec(slashed);
  if (drive) return { uri: `file:///${drive[1]!}:/${encode(drive[2]!)}` };
  return { uri: encode(slashed.replace(/^(\.\/)+/, '')), uriBaseId: SRCROOT };
}

function logicalLocationOf(f: Finding): LogicalLocation {
  return {
    name: stripControl(f.resource.name),
    fullyQualifiedName: stripControl(formatRef(f.resource)),
    kind: 'resource',
  };
}

function locationOf(f: Finding, anchor: (f: Finding) => Origin | undefined): Location {
  const loc: Location = {};
  let origin: Origin | undefined = f.origin;
  let artifact = physicalArtifact(origin);
  if (!artifact) {
    origin = anchor(f);
    artifact = physicalArtifact(origin);
    if (artifact)
      loc.message = { text: oneLine(`${formatRef(f.resource)} has no file of its own; shown at a scanned object.`) };
  }
  if (artifact && origin) {
    loc.physicalLocation = { artifactLocation: artifact };
    if (typeof origin.line === 'number' && origin.line >= 1) {
      loc.physicalLocation.region = {
        startLine: origin.line,
        ...(typeof origin.column === 'number' && origin.column >= 1 ? { startColumn: origin.column } : {}),
      };
    }
  }
  loc.logicalLocations = [logicalLocationOf(f)];
  return loc;
}

function physicalArtifact(o: Origin | undefined): ArtifactLocation | undefined {
  return o?.file === undefined ? undefined : artifactLocationOf(o.file);
}

/** Where to show a finding that has no file: an object of its namespace that has one, else the first input file. */
function anchorer(result: ScanResult, enabled: boolean): (f: Finding) => Origin | undefined {
  if (!enabled || result.source.kind === 'cluster') return () => undefined;
  const fallback =
    result.source.snapshot ?? result.source.files?.find((file) => artifactLocationOf(file) !== undefined);
  return (f) => {
    const ns = f.resource.kind === 'Namespace' ? f.resource.name : f.resource.namespace;
    const member =
      ns === undefined ? undefined : result.inventory.find((w) => w.resource.namespace === ns && w.origin.file);
    if (member && physicalArtifact(member.origin)) return member.origin;
    return fallback === undefined ? undefined : { file: fallback };
  };
}

function resultOf(f: Finding, ruleIndex: number, anchor: (f: Finding) => Origin | undefined): Result {
  const r: Result = {
    ruleId: f.checkId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: oneLine(`${formatRef(f.resource)}: ${f.message}`) },
    locations: [locationOf(f, anchor)],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      severity: f.severity,
      status: f.status,
      path: stripControl(f.path),
      resource: stripControl(formatRef(f.resource)),
      ...(f.severityReason ? { severityReason: stripControl(f.severityReason) } : {}),
      ...(f.component ? { component: f.component } : {}),
      ...(f.waiver ? { waiver: f.waiver } : {}),
    },
  };
  if (f.status === 'waived') {
    const w = f.waiver;
    const who = [w?.owner ? `owner ${w.owner}` : '', w?.expires ? `expires ${w.expires}` : ''].filter(Boolean);
    const justification = `${w?.justification || 'waived'}${who.length ? ` (${who.join(', ')})` : ''}`;
    r.suppressions = [{ kind: 'external', justification: oneLine(justification), status: 'accepted' }];
  }
  return r;
}

/** One SARIF run: the rules that appear (sorted by id), one result per finding, check errors as notifications. */
export function buildSarif(result: ScanResult, options: SarifOptions = {}): Log {
  const lookup = (id: string): AnyCheck | undefined => options.checks?.find((c) => c.id === id) ?? findCheck(id);
  const ids = [...new Set([...result.findings.map((f) => f.checkId), ...result.errors.map((e) => e.checkId)])].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const anchor = anchorer(result, options.anchorUnlocated !== false);
  const rules = ids.map((id) =>
    descriptorFor(id, lookup(id), result.findings.find((f) => f.checkId === id)?.severity ?? 'medium'),
  );

  const notifications: Notification[] = [
    ...result.errors.map((e): Notification => ({
      level: 'error',
      message: { text: oneLine(`check ${e.checkId}${e.resource ? ` on ${e.resource}` : ''} failed: ${e.message}`) },
      associatedRule: { id: e.checkId, index: index.get(e.checkId) ?? -1 },
    })),
    ...result.coverage.notes.map((n): Notification => ({ level: 'warning', message: { text: oneLine(n) } })),
  ];

  const run: Run = {
    tool: {
      driver: {
        name: 'kubeseam',
        version: result.tool.version,
        semanticVersion: result.tool.version,
        informationUri: INFORMATION_URI,
        rules,
      },
    },
    invocations: [
      {
        executionSuccessful: result.errors.length === 0,
        ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    originalUriBaseIds: { [SRCROOT]: srcRootLocation(options.srcRoot) },
    columnKind: 'utf16CodeUnits',
    results: result.findings.map((f) => resultOf(f, index.get(f.checkId)!, anchor)),
    properties: {
      scannedAt: result.scannedAt,
      schemaVersion: result.schemaVersion,
      source: result.source,
      cluster: {
        ...(result.cluster.provider ? { provider: result.cluster.provider } : {}),
        ...(result.cluster.name ? { name: stripControl(result.cluster.name) } : {}),
        ...(result.cluster.version?.gitVersion ? { version: stripControl(result.cluster.version.gitVersion) } : {}),
      },
      summary: result.summary,
    },
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/** SARIF wants an absolute URI ending in `/`; without a known absolute root, a description says what the base is. */
function srcRootLocation(dir: string | undefined): ArtifactLocation {
  const loc = dir ? artifactLocationOf(dir.endsWith('/') || dir.endsWith('\\') ? dir : `${dir}/`) : undefined;
  if (loc && loc.uriBaseId === undefined) return { uri: loc.uri };
  return { description: { text: 'The directory kubeseam ran in; manifest paths are relative to it.' } };
}

export function renderSarif(result: ScanResult, options: SarifOptions = {}): string {
  return JSON.stringify(buildSarif(result, options), null, 2) + '\n';
}
