import { Command, Option } from 'commander';
import {
  buildModel,
  classify,
  loadSource,
  networkAnalysis,
  renderNetworkPoliciesYaml,
  renderNetworkTable,
} from '../index.ts';
import { emit, useColor } from './io.ts';
import { addSourceOptions, sourceSpec, type SourceFlags } from './source-options.ts';
import type { CliState } from './state.ts';

interface NetworkFlags extends SourceFlags {
  format: string;
  output?: string;
  color?: boolean;
  verbose?: boolean;
}

export function networkCommand(state: CliState): Command {
  const cmd = new Command('network')
    .description('which pods reach the cloud metadata API, and the NetworkPolicies that would stop them')
    .argument('[path]', 'manifest file or folder (same as -f)');
  addSourceOptions(cmd)
    .addOption(
      new Option('--format <format>', 'table, json, or yaml (the generated NetworkPolicies)')
        .choices(['table', 'json', 'yaml'])
        .default('table'),
    )
    .option('-o, --output <file>', 'write to a file')
    .option('--no-color', 'never colour the table')
    .option('-v, --verbose', 'list every workload')
    .action(async (path: string | undefined, flags: NetworkFlags) => {
      const loaded = await loadSource(sourceSpec(flags, path));
      const model = buildModel(loaded.input);
      classify(model);
      const analysis = networkAnalysis(model);
      const text =
        flags.format === 'json'
          ? JSON.stringify(analysis, null, 2) + '\n'
          : flags.format === 'yaml'
            ? renderNetworkPoliciesYaml(analysis)
            : renderNetworkTable(analysis, {
                color: !flags.output && useColor(process.stdout, flags.color === false ? false : undefined),
                verbose: flags.verbose === true,
              });
      await emit(text, flags.output);
      state.exitCode = 0;
    });
  return cmd;
}
