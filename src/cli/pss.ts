import { Command, Option } from 'commander';
import { buildModel, classify, KubeseamError, loadSource, pssReport, renderPssTable } from '../index.ts';
import { emit, useColor } from './io.ts';
import { addSourceOptions, sourceSpec, type SourceFlags } from './source-options.ts';
import type { CliState } from './state.ts';

interface PssFlags extends SourceFlags {
  level: 'baseline' | 'restricted';
  version?: string;
  format: string;
  output?: string;
  color?: boolean;
}

export function pssCommand(state: CliState): Command {
  const cmd = new Command('pss')
    .description('evaluate Pod Security Standards exactly as upstream: per workload, per namespace, and a label plan')
    .argument('[path]', 'manifest file or folder (same as -f)');
  addSourceOptions(cmd)
    .addOption(
      new Option('--level <level>', 'level to evaluate').choices(['baseline', 'restricted']).default('baseline'),
    )
    .option('--version <v1.N|latest>', 'policy version (default: the cluster minor, else latest)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'write to a file')
    .option('--no-color', 'never colour the table')
    .action(async (path: string | undefined, flags: PssFlags) => {
      const loaded = await loadSource(sourceSpec(flags, path));
      const model = buildModel(loaded.input);
      classify(model);
      let report;
      try {
        report = pssReport(model, flags.level, flags.version);
      } catch (e) {
        throw new KubeseamError('usage', `--version: ${(e as Error).message}`);
      }
      const text =
        flags.format === 'json'
          ? JSON.stringify(report, null, 2) + '\n'
          : renderPssTable(report, {
              color: !flags.output && useColor(process.stdout, flags.color === false ? false : undefined),
            });
      await emit(text, flags.output);
      state.exitCode = 0;
    });
  return cmd;
}
