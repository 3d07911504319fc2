import { ALLOWED_SELINUX_TYPES, valuesAt } from '../../pss/facts.ts';
import { defineCheck } from '../types.ts';
import { containersAt, containerSc, isRecord, isWindowsPod, podSc } from '../util/pod.ts';

// The types baseline allows at the newest policy version ('' is the runtime default).
const ALLOWED = valuesAt(ALLOWED_SELINUX_TYPES, Number.MAX_SAFE_INTEGER);
// Types that switch SELinux confinement off for the process.
const UNCONFINED_TYPES = new Set(['spc_t', 'unconfined_t', 'kernel_t', 'init_t']);

export default defineCheck({
  id: 'selinux-custom-type',
  title: 'SELinux options override the container type, user or role',
  severity: 'medium',
  category: 'pod-security',
  target: 'podTemplate',
  references: [
    'pss:baseline',
    'k8s:linux-kernel-security-constraints',
    'cis-k8s:5.7.3',
    'nist-800-53:SC-39',
    'mitre:T1611',
  ],
  rationale:
    'On SELinux-enforcing nodes (Bottlerocket, RHEL-family), the `container_t` type is what keeps a container away ' +
    'from host files and other containers’ files even after a runtime escape. `spc_t` ("super privileged container") ' +
    'and `unconfined_t` turn that confinement off; other custom types, users or roles grant whatever the node policy ' +
    'gives them, which the cluster cannot see. Baseline allows only container_t, container_init_t, container_kvm_t ' +
    'and container_engine_t.',
  remediation:
    'Remove `seLinuxOptions.type`, `user` and `role`, keeping at most `level` for MCS separation. If a node agent ' +
    'needs a custom type, ship and review its policy module with the agent and waive the finding with that reference.',
  evaluate({ spec }, { report }) {
    if (isWindowsPod(spec)) return;
    const places: { path: string; who: string; opts: unknown }[] = [
      { path: 'spec.securityContext.seLinuxOptions', who: 'the pod', opts: podSc(spec)?.seLinuxOptions },
      ...containersAt(spec).map((c) => ({
        path: `${c.path}.securityContext.seLinuxOptions`,
        who: `container "${c.name}"`,
        opts: containerSc(c.container)?.seLinuxOptions,
      })),
    ];
    for (const { path, who, opts } of places) {
      if (!isRecord(opts)) continue;
      const type = typeof opts.type === 'string' ? opts.type : '';
      if (UNCONFINED_TYPES.has(type)) {
        report({
          path: `${path}.type`,
          message: `${who} runs with SELinux type ${type}`,
          severity: 'critical',
          severityReason: `${type} is not confined by SELinux: the container policy no longer protects the node`,
        });
      } else if (!ALLOWED.has(type)) {
        report({ path: `${path}.type`, message: `${who} sets a custom SELinux type ${type}` });
      }
      for (const field of ['user', 'role'] as const) {
        const v = opts[field];
        if (typeof v === 'string' && v !== '') {
          report({ path: `${path}.${field}`, message: `${who} sets SELinux ${field} ${v}` });
        }
      }
    }
  },
});
