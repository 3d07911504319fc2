// Lean, permissive shapes of the Kubernetes objects kubeseam reads. Every field is optional because
// input is untrusted: checks compare with `=== true` and never assume a field has the declared type.

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  creationTimestamp?: string;
  resourceVersion?: string;
}

export interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  procMount?: string;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string; localhostProfile?: string };
  appArmorProfile?: { type?: string; localhostProfile?: string };
  seLinuxOptions?: { type?: string; user?: string; role?: string; level?: string };
  windowsOptions?: { hostProcess?: boolean; [k: string]: unknown };
}

export interface PodSecurityContext extends Omit<SecurityContext, 'privileged' | 'capabilities' | 'procMount'> {
  sysctls?: { name?: string; value?: string }[];
  fsGroup?: number;
  supplementalGroups?: number[];
}

export interface VolumeMount {
  name?: string;
  mountPath?: string;
  readOnly?: boolean;
  subPath?: string;
  subPathExpr?: string;
  mountPropagation?: string;
  recursiveReadOnly?: string;
}

export interface EnvVar {
  name?: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name?: string; key?: string };
    configMapKeyRef?: { name?: string; key?: string };
    fieldRef?: { fieldPath?: string };
  };
}

export interface Probe {
  httpGet?: { host?: string; port?: number | string; path?: string };
  tcpSocket?: { host?: string; port?: number | string };
  grpc?: { port?: number };
  exec?: { command?: string[] };
}

export interface Container {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: { containerPort?: number; hostPort?: number; hostIP?: string; protocol?: string; name?: string }[];
  env?: EnvVar[];
  envFrom?: { secretRef?: { name?: string }; configMapRef?: { name?: string } }[];
  volumeMounts?: VolumeMount[];
  volumeDevices?: { name?: string; devicePath?: string }[];
  securityContext?: SecurityContext;
  resources?: { limits?: Record<string, string | number>; requests?: Record<string, string | number> };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { postStart?: Probe & { sleep?: unknown }; preStop?: Probe & { sleep?: unknown } };
  imagePullPolicy?: string;
  restartPolicy?: string;
}

export interface Volume {
  name?: string;
  hostPath?: { path?: string; type?: string };
  configMap?: { name?: string };
  secret?: { secretName?: string };
  projected?: {
    sources?: {
      serviceAccountToken?: { path?: string; audience?: string };
      configMap?: { name?: string };
      secret?: { name?: string };
    }[];
  };
  persistentVolumeClaim?: { claimName?: string };
  [type: string]: unknown;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: Volume[];
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  hostUsers?: boolean;
  shareProcessNamespace?: boolean;
  securityContext?: PodSecurityContext;
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: unknown[];
  priorityClassName?: string;
  os?: { name?: string };
  [field: string]: unknown;
}

export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec?: PodSpec;
}
