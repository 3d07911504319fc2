/**
 * Compliance mappings: from the NIST SP 800-53 Rev. 5 controls that checks cite (src/knowledge/frameworks.ts) to
 * ISO/IEC 27001:2022 Annex A controls and the AICPA 2017 Trust Services Criteria (SOC 2), and the summary the HTML
 * report shows: which controls of CIS, NIST, ISO 27001 and SOC 2 the findings bear on.
 *
 * Checks carry CIS and NIST references themselves; ISO and SOC 2 items are reached through NIST. Each mapping names
 * its sources. A mapping read from a published crosswalk has `inferred` unset; one derived here (translated between
 * editions, or chosen from the control text where the crosswalk has no entry) is `inferred: true` with a note.
 * A mapping says the finding is relevant to the control, never that the control is failed or met.
 */
import { FRAMEWORKS, resolveReference } from './frameworks.ts';

export type MappedFrameworkId = 'iso-27001-2022' | 'soc2-2017';

export interface MappedFramework {
  id: MappedFrameworkId;
  name: string;
  edition: string;
  source: string;
  /** Control or criterion id → short title. */
  controls: Record<string, string>;
}

export const ISO_27001_2022: MappedFramework = {
  id: 'iso-27001-2022',
  name: 'ISO/IEC 27001:2022 Annex A',
  edition: '2022',
  source: 'https://www.iso.org/standard/82875.html',
  controls: {
    '5.9': 'Inventory of information and other associated assets',
    '5.14': 'Information transfer',
    '5.15': 'Access control',
    '5.16': 'Identity management',
    '5.17': 'Authentication information',
    '5.18': 'Access rights',
    '5.19': 'Information security in supplier relationships',
    '5.21': 'Managing information security in the ICT supply chain',
    '5.22': 'Monitoring, review and change management of supplier services',
    '5.23': 'Information security for use of cloud services',
    '8.2': 'Privileged access rights',
    '8.3': 'Information access restriction',
    '8.8': 'Management of technical vulnerabilities',
    '8.9': 'Configuration management',
    '8.15': 'Logging',
    '8.16': 'Monitoring activities',
    '8.18': 'Use of privileged utility programs',
    '8.19': 'Installation of software on operational systems',
    '8.20': 'Networks security',
    '8.21': 'Security of network services',
    '8.22': 'Segregation of networks',
    '8.24': 'Use of cryptography',
    '8.32': 'Change management',
  },
};

export const SOC2_TSC_2017: MappedFramework = {
  id: 'soc2-2017',
  name: 'SOC 2 Trust Services Criteria',
  edition: '2017 (revised points of focus 2022)',
  source:
    'https://www.aicpa-cima.com/resources/download/2017-trust-services-criteria-with-revised-points-of-focus-2022',
  controls: {
    'CC4.1': 'Ongoing and separate evaluations of internal control',
    'CC6.1': 'Logical access security software, infrastructure and architectures',
    'CC6.2': 'Registration and authorization of users before credentials are issued',
    'CC6.3': 'Access authorized, modified or removed by role, least privilege and segregation of duties',
    'CC6.6': 'Logical access measures against threats from outside the system boundaries',
    'CC6.8': 'Prevention or detection of unauthorized or malicious software',
    'CC7.1': 'Detection of configuration changes and newly discovered vulnerabilities',
    'CC7.2': 'Monitoring of system components for anomalies',
    'CC8.1': 'Changes to infrastructure and software authorized, tested and approved',
    'CC9.2': 'Risks from vendors and business partners assessed and managed',
  },
};

export const MAPPED_FRAMEWORKS: readonly MappedFramework[] = [ISO_27001_2022, SOC2_TSC_2017];

export interface ControlMapping {
  /** NIST SP 800-53 Rev. 5 control id as frameworks.ts writes it (`AC-6`, `AC-6(1)`). */
  nist: string;
  framework: MappedFrameworkId;
  controls: string[];
  /** https URLs or `owner/repo:path`. */
  sources: string[];
  inferred?: boolean;
  /** Required when inferred: how the mapping was derived. */
  note?: string;
}

