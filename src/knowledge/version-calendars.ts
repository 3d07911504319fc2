/**
 * Kubernetes minor-version support calendars per managed provider, and upstream as the fallback for clusters whose
 * provider is unknown. Each date carries the document it was read from; dates that are a computation from a stated
 * policy rather than a published date are `inferred` and say why.
 *
 * Convention: an end date is the first day without that support (EKS bills extended support "from the beginning of
 * the day that the version reaches end of standard support"; AKS month-only dates mean the last day of the month,
 * which the doc names as the end-of-life date). So a version is in standard support while `asOf < endOfStandard`.
 *
 * Sources:
 * - EKS: awsdocs/amazon-eks-user-guide:latest/ug/versioning/kubernetes-versions.adoc (release calendar table and the
 *   extended-support FAQ), https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html
 * - AKS: MicrosoftDocs/azure-aks-docs:articles/aks/supported-kubernetes-versions.md (ms.date 08/05/2026: release
 *   calendar and LTS table), https://learn.microsoft.com/azure/aks/supported-kubernetes-versions
 * - GKE: https://cloud.google.com/kubernetes-engine/docs/release-schedule via endoflife-date/endoflife.date:
 *   products/google-kubernetes-engine.md (its `releaseDate` is Regular-channel availability, `eol` GKE's end of
 *   standard support); extended support from https://cloud.google.com/kubernetes-engine/versioning.
 * - Upstream: kubernetes/website:data/releases/eol.yaml and the release announcements on https://kubernetes.io/blog/.
 */
import type { Provider } from '../model/types.ts';

export type CalendarId = Provider | 'upstream';

export interface CalendarDate {
  /** YYYY-MM-DD (UTC). */
  date: string;
  /** URL or `owner/repo:path` the date was read from. */
  source: string;
  /** True when the date is computed from a stated policy, not published as a date. */
  inferred?: boolean;
  /** Why it is inferred, or that the source is secondary or month-only. */
  note?: string;
}

export interface VersionLifecycle {
  /** Kubernetes minor (1.<minor>). */
  minor: number;
  /** Provider general availability; for upstream, the release date. */
  release: CalendarDate;
  /** First day without standard support (upstream: end of life). */
  endOfStandard: CalendarDate;
  /** First day without extended support (EKS extended support, AKS LTS, GKE Extended channel). */
  endOfExtended?: CalendarDate;
}

export interface ProviderCalendar {
  id: CalendarId;
  name: string;
  /** What the provider calls the period after standard support, and what it takes to be in it. */
  extended?: { name: string; condition: string };
  policy: string;
  source: string;
  versions: readonly VersionLifecycle[];
}

const EKS_DOC = 'awsdocs/amazon-eks-user-guide:latest/ug/versioning/kubernetes-versions.adoc';
const EKS_PAGE = 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html';
const EKS_EOL = 'https://endoflife.date/amazon-eks';
const EKS_EOL_NOTE = 'secondary: endoflife.date/amazon-eks, scraped from the AWS release calendar table';
const EKS_CALENDAR =
  'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar';

const AKS_DOC = 'MicrosoftDocs/azure-aks-docs:articles/aks/supported-kubernetes-versions.md';
const AKS_MONTH = 'month-only in the source; the doc states a month means its last day';

const GKE_EOL = 'endoflife-date/endoflife.date:products/google-kubernetes-engine.md';
const GKE_VERSIONING = 'https://cloud.google.com/kubernetes-engine/versioning';
const GKE_EXTENDED_NOTE =
  'Regular-channel availability + 24 months: GKE states "up to a total of 24 months of support … after the version has been made available … in the Regular channel" (Extended channel, 1.27+); the release schedule table could not be read here';

const UPSTREAM_EOL = 'kubernetes/website:data/releases/eol.yaml';
const UPSTREAM_POLICY =
  'release + ~14 months (12 months standard + 2 months maintenance, KEP-2572 yearly support); the schedule could not be read here';

