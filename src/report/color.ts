import type { Severity } from '../checks/types.ts';

export interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  severity(sev: Severity, s: string): string;
}

const wrap =
  (open: number, close: number) =>
  (s: string): string =>
    `\u001b[${open}m${s}\u001b[${close}m`;

const SEVERITY_CODES: Record<Severity, number> = { critical: 91, high: 31, medium: 33, low: 36, info: 90 };

export const COLOR: Palette = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  severity: (sev, s) => wrap(SEVERITY_CODES[sev], 39)(s),
};

export const PLAIN: Palette = { bold: (s) => s, dim: (s) => s, severity: (_sev, s) => s };
