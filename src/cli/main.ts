import { Command, CommanderError } from 'commander';
import { isKubeseamError, stripControl, VERSION } from '../index.ts';
import { auditCommand } from './audit.ts';
import { checksCommand } from './checks.ts';
import { collectCommand } from './collect.ts';
import { diffCommand, historyCommand } from './history.ts';
import { hostCommand } from './host.ts';
import { inventoryCommand } from './inventory.ts';
import { pathsCommand } from './paths.ts';
import { policyCommand } from './policy.ts';
import { networkCommand } from './network.ts';
import { pssCommand } from './pss.ts';
import { rbacCommand } from './rbac.ts';
import { scanCommand } from './scan.ts';
import type { CliState } from './state.ts';

/** Parses argv, runs one command, and returns the exit code. Errors become one line on stderr and exit 2. */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const state: CliState = { exitCode: 0 };
  const program = new Command('kubeseam')
    .description('Security scanner for managed Kubernetes (EKS, AKS, GKE) and the provider middleware it runs')
    .version(VERSION, '--version')
    .option('--debug', 'print stack traces for errors')
    .showHelpAfterError('(kubeseam --help shows usage)')
    .exitOverride();
  for (const cmd of [
    scanCommand(state),
    collectCommand(state),
    inventoryCommand(state),
    pssCommand(state),
    networkCommand(state),
    rbacCommand(state),
    pathsCommand(state),
    policyCommand(state),
    hostCommand(state),
    auditCommand(state),
    historyCommand(state),
    diffCommand(state),
    checksCommand(state),
  ]) {
    program.addCommand(cmd.exitOverride().option('--debug', 'print stack traces for errors'));
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; usage errors were already printed by commander.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isKubeseamError(e)) {
      process.stderr.write(`kubeseam: ${stripControl(e.oneLine())}\n`);
      if (debug && e.stack) process.stderr.write(e.stack + '\n');
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(
      `kubeseam: internal error: ${stripControl(msg).split('\n')[0] ?? ''}${debug ? '' : ' (--debug shows the stack)'}\n`,
    );
    if (debug && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
    return 2;
  }
}