const d = (date: string, source: string, extra: Omit<CalendarDate, 'date' | 'source'> = {}): CalendarDate => ({
  date,
  source,
  ...extra,
});

// EKS: 14 months standard + 12 months extended (enabled by default, billed per cluster hour).
function eks(
  minor: number,
  release: string,
  std: string,
  ext: string,
  source = EKS_DOC,
  note?: string,
): VersionLifecycle {
  const extra = note ? { note } : {};
  return {
    minor,
    release: d(release, source, extra),
    endOfStandard: d(std, source, extra),
    endOfExtended: d(ext, source, extra),
  };
}

// AKS: GA month, end of community support, end of LTS (Premium tier, opt-in).
function aks(
  minor: number,
  ga: string,
  eol: string,
  lts: string,
  eolNote: string | undefined = AKS_MONTH,
): VersionLifecycle {
  return {
    minor,
    release: d(`${ga}-01`, AKS_DOC, { note: 'GA month only in the source' }),
    endOfStandard: d(eol, AKS_DOC, eolNote ? { note: eolNote } : {}),
    endOfExtended: d(lts, AKS_DOC, { note: AKS_MONTH }),
  };
}

// GKE: Regular availability, end of standard support, end of extended support (inferred).
function gke(minor: number, regular: string, std: string, ext?: string, note?: string): VersionLifecycle {
  return {
    minor,
    release: d(regular, GKE_EOL, { note: 'Regular-channel availability' }),
    endOfStandard: d(std, GKE_EOL, note ? { note } : {}),
    ...(ext ? { endOfExtended: d(ext, GKE_VERSIONING, { inferred: true, note: GKE_EXTENDED_NOTE }) } : {}),
  };
}

function upstream(
  minor: number,
  release: string,
  releaseSource: string,
  eol: string,
  eolInferred = false,
): VersionLifecycle {
  return {
    minor,
    release: d(release, releaseSource),
    endOfStandard: eolInferred
      ? d(eol, 'https://kubernetes.io/releases/patch-releases/#support-period', {
          inferred: true,
          note: UPSTREAM_POLICY,
        })
      : d(eol, UPSTREAM_EOL),
  };
}

const blog = (path: string): string => `https://kubernetes.io/blog/${path}`;

