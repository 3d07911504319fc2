import { Option, type Command } from 'commander';
import { DEMOS, type SourceSpec } from '../index.ts';
import { readStdin } from './io.ts';
import { interruptSignal, progressReporter } from './progress.ts';

export interface SourceFlags {
  file?: string[];
  snapshot?: string;
  demo?: string;
  context?: string;
  kubeconfig?: string;
}

/** The source flags every analysing command shares (DESIGN.md "source"). */
export function addSourceOptions(cmd: Command): Command {
  return cmd
    .option('-f, --file <path...>', 'manifest files or folders (recursive); - reads stdin; repeatable')
    .option('--snapshot <file>', 'a snapshot written by `kubeseam collect` (.json or .json.gz)')
    .addOption(new Option('--demo <cluster>', 'a bundled example cluster').choices([...DEMOS]))
    .option('--context <name>', 'kubeconfig context of a live cluster')
    .option('--kubeconfig <path>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)');
}

export function sourceSpec(flags: SourceFlags, positional?: string): SourceSpec {
  const files = [...(flags.file ?? []), ...(positional ? [positional] : [])];
  const live = !files.length && !flags.snapshot && !flags.demo;
  const progress = live ? progressReporter(false) : undefined;
  return {
    ...(live ? { signal: interruptSignal() } : {}),
    ...(progress ? { onProgress: progress } : {}),
    ...(files.length ? { files, readStdin } : {}),
    ...(flags.snapshot ? { snapshot: flags.snapshot } : {}),
    ...(flags.demo ? { demo: flags.demo } : {}),
    ...(flags.context ? { context: flags.context } : {}),
    ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
  };
}
