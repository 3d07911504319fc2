import { Command, Option } from 'commander';
import {
  buildModel,
  classify,
  findPaths,
  KubeseamError,
  loadSource,
  parseTarget,
  renderPathsDot,
  renderPathsJson,
  renderPathsMermaid,
  renderPathsTable,
  type PathTarget,
} from '../index.ts';
import { emit, useColor } from './io.ts';
import { addSourceOptions, sourceSpec, type SourceFlags } from './source-options.ts';
import type { CliState } from './state.ts';

interface PathsFlags extends SourceFlags {
  from?: string[];
  to?: string[];
  format: string;
  limit: string;
  output?: string;
  color?: boolean;
  verbose?: boolean;
}

export function pathsCommand(state: CliState): Command {
  const cmd = new Command('paths')
    .description('attack paths from footholds to node root, cluster-admin and the node cloud identity')
    .argument('[path]', 'manifest file or folder (same as -f)');
  addSourceOptions(cmd)
    .option('--from <entry...>', 'entries: workload:NS/NAME, sa:NS:NAME, user:X, group:X, authenticated, anonymous')
    .option('--to <target...>', 'targets: node, cluster-admin, cloud-identity')
    .option('--limit <n>', 'at most this many paths', '20')
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json', 'mermaid', 'dot']).default('table'),
    )
    .option('-o, --output <file>', 'write to a file')
    .option('--no-color', 'never colour the table')
    .option('-v, --verbose', 'show evidence for every hop')
    .action(async (path: string | undefined, flags: PathsFlags) => {
      const targets: PathTarget[] = [];
      for (const t of flags.to ?? []) {
        const parsed = parseTarget(t);
        if (!parsed)
          throw new KubeseamError('usage', `--to: unknown target "${t}" (node, cluster-admin, cloud-identity)`);
        targets.push(parsed);
      }
      const limit = Number.parseInt(flags.limit, 10);
      if (!Number.isFinite(limit) || limit < 1) throw new KubeseamError('usage', '--limit must be ≥ 1');
      const model = buildModel((await loadSource(sourceSpec(flags, path))).input);
      classify(model);
      const result = findPaths(model, {
        ...(flags.from ? { from: flags.from } : {}),
        ...(targets.length ? { to: targets } : {}),
        limit,
      });
      if (result.summary.unknownFrom.length > 0) {
        throw new KubeseamError('usage', `--from: no such entry: ${result.summary.unknownFrom.join(', ')}`);
      }
      const text =
        flags.format === 'json'
          ? renderPathsJson(result)
          : flags.format === 'mermaid'
            ? renderPathsMermaid(result)
            : flags.format === 'dot'
              ? renderPathsDot(result)
              : renderPathsTable(result, {
                  color: !flags.output && useColor(process.stdout, flags.color === false ? false : undefined),
                  verbose: flags.verbose === true,
                });
      await emit(text, flags.output);
      state.exitCode = 0;
    });
  return cmd;
}
