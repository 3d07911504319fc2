import { isControlPlaneIdentity } from '../../knowledge/control-plane-identities.ts';
import { consumedConfig, nodeRootReason, summarizePrivileges } from '../../inventory/privileges.ts';
import { findNamespaced } from '../../model/lookup.ts';
import { formatRef } from '../../model/refs.ts';
import { rbacIndexFor } from '../../rbac/analyze.ts';
import { formatSubject } from '../../rbac/subjects.ts';
import type { Grant, Subject } from '../../rbac/types.ts';
import { whoCan, whoCanShared } from '../../rbac/who-can.ts';
import { defineCheck } from '../types.ts';

const WRITE_VERBS = ['patch', 'update'] as const;

/** Bootstrap controller roles (`system:controller:*`) are the control plane's own service accounts at work. */
const CONTROLLER_ROLE_PREFIX = 'system:controller:';

/** Published into every namespace by the root CA publisher; rewriting it is a trust issue, not code execution. */
const PUBLISHED_CONFIG = new Set(['kube-root-ca.crt']);

export default defineCheck({
  id: 'privileged-config-writable',
  title: 'Principal can rewrite configuration read by a privileged workload',
  severity: 'critical',
  category: 'rbac',
  target: 'cluster',
  references: ['cis-k8s:5.1.3', 'nist-800-53:AC-6', 'nist-800-53:CM-3', 'mitre:T1611', 'mitre:T1543'],
  rationale:
    'Privileged middleware takes its behaviour from config maps and secrets: a Fluent Bit `[INPUT] Name exec` ' +
    'section runs a command, a Node Problem Detector custom plugin names a script to run, a CNI config names a binary. ' +
    'Whoever can patch that configuration runs code with the privileges of the workload that reads it — root on ' +
    'every node it runs on, and the node cloud identity behind it — without ever creating a pod, so Pod Security ' +
    'admission never sees it.',
  remediation:
    'Remove `update`/`patch` on these config maps and secrets from everyone but the component owner: narrow the ' +
    'Role with `resourceNames` that exclude them, or move the grant to another namespace. Treat write access to ' +
    'middleware configuration as node-admin access, and alert on it in the audit log.',
  evaluate(model, { report }) {
    const index = rbacIndexFor(model);
    const admins = new Set(
      whoCan(index, { verb: '*', apiGroup: '*', resource: '*' }).map((a) => formatSubject(a.subject)),
    );
    // One finding per (subject, object): which privileged workloads read it, and the first grant that allows it.
    const found = new Map<
      string,
      { subject: Subject; grant: Grant; targets: string[]; readers: string[]; why: string }
    >();
    // Service accounts of provider middleware: their grants ship with the component (accepted provider risk).
    const middlewareAccounts = new Map<string, string>();
    for (const w of model.workloads) {
      const c = w.classification;
      if (c && (c.class === 'middleware' || c.class === 'core') && c.component) {
        middlewareAccounts.set(`${w.namespace}/${w.serviceAccountName}`, c.component);
      }
    }
    for (const w of model.workloads) {
      const why = nodeRootReason(summarizePrivileges(w.podSpec));
      if (!why) continue;
      const consumed = consumedConfig(w.podSpec);
      const targets = [
        ...consumed.configMaps
          .filter((name) => !PUBLISHED_CONFIG.has(name))
          .map((name) => ({ resource: 'configmaps', kind: 'ConfigMap', name })),
        ...consumed.secrets.map((name) => ({ resource: 'secrets', kind: 'Secret', name })),
      ];
      for (const t of targets) {
        for (const verb of WRITE_VERBS) {
          const req = { verb, apiGroup: '', resource: t.resource, name: t.name, namespace: w.namespace };
          for (const answer of whoCanShared(index, req)) {
            const s = answer.subject;
            const subj = formatSubject(s);
            if (isControlPlaneIdentity(s) || admins.has(subj)) continue;
            if (answer.grants.every((g) => g.role.name.startsWith(CONTROLLER_ROLE_PREFIX))) continue;
            if (s.kind === 'ServiceAccount' && s.namespace === w.namespace && s.name === w.serviceAccountName) continue;
            const grant = answer.grants[0];
            if (!grant) continue;
            const target = `${t.kind}/${w.namespace}/${t.name}`;
            const key = `${subj}\0${formatRef(grant.binding)}`;
            const entry = found.get(key);
            const reader = formatRef(w.ref);
            if (entry) {
              if (!entry.readers.includes(reader)) entry.readers.push(reader);
              if (!entry.targets.includes(target)) entry.targets.push(target);
            } else {
              found.set(key, { subject: s, grant, targets: [target], readers: [reader], why });
            }
          }
        }
      }
    }
    for (const f of found.values()) {
      const binding = findNamespaced(
        model.byKind.get(f.grant.binding.kind),
        f.grant.binding.namespace,
        f.grant.binding.name,
      );
      const subjects = binding?.object.subjects;
      const i = Array.isArray(subjects)
        ? subjects.findIndex(
            (x: { kind?: string; name?: string }) => x.kind === f.subject.kind && x.name === f.subject.name,
          )
        : -1;
      const shippedWith =
        f.subject.kind === 'ServiceAccount'
          ? middlewareAccounts.get(`${f.subject.namespace ?? ''}/${f.subject.name}`)
          : undefined;
      report({
        ...(shippedWith
          ? {
              severity: 'medium',
              severityReason: `the grant belongs to provider middleware ${shippedWith}; a compromise of that component reaches node root`,
            }
          : {}),
        resource: f.grant.binding,
        ...(binding ? { source: binding } : {}),
        path: i >= 0 ? `subjects[${i}]` : 'subjects',
        message:
          `${formatSubject(f.subject)} can patch ${f.targets.join(', ')}, read by ${f.readers.join(', ')} (${f.why}); ` +
          `via ${formatRef(f.grant.role)}`,
      });
    }
  },
});
