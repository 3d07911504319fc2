import { Command, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import {
  applyBaseline,
  CHECKS,
  customRuleChecks,
  defaultClusterKey,
  loadConfigFile,
  loadHostResults,
  writeBaseline,
  type AnyCheck,
  type KubeseamConfig,
  FORMATS,
  kubeconfigContexts,
  KubeseamError,
  openStore,
  render,
  resolveStoreUrl,
  scanFleet,
  scanSource,
  SEVERITIES,
  severityRank,
  stripControl,
  type ScanResult,
  type Severity,
  type Store,
} from '../index.ts';
import { emit, useColor, writeOutputFile } from './io.ts';
import { addSourceOptions, sourceSpec, type SourceFlags } from './source-options.ts';
import type { CliState } from './state.ts';

interface ScanFlags extends SourceFlags {
  format: string;
  output?: string;
  failOn: Severity | 'never';
  color?: boolean;
  verbose?: boolean;
  asOf?: string;
  check?: string[];
  store?: string | true;
  clusterKey?: string;
  allContexts?: boolean;
  contexts?: string;
  concurrency: string;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  linkBase?: string;
  hostResults?: string;
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
        .choices([...SEVERITIES.filter((s) => s !== 'info'), 'never'])
        .default('high'),
    )
    .option('--config <file>', 'kubeseam.yaml: waivers (documented exceptions) and custom rules in CEL')
    .option('--baseline <file>', 'report only findings not in this baseline (written by --write-baseline)')
    .option(
      '--write-baseline <file>',
      'write the current findings as a baseline, to adopt the gate on an existing repo',
    )
    .option(
      '--host-results <dir>',
      'merge node scans written by `kubeseam host --format json` (deploy/host-collector.yaml)',
    )
    .option('--link-base <url>', 'base URL for file links in --format markdown')
    .option('--check <id...>', 'run only these checks')
    .option('--as-of <date>', 'evaluate date-dependent facts as of this date (YYYY-MM-DD)')
    .option('--store [url]', 'save the scan: sqlite:PATH (default file) or postgres://… (or $KUBESEAM_STORE_URL)')
    .option('--cluster-key <key>', 'the name the scan is stored under (default: the cluster name or server)')
    .option('--all-contexts', 'scan every kubeconfig context, concurrently')
    .option('--contexts <a,b,…>', 'scan these kubeconfig contexts, concurrently')
    .option('--concurrency <n>', 'clusters scanned at once with --all-contexts/--contexts', '4')
    .option('--no-color', 'never colour the table')
    .option('-v, --verbose', 'list every finding, not the first few per check')
    .action(async (path: string | undefined, flags: ScanFlags) => {
      const asOf = parseAsOf(flags.asOf);
      const config: KubeseamConfig | undefined = flags.config ? await loadConfigFile(flags.config) : undefined;
      const custom: readonly AnyCheck[] = config ? customRuleChecks(config.rules) : [];
      const options = {
        ...(asOf ? { asOf } : {}),
        ...(flags.check ? { checks: flags.check } : {}),
        ...(custom.length ? { extraChecks: custom } : {}),
        ...(config ? { waivers: config.waivers } : {}),
        ...(flags.hostResults ? { hostResults: await loadHostResults(flags.hostResults) } : {}),
      };
      const store =
        flags.store !== undefined
          ? await openStore(resolveStoreUrl(flags.store === true ? undefined : flags.store))
          : undefined;
      try {
        if (flags.allContexts || flags.contexts) {
          state.exitCode = await scanContexts(flags, options, store);
          return;
        }
        let result = await scanSource(sourceSpec(flags, path), options);
        for (const w of result.waivers.stale) {
          process.stderr.write(
            `kubeseam: ${stripControl(w.waiver.origin.file)}:${w.waiver.origin.line ?? 0}: waiver #${w.waiver.index} (${w.waiver.check}) is stale: ${w.reason}\n`,
          );
        }
        if (flags.writeBaseline) {
          await writeOutputFile(flags.writeBaseline, writeBaseline(result));
          process.stderr.write(
            `kubeseam: wrote a baseline of ${result.findings.length} finding(s) to ${flags.writeBaseline}\n`,
          );
        }
        if (flags.baseline) {
          let text: string;
          try {
            text = await readFile(flags.baseline, 'utf8');
          } catch {
            throw new KubeseamError('input', 'cannot read baseline file', { file: flags.baseline });
          }
          const applied = applyBaseline(result, text, flags.baseline);
          result = applied.result;
          if (applied.suppressed || applied.stale) {
            process.stderr.write(
              `kubeseam: baseline ${flags.baseline} hid ${applied.suppressed} finding(s); ${applied.stale} entr(ies) no longer match\n`,
            );
          }
        }
        const color = !flags.output && useColor(process.stdout, flags.color === false ? false : undefined);
        const text = render(result, flags.format, {
          color,
          verbose: flags.verbose === true,
          checks: [...CHECKS, ...custom],
          srcRoot: process.cwd(),
          ...(flags.linkBase ? { linkBase: flags.linkBase } : {}),
        });
        await emit(text, flags.output);
        if (store) await save(store, result, flags.clusterKey);
        // Writing a baseline accepts what is there: the run that writes it passes.
        state.exitCode = !flags.writeBaseline && failing(result, flags.failOn) ? 1 : 0;
      } finally {
        await store?.close();
      }
    });
  return cmd;
}

