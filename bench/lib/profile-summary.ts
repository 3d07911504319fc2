// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time and inclusive time per function, top N.
// Run: npx tsx bench/lib/profile-summary.ts FILE.cpuprofile [N]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Profile;
const top = Number(process.argv[3] ?? 25);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const label = (n: ProfileNode): string =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/work\/main\//, '')}:${n.callFrame.lineNumber + 1}`;

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const walk = (id: number, stack: Set<string>): number => {
  const n = byId.get(id)!;
  let total = selfUs.get(id) ?? 0;
  const l = label(n);
  self.set(l, (self.get(l) ?? 0) + total);
  const inner = new Set(stack).add(l);
  for (const c of n.children ?? []) total += walk(c, inner);
  if (!stack.has(l)) inclusive.set(l, (inclusive.get(l) ?? 0) + total);
  return total;
};
const rootTotal = walk(profile.nodes[0]!.id, new Set());
const show = (title: string, m: Map<string, number>): void => {
  console.log(`\n${title} (of ${(rootTotal / 1e6).toFixed(1)} s)`);
  for (const [l, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${(us / 1e6).toFixed(2).padStart(8)} s  ${((100 * us) / rootTotal).toFixed(1).padStart(5)}%  ${l}`);
};
show('self time', self);
show('inclusive time', inclusive);
