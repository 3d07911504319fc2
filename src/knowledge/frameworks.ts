/**
 * Framework controls that checks cite. A check's `references` must resolve here (a meta-test enforces it).
 * Each framework names the edition its ids come from and where to read it.
 */
export interface Framework {
  id: 'cis-k8s' | 'cis-eks' | 'cis-aks' | 'cis-gke' | 'nist-800-53' | 'mitre' | 'pss' | 'k8s';
  name: string;
  edition: string;
  source: string;
  /** Control id → title. */
  controls: Record<string, string>;
  /** How to link one control, when the framework has per-control pages. */
  url?: (id: string) => string;
}

export const FRAMEWORKS: readonly Framework[] = [
  {
    id: 'cis-k8s',
    name: 'CIS Kubernetes Benchmark',
    edition: 'v1.10.0',
    source: 'https://www.cisecurity.org/benchmark/kubernetes',
    controls: {
      '4.2.1': 'Ensure that the --anonymous-auth argument is set to false (kubelet)',
      '4.2.2': 'Ensure that the --authorization-mode argument is not set to AlwaysAllow (kubelet)',
      '4.2.4': 'Verify that the --read-only-port argument is set to 0 (kubelet)',
      '4.2.6': 'Ensure that the --protect-kernel-defaults argument is set to true (kubelet)',
      '5.1.1': 'Ensure that the cluster-admin role is only used where required',
      '5.1.2': 'Minimize access to secrets',
      '5.1.3': 'Minimize wildcard use in Roles and ClusterRoles',
      '5.1.4': 'Minimize access to create pods',
      '5.1.5': 'Ensure that default service accounts are not actively used',
      '5.1.6': 'Ensure that Service Account Tokens are only mounted where necessary',
      '5.1.7': 'Avoid use of system:masters group',
      '5.1.8': 'Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster',
      '5.2.1': 'Ensure that the cluster has at least one active policy control mechanism in place',
      '5.2.2': 'Minimize the admission of privileged containers',
      '5.2.3': 'Minimize the admission of containers wishing to share the host process ID namespace',
      '5.2.4': 'Minimize the admission of containers wishing to share the host IPC namespace',
      '5.2.5': 'Minimize the admission of containers wishing to share the host network namespace',
      '5.2.6': 'Minimize the admission of containers with allowPrivilegeEscalation',
      '5.2.7': 'Minimize the admission of root containers',
      '5.2.8': 'Minimize the admission of containers with the NET_RAW capability',
      '5.2.9': 'Minimize the admission of containers with added capabilities',
      '5.2.10': 'Minimize the admission of containers with capabilities assigned',
      '5.2.11': 'Minimize the admission of Windows HostProcess containers',
      '5.2.12': 'Minimize the admission of HostPath volumes',
      '5.2.13': 'Minimize the admission of containers which use HostPorts',
      '5.3.2': 'Ensure that all Namespaces have NetworkPolicies defined',
      '5.4.1': 'Prefer using Secrets as files over Secrets as environment variables',
      '5.7.1': 'Create administrative boundaries between resources using namespaces',
      '5.7.2': 'Ensure that the seccomp profile is set to docker/default in your Pod definitions',
      '5.7.3': 'Apply SecurityContext to your Pods and Containers',
      '5.7.4': 'The default namespace should not be used',
    },
  },
  {
    id: 'cis-eks',
    name: 'CIS Amazon EKS Benchmark',
    edition: 'v1.5.0',
    source: 'https://www.cisecurity.org/benchmark/kubernetes',
    controls: {
      '4.1.1': 'Ensure that the cluster-admin role is only used where required',
      '4.1.2': 'Minimize access to secrets',
      '4.1.3': 'Minimize wildcard use in Roles and ClusterRoles',
      '4.1.4': 'Minimize access to create pods',
      '4.1.5': 'Ensure that default service accounts are not actively used',
      '4.1.6': 'Ensure that Service Account Tokens are only mounted where necessary',
      '4.1.8': 'Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster',
      '4.2.1': 'Minimize the admission of privileged containers',
      '4.2.2': 'Minimize the admission of containers wishing to share the host process ID namespace',
      '4.2.3': 'Minimize the admission of containers wishing to share the host IPC namespace',
      '4.2.4': 'Minimize the admission of containers wishing to share the host network namespace',
      '4.2.5': 'Minimize the admission of containers with allowPrivilegeEscalation',
      '4.2.6': 'Minimize the admission of root containers',
      '4.2.7': 'Minimize the admission of containers with the NET_RAW capability',
      '4.2.8': 'Minimize the admission of containers with added capabilities',
      '4.2.9': 'Minimize the admission of containers with capabilities assigned',
      '4.3.2': 'Ensure that all Namespaces have Network Policies defined',
      '4.4.1': 'Prefer using secrets as files over secrets as environment variables',
      '4.5.1': 'Create administrative boundaries between resources using namespaces',
      '4.5.2': 'The default namespace should not be used',
      '5.4.2': 'Ensure clusters are created with Private Endpoint Enabled and Public Access Disabled',
      '5.4.3': 'Ensure clusters are created with Private Nodes',
    },
  },
  {
    id: 'cis-aks',
    name: 'CIS Azure Kubernetes Service (AKS) Benchmark',
    edition: 'v1.7.0',
    source: 'https://www.cisecurity.org/benchmark/kubernetes',
    controls: {
      '4.1.1': 'Ensure that the cluster-admin role is only used where required',
      '4.1.2': 'Minimize access to secrets',
      '4.1.3': 'Minimize wildcard use in Roles and ClusterRoles',
      '4.1.4': 'Minimize access to create pods',
      '4.1.5': 'Ensure that default service accounts are not actively used',
      '4.1.6': 'Ensure that Service Account Tokens are only mounted where necessary',
      '4.2.1': 'Minimize the admission of privileged containers',
      '4.2.2': 'Minimize the admission of containers wishing to share the host process ID namespace',
      '4.2.3': 'Minimize the admission of containers wishing to share the host IPC namespace',
      '4.2.4': 'Minimize the admission of containers wishing to share the host network namespace',
      '4.2.5': 'Minimize the admission of containers with allowPrivilegeEscalation',
      '4.2.6': 'Minimize the admission of root containers',
      '4.2.7': 'Minimize the admission of containers with the NET_RAW capability',
      '4.2.8': 'Minimize the admission of containers with added capabilities',
      '4.2.9': 'Minimize the admission of containers with capabilities assigned',
      '4.4.2': 'Ensure that all Namespaces have Network Policies defined',
      '4.5.1': 'Prefer using secrets as files over secrets as environment variables',
      '4.6.1': 'Create administrative boundaries between resources using namespaces',
      '4.6.3': 'The default namespace should not be used',
    },
  },
  {
    id: 'cis-gke',
    name: 'CIS Google Kubernetes Engine (GKE) Benchmark',
    edition: 'v1.6.0',
    source: 'https://www.cisecurity.org/benchmark/kubernetes',
    controls: {
      '4.1.1': 'Ensure that the cluster-admin role is only used where required',
      '4.1.2': 'Minimize access to secrets',
      '4.1.3': 'Minimize wildcard use in Roles and ClusterRoles',
      '4.1.4': 'Minimize access to create pods',
      '4.1.5': 'Ensure that default service accounts are not actively used',
      '4.1.6': 'Ensure that Service Account Tokens are only mounted where necessary',
      '4.2.1': 'Ensure that the cluster enforces Pod Security Standard Baseline profile or stricter for all namespaces',
      '4.3.2': 'Ensure that all Namespaces have Network Policies defined',
      '4.4.1': 'Prefer using secrets as files over secrets as environment variables',
      '4.6.1': 'Create administrative boundaries between resources using namespaces',
      '4.6.4': 'The default namespace should not be used',
      '5.4.1': 'Ensure the GKE Metadata Server is Enabled',
    },
  },
  {
    id: 'nist-800-53',
    name: 'NIST SP 800-53 Rev. 5',
    edition: 'Rev. 5',
    source: 'https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final',
    controls: {
      'AC-2': 'Account Management',
      'AC-3': 'Access Enforcement',
      'AC-4': 'Information Flow Enforcement',
      'AC-6': 'Least Privilege',
      'AC-6(1)': 'Least Privilege | Authorize Access to Security Functions',
      'AC-6(10)': 'Least Privilege | Prohibit Non-privileged Users from Executing Privileged Functions',
      'AU-2': 'Event Logging',
      'CA-7': 'Continuous Monitoring',
      'CM-2': 'Baseline Configuration',
      'CM-3': 'Configuration Change Control',
      'CM-6': 'Configuration Settings',
      'CM-7': 'Least Functionality',
      'CM-8': 'System Component Inventory',
      'IA-5': 'Authenticator Management',
      'RA-5': 'Vulnerability Monitoring and Scanning',
      'SA-9': 'External System Services',
      'SC-7': 'Boundary Protection',
      'SC-28': 'Protection of Information at Rest',
      'SC-39': 'Process Isolation',
      'SI-2': 'Flaw Remediation',
      'SI-4': 'System Monitoring',
      'SI-7': 'Software, Firmware, and Information Integrity',
      'SR-3': 'Supply Chain Controls and Processes',
    },
    url: (id) => `https://csf.tools/reference/nist-sp-800-53/r5/${id.split('(')[0]!.toLowerCase()}/`,
  },
  {
    id: 'mitre',
    name: 'MITRE ATT&CK for Containers',
    edition: 'v16',
    source: 'https://attack.mitre.org/matrices/enterprise/containers/',
    controls: {
      T1609: 'Container Administration Command',
      T1610: 'Deploy Container',
      T1611: 'Escape to Host',
      T1612: 'Build Image on Host',
      T1613: 'Container and Resource Discovery',
      T1068: 'Exploitation for Privilege Escalation',
      T1078: 'Valid Accounts',
      'T1078.001': 'Valid Accounts: Default Accounts',
      T1098: 'Account Manipulation',
      T1190: 'Exploit Public-Facing Application',
      T1498: 'Network Denial of Service',
      T1525: 'Implant Internal Image',
      'T1552.001': 'Unsecured Credentials: Credentials In Files',
      'T1552.005': 'Unsecured Credentials: Cloud Instance Metadata API',
      'T1552.007': 'Unsecured Credentials: Container API',
      T1543: 'Create or Modify System Process',
      T1562: 'Impair Defenses',
      'T1562.001': 'Impair Defenses: Disable or Modify Tools',
      T1046: 'Network Service Discovery',
      T1040: 'Network Sniffing',
    },
    url: (id) => `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`,
  },
  {
    id: 'pss',
    name: 'Kubernetes Pod Security Standards',
    edition: 'latest',
    source: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    controls: {
      baseline: 'Baseline profile',
      restricted: 'Restricted profile',
    },
    url: () => 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  },
  {
    id: 'k8s',
    name: 'Kubernetes documentation',
    edition: 'current',
    source: 'https://kubernetes.io/docs/',
    controls: {
      'security-checklist': 'Security Checklist',
      'rbac-good-practices': 'Role Based Access Control Good Practices',
      'secrets-good-practices': 'Good practices for Kubernetes Secrets',
      'configure-service-account': 'Configure Service Accounts for Pods',
      'resource-limits': 'Resource Management for Pods and Containers',
      'network-policies': 'Network Policies',
      seccomp: "Restrict a Container's Syscalls with seccomp",
      apparmor: "Restrict a Container's Access to Resources with AppArmor",
      'linux-kernel-security-constraints': 'Linux kernel security constraints for Pods and containers',
      sysctls: 'Using sysctls in a Kubernetes Cluster',
      'multi-tenancy': 'Multi-tenancy',
    },
    url: (id) =>
      ({
        'security-checklist': 'https://kubernetes.io/docs/concepts/security/security-checklist/',
        'rbac-good-practices': 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
        'secrets-good-practices': 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
        'configure-service-account':
          'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
        'resource-limits': 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
        'network-policies': 'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
        seccomp: 'https://kubernetes.io/docs/tutorials/security/seccomp/',
        apparmor: 'https://kubernetes.io/docs/tutorials/security/apparmor/',
        'linux-kernel-security-constraints':
          'https://kubernetes.io/docs/concepts/security/linux-kernel-security-constraints/',
        sysctls: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
        'multi-tenancy': 'https://kubernetes.io/docs/concepts/security/multi-tenancy/',
      })[id] ?? 'https://kubernetes.io/docs/',
  },
];

export interface ResolvedReference {
  framework: Framework;
  id: string;
  title: string;
  url: string;
}

export function resolveReference(ref: string): ResolvedReference | undefined {
  const i = ref.indexOf(':');
  if (i < 0) return undefined;
  const fw = FRAMEWORKS.find((f) => f.id === ref.slice(0, i));
  const id = ref.slice(i + 1);
  const title = fw?.controls[id];
  if (!fw || title === undefined) return undefined;
  return { framework: fw, id, title, url: fw.url ? fw.url(id) : fw.source };
}
