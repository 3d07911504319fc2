import { Command } from 'commander';
import { collectLive, KubeseamError, serializeSnapshot } from '../index.ts';
import { writeOutputFile } from './io.ts';
import { interruptSignal, progressReporter } from './progress.ts';
import type { CliState } from './state.ts';

interface CollectFlags {
  context?: string;
  kubeconfig?: string;
  output?: string;
  quiet?: boolean;
}

export function collectCommand(state: CliState): Command {
  return new Command('collect')
    .description('read a live cluster (read-only) and save a snapshot to scan elsewhere')
    .option('--context <name>', 'kubeconfig context')
    .option('--kubeconfig <path>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('-o, --output <file>', 'snapshot file (.json, or .json.gz to compress)')
    .option('-q, --quiet', 'no progress output')
    .action(async (flags: CollectFlags) => {
      if (!flags.output) throw new KubeseamError('usage', 'collect needs --output FILE (.json or .json.gz)');
      const progress = progressReporter(flags.quiet);
      const snap = await collectLive({
        ...(flags.context ? { context: flags.context } : {}),
        ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
        ...(progress ? { onProgress: progress } : {}),
        signal: interruptSignal(),
      });
      await writeOutputFile(flags.output, serializeSnapshot(snap, flags.output.endsWith('.gz')));
      const problems = snap.coverage.filter((c) => c.status !== 'listed' && c.status !== 'not-served');
      if (!flags.quiet) {
        process.stderr.write(
          `kubeseam: wrote ${snap.objects.length} objects to ${flags.output}` +
            (problems.length ? `; incomplete: ${problems.map((c) => `${c.resource} (${c.status})`).join(', ')}` : '') +
            '\n',
        );
      }
      state.exitCode = 0;
    });
}
