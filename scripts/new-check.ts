// Scaffolds a check: src/checks/<group>/<id>.ts, its cases file, and its registry entry.
// Usage: npm run new-check -- <id> [--group workload] [--target container]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { group: { type: 'string', default: 'workload' }, target: { type: 'string', default: 'podTemplate' } },
});
const id = positionals[0];
if (!id || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) {
  console.error(
    'usage: npm run new-check -- <kebab-case-id> [--group G] [--target podTemplate|container|namespace|node|object|cluster]',
  );
  process.exit(2);
}
const group = values.group;
const target = values.target;
const root = fileURLToPath(new URL('../src/checks/', import.meta.url));
const dir = join(root, group);
const source = join(dir, `${id}.ts`);
if (existsSync(source)) {
  console.error(`${source} exists`);
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
writeFileSync(
  source,
  `import { defineCheck } from '../types.ts';

export default defineCheck({
  id: '${id}',
  title: 'TODO: what is wrong, in one line',
  severity: 'medium',
  category: 'workload-isolation',
  target: '${target}',
  references: ['k8s:security-checklist'],
  rationale: 'TODO: why it matters, what an attacker gains.',
  remediation: 'TODO: how to fix it.',
  evaluate(subject, { report }) {
    void subject;
    void report;
  },
});
`,
);
writeFileSync(
  join(dir, `${id}.cases.yaml`),
  `- name: TODO a compliant object passes
  expect: pass
  objects: []
- name: TODO a non-compliant object is reported at the field
  expect:
    - resource: Pod/default/bad
      path: spec.TODO
  objects: []
`,
);
// Registry: add the import and the entry, keeping both sorted by id.
const indexFile = join(root, 'index.ts');
const text = readFileSync(indexFile, 'utf8');
const varName = id.replace(/-([a-z0-9])/g, (_m: string, c: string) => c.toUpperCase());
const imports = [...text.matchAll(/^import (\w+) from '\.\/([\w-]+)\/([\w-]+)\.ts';$/gm)].map((m) => ({
  v: m[1]!,
  g: m[2]!,
  id: m[3]!,
}));
imports.push({ v: varName, g: group, id });
imports.sort((a, b) => a.id.localeCompare(b.id));
const out = text
  .replace(/^import \w+ from '\.\/[\w-]+\/[\w-]+\.ts';\n/gm, '')
  .replace(
    "import type { AnyCheck } from './types.ts';\n",
    `import type { AnyCheck } from './types.ts';\n${imports.map((i) => `import ${i.v} from './${i.g}/${i.id}.ts';`).join('\n')}\n`,
  )
  .replace(
    /export const CHECKS: readonly AnyCheck\[\] = \[[^\]]*\];/s,
    `export const CHECKS: readonly AnyCheck[] = [\n  ${imports.map((i) => i.v).join(',\n  ')},\n];`,
  );
writeFileSync(indexFile, out);
console.log(
  `created ${source} and its cases; registered in src/checks/index.ts. Fill in the TODOs, then npm run docs.`,
);
