import { KubeseamError } from '../errors.ts';
import type { ScanResult } from '../result.ts';
import { renderJson } from './json.ts';
import { renderTable } from './table.ts';

export const FORMATS = ['table', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  color?: boolean;
  verbose?: boolean;
}

/** Renderers are pure functions of a ScanResult. */
export function render(result: ScanResult, format: string, options: RenderOptions = {}): string {
  switch (format) {
    case 'table':
      return renderTable(result, options);
    case 'json':
      return renderJson(result);
    default:
      throw new KubeseamError('usage', `unknown format "${format}" (expected one of: ${FORMATS.join(', ')})`);
  }
}
