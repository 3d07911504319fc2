import type { AnyCheck } from '../checks/types.ts';
import { KubeseamError } from '../errors.ts';
import type { ScanResult } from '../result.ts';
import { renderHtml } from './html/index.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { renderSarif } from './sarif.ts';
import { renderTable } from './table.ts';

export const FORMATS = ['table', 'json', 'sarif', 'junit', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  color?: boolean;
  verbose?: boolean;
  /** The checks the scan ran (built-in plus custom rules), for titles, help and passing test cases. */
  checks?: readonly AnyCheck[];
  /** Root that file locations are relative to (SARIF). */
  srcRoot?: string;
  /** Base URL for file links in Markdown (a pull request's blob URL). */
  linkBase?: string;
}

/** Renderers are pure functions of a ScanResult. */
export function render(result: ScanResult, format: string, options: RenderOptions = {}): string {
  const checks = options.checks ? { checks: options.checks } : {};
  switch (format) {
    case 'table':
      return renderTable(result, options);
    case 'json':
      return renderJson(result);
    case 'sarif':
      return renderSarif(result, { ...checks, ...(options.srcRoot ? { srcRoot: options.srcRoot } : {}) });
    case 'junit':
      return renderJunit(result, checks);
    case 'html':
      return renderHtml(result, checks);
    case 'markdown':
      return renderMarkdown(result, { ...checks, ...(options.linkBase ? { linkBase: options.linkBase } : {}) });
    default:
      throw new KubeseamError('usage', `unknown format "${format}" (expected one of: ${FORMATS.join(', ')})`);
  }
}