function failing(result: ScanResult, failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  const threshold = severityRank(failOn);
  return result.findings.some((f) => f.status !== 'waived' && severityRank(f.severity) >= threshold);
}

async function save(store: Store, result: ScanResult, clusterKey: string | undefined): Promise<void> {
  const key = clusterKey ?? defaultClusterKey(result);
  if (!key) throw new KubeseamError('usage', 'cannot tell which cluster this is: pass --cluster-key to store the scan');
  const id = await store.saveScan(result, { clusterKey: key });
  process.stderr.write(`kubeseam: saved scan ${id.slice(0, 8)} for ${stripControl(key)} to ${store.location}\n`);
}

/** Fleet scan: each context collected and scanned concurrently; one cluster's failure does not stop the rest. */
async function scanContexts(
  flags: ScanFlags,
  options: { asOf?: Date; checks?: string[] },
  store: Store | undefined,
): Promise<number> {
  const contexts = flags.contexts
    ? flags.contexts
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean)
    : await kubeconfigContexts(flags.kubeconfig);
  if (contexts.length === 0) throw new KubeseamError('usage', 'no kubeconfig contexts to scan');
  const concurrency = Number.parseInt(flags.concurrency, 10);
  if (!Number.isFinite(concurrency) || concurrency < 1) throw new KubeseamError('usage', '--concurrency must be ≥ 1');
  const outcomes = await scanFleet(
    contexts,
    async (context) => {
      const result = await scanSource(
        { context, ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}) },
        options,
      );
      if (store) await store.saveScan(result, { clusterKey: context });
      return result;
    },
    {
      concurrency,
      timeoutMs: 600_000,
      onOutcome: (o) =>
        process.stderr.write(
          `kubeseam: ${stripControl(o.context)}: ${o.ok ? `${o.result.findings.length} findings` : `failed: ${stripControl(o.error)}`}\n`,
        ),
    },
  );
  const lines = outcomes.map((o) =>
    o.ok
      ? `${o.context}\t${o.result.cluster.version?.gitVersion ?? ''}\t${Object.entries(o.result.summary.bySeverity)
          .filter(([, n]) => n > 0)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ')}`
      : `${o.context}\tfailed\t${o.error}`,
  );
  const text =
    flags.format === 'json'
      ? JSON.stringify(
          outcomes.map((o) => (o.ok ? { context: o.context, result: o.result } : o)),
          null,
          2,
        ) + '\n'
      : lines.map(stripControl).join('\n') + '\n';
  await emit(text, flags.output);
  if (outcomes.some((o) => !o.ok)) return 2;
  return outcomes.some((o) => o.ok && failing(o.result, flags.failOn)) ? 1 : 0;
}

export function parseAsOf(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  if (Number.isNaN(d.getTime())) throw new KubeseamError('usage', `--as-of: not a date: ${s}`);
  return d;
}
