import { Command, Option } from 'commander';
import {
  diffScans,
  loadScanRef,
  openStore,
  renderClustersTable,
  renderDiffJson,
  renderDiffTable,
  renderHistoryTable,
  resolveStoreUrl,
  type Store,
} from '../index.ts';
import { useColor } from './io.ts';
import type { CliState } from './state.ts';

interface StoreFlags {
  store?: string | true;
  cluster?: string;
  format: string;
  color?: boolean;
}

const storeUrl = (flags: StoreFlags): string => resolveStoreUrl(flags.store === true ? undefined : flags.store);

export function historyCommand(state: CliState): Command {
  return new Command('history')
    .description('list stored scans (newest first), or the clusters in the store')
    .option('--store [url]', 'sqlite:PATH or postgres://… (default: $KUBESEAM_STORE_URL, else the user data file)')
    .option('--cluster <key>', 'only this cluster')
    .option('--limit <n>', 'at most this many scans', '20')
    .option('--clusters', 'list clusters instead of scans')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--no-color', 'never colour the table')
    .action(async (flags: StoreFlags & { limit: string; clusters?: boolean }) => {
      const store = await openStore(storeUrl(flags));
      try {
        const color = useColor(process.stdout, flags.color === false ? false : undefined);
        if (flags.clusters) {
          const rows = await store.clusters();
          process.stdout.write(
            flags.format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : renderClustersTable(rows, { color }),
          );
        } else {
          const rows = await store.listScans({
            ...(flags.cluster ? { cluster: flags.cluster } : {}),
            limit: Number.parseInt(flags.limit, 10) || 20,
          });
          process.stdout.write(
            flags.format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : renderHistoryTable(rows, { color }),
          );
        }
      } finally {
        await store.close();
      }
      state.exitCode = 0;
    });
}

export function diffCommand(state: CliState): Command {
  return new Command('diff')
    .description('what changed between two scans: components, privileges, findings, versions, attack paths')
    .argument('<a>', 'scan id (or prefix), last, last~N, or a result JSON file')
    .argument('<b>', 'scan id (or prefix), last, last~N, or a result JSON file')
    .option('--store [url]', 'sqlite:PATH or postgres://… (default: $KUBESEAM_STORE_URL, else the user data file)')
    .option('--cluster <key>', 'resolve last/last~N within this cluster')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--no-color', 'never colour the table')
    .action(async (a: string, b: string, flags: StoreFlags) => {
      let store: Store | undefined;
      const getStore = async (): Promise<Store> => (store ??= await openStore(storeUrl(flags)));
      try {
        const opts = { store: getStore, ...(flags.cluster ? { cluster: flags.cluster } : {}) };
        const d = diffScans(await loadScanRef(a, opts), await loadScanRef(b, opts));
        process.stdout.write(
          flags.format === 'json'
            ? renderDiffJson(d)
            : renderDiffTable(d, { color: useColor(process.stdout, flags.color === false ? false : undefined) }),
        );
      } finally {
        await store?.close();
      }
      state.exitCode = 0;
    });
}
