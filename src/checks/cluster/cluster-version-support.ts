import { CALENDARS, supportStatus } from '../../knowledge/version-calendars.ts';
import { defineCheck } from '../types.ts';
import { controlPlaneVersion } from '../util/cluster.ts';

const SOON_DAYS = 90;

export default defineCheck({
  id: 'cluster-version-support',
  title: 'Control plane runs a Kubernetes version at or near the end of its support',
  severity: 'critical',
  category: 'hygiene',
  target: 'cluster',
  references: ['nist-800-53:SI-2', 'nist-800-53:SA-9', 'nist-800-53:RA-5', 'k8s:security-checklist'],
  rationale:
    'Security fixes for Kubernetes ship as patch releases of the supported minor versions only. After the end of ' +
    'support, vulnerabilities in the API server, kubelet and the provider’s middleware built for that version are ' +
    'no longer fixed, and often no longer even reported. Managed providers sell a grace period — EKS extended ' +
    'support, AKS long-term support (Premium tier), the GKE Extended channel — that costs money and lags fixes; at ' +
    'its end the provider upgrades the control plane on its own schedule, which breaks workloads that use removed ' +
    'APIs. The calendar used is the provider’s when the provider is known, else upstream Kubernetes’.',
  remediation:
    'Plan the minor-version upgrade before the end of standard support: check removed APIs (`deprecated-api-in-use`), ' +
    'upgrade the control plane one minor at a time (`aws eks update-cluster-version`, `az aks upgrade`, ' +
    '`gcloud container clusters upgrade --master`), then node groups and provider add-ons. Subscribe to the ' +
    'provider’s upgrade notices, and run `kubeseam scan --as-of <date>` to see which clusters cross a date.',
  evaluate(model, ctx) {
    const cp = controlPlaneVersion(model);
    if (!cp) return;
    const { asOf } = ctx;
    const provider = model.cluster.provider;
    const s = supportStatus(provider, cp.minor, asOf);
    const cal = CALENDARS[s.calendar];
    const where = cp.pod ? { resource: cp.pod.ref, source: cp.pod.source, path: cp.pod.path } : { path: 'version' };
    const version = `Kubernetes 1.${cp.minor} (${cp.gitVersion})`;
    const upstreamOnly =
      s.calendar === 'upstream'
        ? {
            severityReason:
              'provider unknown: judged by the upstream calendar, which ends before any managed provider’s',
          }
        : {};
    const inferred = s.inferred ? ' (date inferred from the published policy)' : '';
    if (s.status === 'end-of-life') {
      const end = s.endOfExtended ?? s.endOfStandard;
      ctx.report({
        ...where,
        ...(s.calendar === 'upstream' ? { severity: 'high' as const, ...upstreamOnly } : {}),
        message:
          `${version} is past the end of ${cal.name} support${end ? ` (${end})` : ''}${inferred}: no security patches` +
          (s.note && !end ? `; ${s.note}` : ''),
      });
      return;
    }
    if (s.status === 'extended') {
      ctx.report({
        ...where,
        severity: 'medium',
        severityReason: `in ${cal.extended?.name ?? 'extended support'}: still patched, at extra cost and with lagging fixes`,
        message:
          `${version} left ${cal.name} standard support on ${s.endOfStandard ?? '?'}; ${cal.extended?.name ?? 'extended support'} ` +
          `ends ${s.endOfExtended ?? '?'} (${s.daysLeft ?? '?'} days left)${inferred}. ${cal.extended?.condition ?? ''}`.trim(),
      });
      return;
    }
    if (s.status === 'standard' && s.daysLeft !== undefined && s.daysLeft <= SOON_DAYS) {
      ctx.report({
        ...where,
        severity: 'low',
        severityReason: `standard support ends within ${SOON_DAYS} days`,
        ...upstreamOnly,
        message: `${version}: ${cal.name} standard support ends ${s.endOfStandard ?? '?'} (${s.daysLeft} days left)${inferred}`,
      });
    }
  },
});