// NIST publishes its SP 800-53 ↔ ISO/IEC 27001 crosswalk as supplemental material of the publication.
const NIST_SP80053 = 'https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final';
// ISO/IEC 27002:2022 Annex B (Table B.2) maps 27001:2013 Annex A ids to the 2022 controls.
const ISO_27002 = 'https://www.iso.org/standard/75652.html';
// AICPA's TSC → NIST SP 800-53 Rev. 5 spreadsheet ("NIST 800-53 as points of focus"), read through a
// machine-readable copy of it (the AICPA publishes it as XLSX only).
const AICPA_JSON = 'CyberRiskGuy/aicpa-soc-tsc-json:trust-services-criteria/mappings/tsc_to_nist_800-53.json';

const ISO_VIA_2013 =
  "From NIST's SP 800-53 Rev. 5 to ISO/IEC 27001 crosswalk (2013 Annex A ids), translated to 2022 ids with " +
  'ISO/IEC 27002:2022 Annex B; the subset relevant to cluster configuration; not re-checked against the 2022 table';
const ISO_NEW_2022 =
  'The 2013 crosswalk has no Annex A entry for this control; chosen from the 2022 control text (the closest ' +
  'control, new in 2022 or renumbered)';
const SOC2_FROM_TEXT =
  'Not found in the parts of the AICPA spreadsheet read for this mapping; chosen from the criterion text';

const iso = (nist: string, controls: string[], derived: 'via-2013' | 'new-2022'): ControlMapping => ({
  nist,
  framework: 'iso-27001-2022',
  controls,
  sources: derived === 'via-2013' ? [NIST_SP80053, ISO_27002] : [ISO_27001_2022.source],
  inferred: true,
  note: derived === 'via-2013' ? ISO_VIA_2013 : ISO_NEW_2022,
});

const soc2 = (nist: string, controls: string[], note?: string): ControlMapping => ({
  nist,
  framework: 'soc2-2017',
  controls,
  sources: note ? [SOC2_TSC_2017.source] : [AICPA_JSON],
  ...(note ? { inferred: true, note } : {}),
});

export const CONTROL_MAPPINGS: readonly ControlMapping[] = [
  // ISO/IEC 27001:2022 Annex A
  iso('AC-2', ['5.16', '5.18', '8.2'], 'via-2013'),
  iso('AC-3', ['5.15', '8.3'], 'via-2013'),
  iso('AC-4', ['8.22', '5.14'], 'via-2013'),
  iso('AC-6', ['5.15', '8.2', '8.18'], 'via-2013'),
  iso('AC-6(1)', ['8.2'], 'new-2022'),
  iso('AC-6(10)', ['8.2'], 'new-2022'),
  iso('AU-2', ['8.15'], 'new-2022'),
  iso('CA-7', ['8.16'], 'new-2022'),
  iso('CM-2', ['8.9'], 'new-2022'),
  iso('CM-3', ['8.32'], 'via-2013'),
  iso('CM-6', ['8.9'], 'new-2022'),
  iso('CM-7', ['8.19'], 'via-2013'),
  iso('CM-8', ['5.9'], 'via-2013'),
  iso('IA-5', ['5.16', '5.17'], 'via-2013'),
  iso('RA-5', ['8.8'], 'via-2013'),
  iso('SA-9', ['5.22', '8.21'], 'via-2013'),
  iso('SC-7', ['8.20', '8.22'], 'via-2013'),
  iso('SC-28', ['8.24'], 'new-2022'),
  iso('SC-39', ['8.9'], 'new-2022'),
  iso('SI-2', ['8.8', '8.32'], 'via-2013'),
  iso('SI-4', ['8.16'], 'new-2022'),
  iso('SI-7', ['8.19'], 'new-2022'),
  iso('SR-3', ['5.19', '5.21'], 'via-2013'),
  // SOC 2: rows read from the AICPA spreadsheet have no note.
  soc2('AC-2', ['CC6.1']), // AC-2 enhancements listed under CC6.1
  soc2('AC-3', ['CC6.1']),
  soc2('AC-4', ['CC6.1']), // AC-4(10), AC-4(11) listed under CC6.1
  soc2('AC-6', ['CC6.1']),
  soc2('AC-6(10)', ['CC6.1']),
  soc2('AC-6(1)', ['CC6.3'], SOC2_FROM_TEXT),
  soc2('AU-2', ['CC7.2'], SOC2_FROM_TEXT),
  soc2('CA-7', ['CC4.1'], SOC2_FROM_TEXT),
  soc2('CM-2', ['CC8.1'], SOC2_FROM_TEXT),
  soc2('CM-3', ['CC8.1'], SOC2_FROM_TEXT),
  soc2('CM-6', ['CC6.1']),
  soc2('CM-7', ['CC6.1']),
  soc2('CM-8', ['CC6.1']),
  soc2('IA-5', ['CC6.1'], SOC2_FROM_TEXT),
  soc2('RA-5', ['CC7.1'], SOC2_FROM_TEXT),
  soc2('SA-9', ['CC9.2'], SOC2_FROM_TEXT),
  soc2('SC-7', ['CC6.6']),
  soc2('SC-28', ['CC6.1']),
  soc2('SC-39', ['CC6.1']),
  soc2('SI-2', ['CC7.1'], SOC2_FROM_TEXT),
  soc2('SI-4', ['CC7.2'], SOC2_FROM_TEXT),
  soc2('SI-7', ['CC6.8'], SOC2_FROM_TEXT),
  soc2('SR-3', ['CC9.2'], SOC2_FROM_TEXT),
];

