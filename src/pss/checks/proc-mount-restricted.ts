import type { PssCheck } from '../types.ts';
import { procMountUnconditional } from './proc-mount.ts';

// Upstream: kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_procMount_restricted.go
// From v1.35 baseline procMount relaxes for user-namespace pods; restricted keeps the unconditional rule and
// replaces the baseline check (OverrideCheckIDs: procMount).
export const procMountRestricted: PssCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  title: '/proc mount type (restricted)',
  source: 'kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_procMount_restricted.go',
  variants: [{ minVersion: 35, evaluate: procMountUnconditional, overrides: ['procMount'] }],
};
