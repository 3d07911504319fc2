// Small constructors that keep the per-provider catalog modules readable.
import type { HostPathBaseline } from './types.ts';

export const rw = (...paths: string[]): HostPathBaseline[] => paths.map((path) => ({ path, readOnly: false }));
export const ro = (...paths: string[]): HostPathBaseline[] => paths.map((path) => ({ path, readOnly: true }));