export const CALENDARS: Readonly<Record<CalendarId, ProviderCalendar>> = {
  eks: {
    id: 'eks',
    name: 'Amazon EKS',
    extended: {
      name: 'extended support',
      condition:
        'Enabled by default (upgrade policy EXTENDED) and billed per cluster hour; at its end EKS upgrades the control plane automatically',
    },
    policy: '14 months of standard support from the EKS release, then 12 months of extended support',
    source: EKS_PAGE,
    versions: [
      // 1.23 end dates from the extended-support FAQ in the AWS document; 1.23–1.26 are no longer in its table.
      {
        ...eks(23, '2022-08-11', '2023-10-11', '2024-10-11', EKS_EOL, EKS_EOL_NOTE),
        endOfStandard: d('2023-10-11', EKS_DOC),
        endOfExtended: d('2024-10-11', EKS_DOC),
      },
      eks(24, '2022-11-15', '2024-01-31', '2025-01-31', EKS_EOL, EKS_EOL_NOTE),
      eks(25, '2023-02-21', '2024-05-01', '2025-05-01', EKS_EOL, EKS_EOL_NOTE),
      eks(26, '2023-04-11', '2024-06-11', '2025-06-11', EKS_EOL, EKS_EOL_NOTE),
      eks(27, '2023-05-24', '2024-07-24', '2025-07-24'),
      eks(28, '2023-09-26', '2024-11-26', '2025-11-26'),
      eks(29, '2024-01-23', '2025-03-23', '2026-03-23'),
      eks(30, '2024-05-23', '2025-07-23', '2026-07-23'),
      eks(31, '2024-09-26', '2025-11-26', '2026-11-26'),
      eks(32, '2025-01-23', '2026-03-23', '2027-03-23'),
      eks(33, '2025-05-29', '2026-07-29', '2027-07-29'),
      eks(
        34,
        '2025-10-02',
        '2026-12-02',
        '2027-12-02',
        EKS_CALENDAR,
        'AWS table as captured in /work/shared/research/mcm-catalog.md §6 (awsdocs commit 01385604); end dates confirmed by endoflife.date',
      ),
      eks(35, '2026-01-27', '2027-03-27', '2028-03-27', EKS_EOL, EKS_EOL_NOTE),
    ],
  },
  aks: {
    id: 'aks',
    name: 'Azure AKS',
    extended: {
      name: 'long-term support (LTS)',
      condition:
        'Only with LTS enabled on the Premium tier; without it the version is out of support (AKS "platform support" gives no Kubernetes security patches)',
    },
    policy: '12 months of community support after AKS GA; LTS adds about 12 months on the Premium tier',
    source: 'https://learn.microsoft.com/azure/aks/supported-kubernetes-versions',
    versions: [
      // 1.27 and 1.28 rows were removed from the current doc; read from earlier versions of the same file.
      aks(27, '2023-07', '2024-07-31', '2025-07-31'),
      aks(28, '2023-11', '2025-01-31', '2026-02-28'),
      aks(29, '2024-03', '2025-03-31', '2026-04-30'),
      aks(30, '2024-07', '2025-08-22', '2026-07-31', undefined),
      aks(31, '2024-11', '2025-11-01', '2026-11-30', undefined),
      aks(32, '2025-04', '2026-03-31', '2027-03-31'),
      aks(33, '2025-06', '2026-07-31', '2027-07-31'),
      aks(34, '2025-11', '2026-11-30', '2027-11-30'),
      aks(35, '2026-03', '2027-03-31', '2028-03-31'),
      aks(36, '2026-06', '2027-06-30', '2028-06-30'),
      aks(37, '2026-10', '2027-10-31', '2028-10-31'),
    ],
  },
  gke: {
    id: 'gke',
    name: 'Google GKE',
    extended: {
      name: 'Extended channel',
      condition:
        'Only for clusters enrolled in the Extended release channel (billed); clusters on other channels are upgraded at the end of standard support',
    },
    policy: '14 months of standard support from Regular-channel availability; Extended channel up to 24 months',
    source: 'https://cloud.google.com/kubernetes-engine/docs/release-schedule',
    versions: [
      gke(23, '2022-05-03', '2023-07-31'),
      gke(24, '2022-06-23', '2023-10-31'),
      gke(25, '2022-12-14', '2024-03-30'),
      gke(26, '2023-03-31', '2024-06-30'),
      gke(27, '2023-06-15', '2024-10-01', '2025-06-15'),
      gke(28, '2023-12-04', '2025-02-04', '2025-12-04'),
      gke(29, '2024-01-26', '2025-04-12', '2026-01-26'),
      gke(30, '2024-07-31', '2025-09-30', '2026-07-31'),
      gke(31, '2024-10-25', '2026-01-16', '2026-10-25'),
      gke(32, '2025-02-11', '2026-04-11', '2027-02-11'),
      gke(33, '2025-06-03', '2026-08-03', '2027-06-03'),
      gke(
        34,
        '2025-09-30',
        '2026-10-01',
        '2027-09-30',
        'as published: 12 months after Regular availability, shorter than the 14-month policy; re-check the release schedule',
      ),
      gke(35, '2026-02-11', '2027-04-11', '2028-02-11'),
    ],
  },
  upstream: {
    id: 'upstream',
    name: 'Kubernetes (upstream)',
    policy: 'about 14 months of patch releases per minor (12 months standard + 2 months maintenance) since 1.19',
    source: 'https://kubernetes.io/releases/',
    versions: [
      upstream(23, '2021-12-07', blog('2021/12/07/kubernetes-1-23-release-announcement/'), '2023-02-28'),
      upstream(24, '2022-05-03', 'kubernetes/website:data/releases/schedule.yaml', '2023-07-28'),
      upstream(25, '2022-08-23', 'kubernetes/website:data/releases/schedule.yaml', '2023-10-28'),
      upstream(26, '2022-12-09', 'kubernetes/website:data/releases/schedule.yaml', '2024-02-28'),
      upstream(27, '2023-04-11', EKS_DOC, '2024-07-16'),
      upstream(28, '2023-08-15', EKS_DOC, '2024-10-22'),
      upstream(29, '2023-12-13', EKS_DOC, '2025-02-28'),
      upstream(30, '2024-04-17', EKS_DOC, '2025-07-15'),
      upstream(31, '2024-08-13', EKS_DOC, '2025-11-11'),
      upstream(32, '2024-12-11', EKS_DOC, '2026-02-28', true),
      upstream(33, '2025-04-23', EKS_DOC, '2026-06-28', true),
      upstream(34, '2025-08-27', blog('2025/08/27/kubernetes-v1-34-release/'), '2026-10-27', true),
      upstream(35, '2025-12-17', blog('2025/12/17/kubernetes-v1-35-release/'), '2027-02-28', true),
      upstream(36, '2026-04-22', blog('2026/04/22/kubernetes-v1-36-release/'), '2027-06-28', true),
    ],
  },
};