export interface MappedControl {
  framework: MappedFrameworkId;
  id: string;
  title: string;
  inferred: boolean;
  sources: string[];
  note?: string;
}

/** ISO or SOC 2 controls a NIST control maps to; an enhancement without its own row falls back to its base (inferred). */
export function mapNistControl(nist: string, framework: MappedFrameworkId): MappedControl[] {
  const fw = MAPPED_FRAMEWORKS.find((f) => f.id === framework);
  if (!fw) return [];
  let row = CONTROL_MAPPINGS.find((m) => m.framework === framework && m.nist === nist);
  let fallback = false;
  if (!row) {
    const base = nist.replace(/\(\d+\)$/, '');
    if (base !== nist) {
      row = CONTROL_MAPPINGS.find((m) => m.framework === framework && m.nist === base);
      fallback = row !== undefined;
    }
  }
  if (!row) return [];
  const r = row;
  return r.controls.map((id) => ({
    framework,
    id,
    title: fw.controls[id] ?? id,
    inferred: r.inferred === true || fallback,
    sources: r.sources,
    ...(fallback
      ? { note: `${nist} has no row of its own; mapped as its base control ${r.nist}` }
      : r.note
        ? { note: r.note }
        : {}),
  }));
}

// ─── Summary over a scan ────────────────────────────────────────────────────────────────────────────────────────

type Sev = 'critical' | 'high' | 'medium' | 'low' | 'info';
const SEV_ORDER: readonly Sev[] = ['critical', 'high', 'medium', 'low', 'info'];

export interface ComplianceInputCheck {
  id: string;
  references: readonly string[];
}

export interface ComplianceInputFinding {
  checkId: string;
  severity: Sev;
  status: 'open' | 'waived' | 'waiver-expired';
}

export interface ComplianceItem {
  id: string;
  title: string;
  url?: string;
  /** Checks that test this control (ran in the scan), and those with open findings. */
  checks: string[];
  failingChecks: string[];
  /** Open (not waived) findings of those checks, by severity. */
  findings: number;
  bySeverity: Record<Sev, number>;
  worst?: Sev;
  /** Every route to this control is an inferred mapping. */
  inferred: boolean;
  /** NIST controls it is reached through (ISO and SOC 2 only). */
  via: string[];
}

export interface ComplianceFrameworkSummary {
  id: string;
  name: string;
  edition: string;
  source: string;
  /** Sorted: controls with findings first (worst severity, then count), then the rest by id. */
  items: ComplianceItem[];
  /** How the items were reached, for the reader. */
  basis: string;
}

function emptySev(): Record<Sev, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

interface Acc {
  item: ComplianceItem;
  inferredOnly: boolean;
}

/**
 * Which controls of each framework the findings bear on. CIS items are the checks' own `cis-*` references, for the
 * provider's benchmark and the generic Kubernetes benchmark; NIST items are the checks' references; ISO 27001 and
 * SOC 2 items are reached through NIST. Controls tested by a check that found nothing are listed with zero findings.
 */
