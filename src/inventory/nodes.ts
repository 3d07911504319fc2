/**
 * Facts about each node that patching depends on: kubelet version and its skew from the control plane, OS image,
 * kernel, container runtime, and the provider's node image version with its build date where the version
 * encodes one (AKS `AKSUbuntu-2204gen2containerd-202410.09.0`; EKS AL2023 `Amazon Linux 2023.9.20251110`).
 * GKE node versions (`v1.33.5-gke.1201000`) encode no date, so GKE nodes have no image date.
 */
import { nodeImageDate } from '../knowledge/advisories.ts';
import type { Model } from '../model/build.ts';
import type { Provider } from '../model/types.ts';
import { providerOfVersion } from './provider.ts';

export interface NodeImage {
  version: string;
  /** Where the version was read: a label key, or `status.nodeInfo.osImage`. */
  source: string;
  /** Build or release date encoded in the version, YYYY-MM-DD. */
  date?: string;
}

export interface NodeFacts {
  name: string;
  provider?: Provider;
  kubeletVersion?: string;
  kubeletMinor?: number;
  osImage?: string;
  kernelVersion?: string;
  containerRuntime?: string;
  nodeImage?: NodeImage;
  /** Control plane minor minus kubelet minor (positive: the kubelet is older). */
  skew?: number;
  /** Days from the node image date to `asOf`. */
  imageAgeDays?: number;
}

function str(x: unknown): string | undefined {
  return typeof x === 'string' && x !== '' ? x : undefined;
}

function record(x: unknown): Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}

export function minorOf(version: string | undefined): number | undefined {
  const m = version ? /^v?\d+\.(\d+)/.exec(version) : null;
  return m ? Number(m[1]) : undefined;
}

function nodeImageOf(labels: Record<string, unknown>, osImage: string | undefined): NodeImage | undefined {
  const aks = str(labels['kubernetes.azure.com/node-image-version']);
  if (aks) {
    const date = nodeImageDate(aks);
    return { version: aks, source: 'kubernetes.azure.com/node-image-version', ...(date ? { date } : {}) };
  }
  // AL2023 release versions carry their date: 2023.9.20251110 → 2025-11-10.
  const al = osImage ? /^Amazon Linux 2023\.\d+\.(20\d{2})(\d{2})(\d{2})$/.exec(osImage) : null;
  if (al && osImage) return { version: osImage, source: 'status.nodeInfo.osImage', date: `${al[1]}-${al[2]}-${al[3]}` };
  const eksAmi = str(labels['eks.amazonaws.com/nodegroup-image']);
  if (eksAmi) return { version: eksAmi, source: 'eks.amazonaws.com/nodegroup-image' };
  const gke = str(labels['cloud.google.com/gke-os-distribution']);
  if (gke && osImage) return { version: `${gke}: ${osImage}`, source: 'cloud.google.com/gke-os-distribution' };
  return undefined;
}

export function nodeFacts(model: Model, asOf?: Date): NodeFacts[] {
  const cpMinor =
    minorOf(model.cluster.version?.gitVersion) ??
    (Number(model.cluster.version?.minor?.replace(/\D/g, '')) || undefined);
  return model.nodes.map((n) => {
    const info = record(record(n.object.status).nodeInfo);
    const labels = record(n.object.metadata.labels);
    const kubelet = str(info.kubeletVersion);
    const osImage = str(info.osImage);
    const facts: NodeFacts = { name: n.object.metadata.name ?? '' };
    const providerId = str(record(n.object.spec).providerID);
    const provider =
      (providerId?.startsWith('aws://') && 'eks') ||
      (providerId?.startsWith('azure://') && 'aks') ||
      (providerId?.startsWith('gce://') && 'gke') ||
      (kubelet ? providerOfVersion(kubelet) : undefined);
    if (provider) facts.provider = provider;
    if (kubelet) facts.kubeletVersion = kubelet;
    const minor = minorOf(kubelet);
    if (minor !== undefined) facts.kubeletMinor = minor;
    if (osImage) facts.osImage = osImage;
    const kernel = str(info.kernelVersion);
    if (kernel) facts.kernelVersion = kernel;
    const runtime = str(info.containerRuntimeVersion);
    if (runtime) facts.containerRuntime = runtime;
    const image = nodeImageOf(labels, osImage);
    if (image) facts.nodeImage = image;
    if (cpMinor !== undefined && minor !== undefined) facts.skew = cpMinor - minor;
    if (asOf && image?.date)
      facts.imageAgeDays = Math.floor((asOf.getTime() - Date.parse(`${image.date}T00:00:00Z`)) / 86_400_000);
    return facts;
  });
}