export type SupportStatusKind = 'standard' | 'extended' | 'end-of-life' | 'unknown';

export interface SupportStatus {
  status: SupportStatusKind;
  /** The calendar that decided: the provider's, or upstream for an unknown provider. */
  calendar: CalendarId;
  minor?: number;
  endOfStandard?: string;
  endOfExtended?: string;
  /** Whole days from `asOf` to the end of the current support period (standard or extended); absent after it. */
  daysLeft?: number;
  /** Where the deciding dates come from. */
  source: string;
  /** True when a deciding date is inferred from policy. */
  inferred?: boolean;
  note?: string;
}

const DAY = 86_400_000;

function startOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function daysUntil(date: string, asOf: Date): number {
  return Math.ceil((startOf(date) - asOf.getTime()) / DAY);
}

/**
 * The Kubernetes minor of a version in any of the shapes clusters report: `v1.29.5-eks-a1b2c3d`, `1.30`,
 * `v1.33.5-gke.1201000`, or discovery's `{ major: '1', minor: '29+' }`. Only major version 1 exists.
 */
export function minorOfVersion(version: string | { major?: unknown; minor?: unknown } | undefined): number | undefined {
  if (version === undefined) return undefined;
  if (typeof version === 'string') {
    const m = /^v?1\.(\d{1,3})(?:\.|$|[-+])/.exec(version.trim());
    return m ? Number(m[1]) : undefined;
  }
  const major = typeof version.major === 'string' ? version.major.replace(/\D/g, '') : '';
  const minor = typeof version.minor === 'string' ? version.minor.replace(/\D/g, '') : '';
  if (major !== '1' || minor === '') return undefined;
  return Number(minor);
}

/**
 * Where a Kubernetes minor stands on the provider's calendar at `asOf`. An unknown provider uses upstream's.
 * A minor older than the calendar's oldest entry is end-of-life once that entry is; a minor newer than the
 * newest is `unknown` (the calendar has not caught up).
 */