export function complianceSummary(
  checks: readonly ComplianceInputCheck[],
  findings: readonly ComplianceInputFinding[],
  provider?: string,
): ComplianceFrameworkSummary[] {
  const open = new Map<string, { n: number; bySev: Record<Sev, number> }>();
  for (const f of findings) {
    if (f.status === 'waived') continue;
    let e = open.get(f.checkId);
    if (!e) open.set(f.checkId, (e = { n: 0, bySev: emptySev() }));
    e.n++;
    if (SEV_ORDER.includes(f.severity)) e.bySev[f.severity]++;
  }

  const cisIds = ['cis-k8s'];
  if (provider === 'eks' || provider === 'aks' || provider === 'gke') cisIds.unshift(`cis-${provider}`);
  const frameworks = new Map<string, Map<string, Acc>>();
  const add = (
    fw: string,
    id: string,
    title: string,
    check: string,
    inferred: boolean,
    url?: string,
    via?: string,
  ): void => {
    let items = frameworks.get(fw);
    if (!items) frameworks.set(fw, (items = new Map<string, Acc>()));
    let acc = items.get(id);
    if (!acc) {
      acc = {
        item: {
          id,
          title,
          ...(url ? { url } : {}),
          checks: [],
          failingChecks: [],
          findings: 0,
          bySeverity: emptySev(),
          inferred: false,
          via: [],
        },
        inferredOnly: true,
      };
      items.set(id, acc);
    }
    if (!inferred) acc.inferredOnly = false;
    if (via && !acc.item.via.includes(via)) acc.item.via.push(via);
    if (acc.item.checks.includes(check)) return;
    acc.item.checks.push(check);
    const e = open.get(check);
    if (e && e.n > 0) {
      acc.item.failingChecks.push(check);
      acc.item.findings += e.n;
      for (const s of SEV_ORDER) acc.item.bySeverity[s] += e.bySev[s];
    }
  };

  for (const c of checks) {
    for (const ref of c.references) {
      const r = resolveReference(ref);
      if (!r) continue;
      const fwId = r.framework.id;
      if (fwId === 'nist-800-53') {
        add(fwId, r.id, r.title, c.id, false, r.url);
        for (const mf of MAPPED_FRAMEWORKS) {
          for (const m of mapNistControl(r.id, mf.id)) add(mf.id, m.id, m.title, c.id, m.inferred, undefined, r.id);
        }
      } else if (cisIds.includes(fwId)) {
        add(fwId, r.id, r.title, c.id, false);
      }
    }
  }

  const order = [...cisIds, 'nist-800-53', 'iso-27001-2022', 'soc2-2017'];
  const out: ComplianceFrameworkSummary[] = [];
  for (const fwId of order) {
    const items = frameworks.get(fwId);
    if (!items) continue;
    const list = [...items.values()].map(({ item, inferredOnly }) => {
      item.inferred = inferredOnly && (fwId === 'iso-27001-2022' || fwId === 'soc2-2017');
      const worst = SEV_ORDER.find((s) => item.bySeverity[s] > 0);
      if (worst) item.worst = worst;
      item.checks.sort();
      item.failingChecks.sort();
      item.via.sort(compareIds);
      return item;
    });
    list.sort(
      (a, b) =>
        (a.worst ? SEV_ORDER.indexOf(a.worst) : 9) - (b.worst ? SEV_ORDER.indexOf(b.worst) : 9) ||
        b.findings - a.findings ||
        compareIds(a.id, b.id),
    );
    const known = FRAMEWORKS.find((f) => f.id === fwId);
    const mapped = MAPPED_FRAMEWORKS.find((f) => f.id === fwId);
    const meta = known ?? mapped;
    if (!meta) continue;
    out.push({
      id: fwId,
      name: meta.name,
      edition: meta.edition,
      source: meta.source,
      items: list,
      basis: mapped
        ? 'Reached through the NIST SP 800-53 controls the checks cite; see each mapping’s source'
        : 'Cited by the checks themselves',
    });
  }
  return out;
}
