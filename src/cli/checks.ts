import { Command, Option } from 'commander';
import { CHECKS, findCheck, KubeseamError, resolveReference, stripControl } from '../index.ts';
import type { CliState } from './state.ts';

export function checksCommand(state: CliState): Command {
  return new Command('checks')
    .description('list the built-in checks, or explain one')
    .argument('[id]', 'a check id')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((id: string | undefined, flags: { format: string }) => {
      if (id !== undefined) {
        const check = findCheck(id);
        if (!check) throw new KubeseamError('usage', `no check "${stripControl(id)}" (kubeseam checks lists them)`);
        if (flags.format === 'json') {
          process.stdout.write(JSON.stringify(describe(check.id), null, 2) + '\n');
        } else {
          const refs = check.references.map((r) => {
            const rr = resolveReference(r);
            return rr ? `  ${rr.framework.name} ${rr.id}: ${rr.title}` : `  ${r}`;
          });
          process.stdout.write(
            [
              `${check.id}: ${check.title}`,
              `severity ${check.severity} · category ${check.category} · target ${check.target}`,
              '',
              'Why it matters:',
              `  ${check.rationale}`,
              '',
              'How to fix it:',
              `  ${check.remediation}`,
              '',
              'References:',
              ...refs,
              '',
            ].join('\n'),
          );
        }
        state.exitCode = 0;
        return;
      }
      if (flags.format === 'json') {
        process.stdout.write(
          JSON.stringify(
            CHECKS.map((c) => describe(c.id)),
            null,
            2,
          ) + '\n',
        );
      } else {
        const w = Math.max(...CHECKS.map((c) => c.id.length));
        for (const c of CHECKS) process.stdout.write(`${c.id.padEnd(w)}  ${c.severity.padEnd(8)}  ${c.title}\n`);
      }
      state.exitCode = 0;
    });
}

function describe(id: string): Record<string, unknown> {
  const c = findCheck(id)!;
  return {
    id: c.id,
    title: c.title,
    severity: c.severity,
    category: c.category,
    target: c.target,
    references: c.references,
    rationale: c.rationale,
    remediation: c.remediation,
  };
}