export function supportStatus(
  provider: Provider | 'unknown' | undefined,
  version: string | number | { major?: unknown; minor?: unknown } | undefined,
  asOf: Date,
): SupportStatus {
  const calendar = CALENDARS[provider && provider !== 'unknown' ? provider : 'upstream'];
  const minor = typeof version === 'number' ? version : minorOfVersion(version);
  if (Number.isNaN(asOf.getTime()))
    return { status: 'unknown', calendar: calendar.id, source: calendar.source, note: 'invalid evaluation date' };
  if (minor === undefined)
    return { status: 'unknown', calendar: calendar.id, source: calendar.source, note: 'version not known' };
  const entry = calendar.versions.find((v) => v.minor === minor);
  if (!entry) {
    const oldest = calendar.versions[0];
    const newest = calendar.versions.at(-1);
    if (oldest && minor < oldest.minor) {
      const end = oldest.endOfExtended ?? oldest.endOfStandard;
      if (asOf.getTime() >= startOf(end.date)) {
        return {
          status: 'end-of-life',
          calendar: calendar.id,
          minor,
          source: end.source,
          note: `older than 1.${oldest.minor}, whose support ended ${end.date}`,
        };
      }
    }
    return {
      status: 'unknown',
      calendar: calendar.id,
      minor,
      source: calendar.source,
      note:
        newest && minor > newest.minor
          ? `1.${minor} is newer than the calendar (latest 1.${newest.minor})`
          : `1.${minor} is not in the ${calendar.name} calendar`,
    };
  }
  const base = {
    calendar: calendar.id,
    minor,
    endOfStandard: entry.endOfStandard.date,
    ...(entry.endOfExtended ? { endOfExtended: entry.endOfExtended.date } : {}),
  };
  const t = asOf.getTime();
  if (t < startOf(entry.endOfStandard.date)) {
    return {
      status: 'standard',
      ...base,
      daysLeft: daysUntil(entry.endOfStandard.date, asOf),
      source: entry.endOfStandard.source,
      ...(entry.endOfStandard.inferred ? { inferred: true } : {}),
      ...(entry.endOfStandard.note ? { note: entry.endOfStandard.note } : {}),
    };
  }
  const ext = entry.endOfExtended;
  if (ext && t < startOf(ext.date)) {
    return {
      status: 'extended',
      ...base,
      daysLeft: daysUntil(ext.date, asOf),
      source: ext.source,
      ...(ext.inferred ? { inferred: true } : {}),
      note: [calendar.extended?.condition, ext.note].filter(Boolean).join('; '),
    };
  }
  const last = ext ?? entry.endOfStandard;
  return {
    status: 'end-of-life',
    ...base,
    source: last.source,
    ...(last.inferred ? { inferred: true } : {}),
    ...(last.note ? { note: last.note } : {}),
  };
}

/** Supported kubelet-to-API-server skew: 3 minors older since 1.28 (KEP-3935), 2 before; never newer. */
export function maxKubeletSkew(controlPlaneMinor: number): number {
  return controlPlaneMinor >= 28 ? 3 : 2;
}
export const KUBELET_SKEW_SOURCE = 'https://kubernetes.io/releases/version-skew-policy/#kubelet';

/**
 * The oldest minor that some calendar (a provider's, or upstream) still supports at `asOf`, standard or extended:
 * an API version removed in or before it is served by no supported cluster anywhere.
 */
export function oldestSupportedMinor(asOf: Date): number | undefined {
  let oldest: number | undefined;
  for (const cal of Object.values(CALENDARS)) {
    for (const v of cal.versions) {
      const s = supportStatus(cal.id === 'upstream' ? 'unknown' : cal.id, v.minor, asOf);
      if ((s.status === 'standard' || s.status === 'extended') && (oldest === undefined || v.minor < oldest))
        oldest = v.minor;
    }
  }
  return oldest;
}

/** The newest upstream minor released by `asOf`. */
export function latestReleasedMinor(asOf: Date): number | undefined {
  let latest: number | undefined;
  for (const v of CALENDARS.upstream.versions)
    if (startOf(v.release.date) <= asOf.getTime() && (latest === undefined || v.minor > latest)) latest = v.minor;
  return latest;
}
