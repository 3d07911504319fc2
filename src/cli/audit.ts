import { Command, Option } from 'commander';
import { auditFiles, buildModel, classify, loadSource, renderAudit, type AuditOutputFormat } from '../index.ts';
import { emit, useColor } from './io.ts';
import { addSourceOptions, sourceSpec, type SourceFlags } from './source-options.ts';
import type { CliState } from './state.ts';

interface AuditFlags extends SourceFlags {
  principal?: string[];
  format: AuditOutputFormat;
  output?: string;
  color?: boolean;
}

export function auditCommand(state: CliState): Command {
  const cmd = new Command('audit')
    .description(
      'read audit logs (native, EKS CloudWatch, AKS diagnostic settings, GKE Cloud Logging): what each principal ' +
        'does, unused grants and least-privilege roles (with a cluster source), and anomalies',
    )
    .argument('<files...>', 'audit log files (.json, .jsonl, .log, .gz; - for stdin)');
  addSourceOptions(cmd)
    .option('--principal <name...>', 'only these principals (user names or sa:NS:NAME)')
    .addOption(
      new Option('--format <format>', 'table, json, or yaml (suggested roles)')
        .choices(['table', 'json', 'yaml'])
        .default('table'),
    )
    .option('-o, --output <file>', 'write to a file')
    .option('--no-color', 'never colour the table')
    .action(async (files: string[], flags: AuditFlags) => {
      // Without an explicit source there is no cluster to compare with: do not read the live context by surprise.
      const hasSource = !!(flags.file?.length || flags.snapshot || flags.demo || flags.context || flags.kubeconfig);
      const model = hasSource ? buildModel((await loadSource(sourceSpec(flags))).input) : undefined;
      if (model) classify(model);
      const inputs = files.map((f) => (f === '-' ? { name: '<stdin>', stream: process.stdin } : f));
      const report = await auditFiles(inputs, {
        ...(model ? { model } : {}),
        ...(flags.principal ? { principals: flags.principal } : {}),
      });
      const text = renderAudit(report, flags.format, {
        color: !flags.output && useColor(process.stdout, flags.color === false ? false : undefined),
      });
      await emit(text, flags.output);
      state.exitCode = 0;
    });
  return cmd;
}
