import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import {
  buildModel,
  classify,
  generatePolicies,
  KubeseamError,
  loadSource,
  renderPolicyFile,
  stripControl,
} from '../index.ts';
import { writeOutputFile } from './io.ts';
import { addSourceOptions, sourceSpec, type SourceFlags } from './source-options.ts';
import type { CliState } from './state.ts';

interface PolicyFlags extends SourceFlags {
  engine: 'vap' | 'kyverno' | 'gatekeeper';
  level: 'baseline' | 'restricted';
  mode: 'audit' | 'enforce';
  namespaces?: string;
  output?: string;
}

export function policyCommand(state: CliState): Command {
  const cmd = new Command('policy')
    .description(
      'write admission policies (ValidatingAdmissionPolicy, Kyverno, Gatekeeper) that enforce Pod Security with ' +
        'exceptions exact to each provider middleware container, plus writable sensitive host mounts',
    )
    .argument('[path]', 'manifest file or folder (same as -f)');
  addSourceOptions(cmd)
    .addOption(
      new Option('--engine <engine>', 'policy engine').choices(['vap', 'kyverno', 'gatekeeper']).makeOptionMandatory(),
    )
    .addOption(
      new Option('--level <level>', 'Pod Security level').choices(['baseline', 'restricted']).default('baseline'),
    )
    .addOption(
      new Option('--mode <mode>', 'audit and warn first; enforce once the audit is clean')
        .choices(['audit', 'enforce'])
        .default('audit'),
    )
    .option('--namespaces <a,b,…>', 'namespaces to bind (default: where middleware runs, kube-system first)')
    .option('-o, --output <dir>', 'write one file per policy set into this folder (default: stdout)')
    .action(async (path: string | undefined, flags: PolicyFlags) => {
      const model = buildModel((await loadSource(sourceSpec(flags, path))).input);
      classify(model);
      const namespaces = flags.namespaces
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (namespaces && namespaces.length === 0) throw new KubeseamError('usage', '--namespaces is empty');
      const set = generatePolicies(model, {
        engine: flags.engine,
        level: flags.level,
        mode: flags.mode,
        ...(namespaces ? { namespaces } : {}),
      });
      if (flags.output) {
        await mkdir(flags.output, { recursive: true });
        for (const f of set.files) await writeOutputFile(join(flags.output, f.name), renderPolicyFile(f));
      } else {
        process.stdout.write(set.files.map(renderPolicyFile).join(''));
      }
      const beyond = set.exemptions.filter((e) => e.baseline === 'beyond').length;
      process.stderr.write(
        `kubeseam: ${set.files.length} file(s) for ${flags.engine} (${flags.level}, ${flags.mode}) in ` +
          `${stripControl(set.namespaces.join(', '))}; ${set.exemptions.length} exemption(s)` +
          (beyond ? `, ${beyond} beyond the catalogued baseline: review them` : '') +
          (flags.output ? `; written to ${stripControl(flags.output)}` : '') +
          '\n',
      );
      state.exitCode = 0;
    });
  return cmd;
}
