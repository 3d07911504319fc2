import { Command, Option } from 'commander';
import {
  buildModel,
  FORMATS,
  KubeseamError,
  loadSource,
  render,
  scan,
  SEVERITIES,
  severityRank,
  type Severity,
} from '../index.ts';
import type { CliState } from './state.ts';
import { useColor, writeOutputFile } from './io.ts';
import { addSourceOptions, sourceSpec, type SourceFlags } from './source-options.ts';

interface ScanFlags extends SourceFlags {
  format: string;
  output?: string;
  failOn: Severity;
  color?: boolean;
  verbose?: boolean;
  asOf?: string;
  check?: string[];
}

export function scanCommand(state: CliState): Command {
  const cmd = new Command('scan')
    .description('scan a cluster, a snapshot or manifests and report findings')
    .argument('[path]', 'manifest file or folder (same as -f)');
  addSourceOptions(cmd)
    .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('table'))
    .option('-o, --output <file>', 'write the report to a file (written whole or not at all)')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when an open finding is at or above this severity')
        .choices(SEVERITIES.filter((s) => s !== 'info'))
        .default('high'),
    )
    .option('--check <id...>', 'run only these checks')
    .option('--as-of <date>', 'evaluate date-dependent facts as of this date (YYYY-MM-DD)')
    .option('--no-color', 'never colour the table')
    .option('-v, --verbose', 'list every finding, not the first few per check')
    .action(async (path: string | undefined, flags: ScanFlags) => {
      const loaded = await loadSource(sourceSpec(flags, path));
      const model = buildModel(loaded.input);
      const asOf = parseAsOf(flags.asOf);
      const result = scan(model, {
        source: loaded.source,
        ...(asOf ? { asOf } : {}),
        ...(flags.check ? { checks: flags.check } : {}),
      });
      const color = !flags.output && useColor(process.stdout, flags.color === false ? false : undefined);
      const text = render(result, flags.format, { color, verbose: flags.verbose === true });
      if (flags.output) await writeOutputFile(flags.output, text);
      else process.stdout.write(text);
      const threshold = severityRank(flags.failOn);
      const failing = result.findings.some((f) => f.status !== 'waived' && severityRank(f.severity) >= threshold);
      state.exitCode = failing ? 1 : 0;
    });
  return cmd;
}

export function parseAsOf(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  if (Number.isNaN(d.getTime())) {
    throw new KubeseamError('usage', `--as-of: not a date: ${s}`);
  }
  return d;
}
