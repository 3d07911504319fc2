import { Command, Option } from 'commander';
import { renderInventoryTable, scanSource } from '../index.ts';
import { emit, useColor } from './io.ts';
import { addSourceOptions, sourceSpec, type SourceFlags } from './source-options.ts';
import type { CliState } from './state.ts';

interface InventoryFlags extends SourceFlags {
  format: string;
  output?: string;
  color?: boolean;
}

export function inventoryCommand(state: CliState): Command {
  const cmd = new Command('inventory')
    .description('every component classified: provider middleware, core, agents, customer workloads; who patches what')
    .argument('[path]', 'manifest file or folder (same as -f)');
  addSourceOptions(cmd)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'write to a file')
    .option('--no-color', 'never colour the table')
    .action(async (path: string | undefined, flags: InventoryFlags) => {
      const result = await scanSource(sourceSpec(flags, path), { checks: [] });
      const text =
        flags.format === 'json'
          ? JSON.stringify(
              {
                cluster: result.cluster,
                inventory: result.inventory,
                responsibility: result.responsibility,
                nodes: result.nodes,
              },
              null,
              2,
            ) + '\n'
          : renderInventoryTable(result, {
              color: !flags.output && useColor(process.stdout, flags.color === false ? false : undefined),
            });
      await emit(text, flags.output);
      state.exitCode = 0;
    });
  return cmd;
}
