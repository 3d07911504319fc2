import { stripControl } from '../index.ts';

/** Live collection progress on stderr, one rewritten line on a terminal; silent otherwise or with --quiet. */
export function progressReporter(
  quiet: boolean | undefined,
): ((p: { resource: string; count: number; done: boolean }) => void) | undefined {
  if (quiet || !process.stderr.isTTY) return undefined;
  let total = 0;
  const counts = new Map<string, number>();
  return (p) => {
    const prev = counts.get(p.resource) ?? 0;
    total += p.count - prev;
    counts.set(p.resource, p.count);
    process.stderr.write(`\r\u001b[2Kcollecting ${stripControl(p.resource)}: ${p.count} (${total} objects)`);
    if (p.done && [...counts.keys()].length > 0) process.stderr.write('\r\u001b[2K');
  };
}

/** Ctrl-C aborts the collection; nothing is written because output is only written whole at the end. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}
