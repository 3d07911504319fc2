import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { KubeseamError, parseAllowList, renderHostJson, renderHostTable, scanHost } from '../index.ts';
import { emit } from './io.ts';
import type { CliState } from './state.ts';

interface HostFlags {
  root: string;
  allow?: string;
  node?: string;
  proc?: string;
  format: string;
  output?: string;
  failOn: string;
}

const RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function hostCommand(state: CliState): Command {
  return new Command('host')
    .description("scan a node's filesystem: host agents, systemd units, processes, kubelet configuration")
    .option('--root <dir>', "the node's root folder (in a pod: the host root mounted read-only)", '/')
    .option('--allow <file>', 'allow list of host agents (YAML); anything else is a finding (image gate)')
    .option('--node <name>', 'node name to record in the result')
    .option('--proc <dir>', 'procfs to read processes from (default: <root>/proc)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'write to a file')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices(['critical', 'high', 'medium', 'low', 'never'])
        .default('high'),
    )
    .action(async (flags: HostFlags) => {
      let allow;
      if (flags.allow) {
        let text: string;
        try {
          text = await readFile(flags.allow, 'utf8');
        } catch {
          throw new KubeseamError('input', 'cannot read allow list', { file: flags.allow });
        }
        allow = parseAllowList(text, flags.allow);
      }
      const result = await scanHost(flags.root, {
        ...(allow ? { allow } : {}),
        ...(flags.node ? { node: flags.node } : {}),
        ...(flags.proc ? { procRoot: flags.proc } : {}),
      });
      const text = flags.format === 'json' ? renderHostJson(result) : renderHostTable(result);
      await emit(text, flags.output);
      const threshold = RANK[flags.failOn];
      state.exitCode =
        threshold !== undefined && result.findings.some((f) => (RANK[f.severity] ?? 0) >= threshold) ? 1 : 0;
    });
}
