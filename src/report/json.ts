import type { ScanResult } from '../result.ts';

export function renderJson(result: ScanResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}
