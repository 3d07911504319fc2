import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHECKS_DIR = dirname(fileURLToPath(import.meta.url));

/** The check files on disk, `<group>/<id>.ts`, with their cases file: the ground truth the registry must match. */
export function checkFiles(): Map<string, { group: string; source: string; cases: string }> {
  const out = new Map<string, { group: string; source: string; cases: string }>();
  for (const group of readdirSync(CHECKS_DIR)) {
    const dir = join(CHECKS_DIR, group);
    // util/ holds helpers shared by checks, not checks.
    if (group === 'util' || !statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
      const id = f.slice(0, -3);
      const cases = join(dir, `${id}.cases.yaml`);
      out.set(id, { group, source: join(dir, f), cases: existsSync(cases) ? cases : '' });
    }
  }
  return out;
}
