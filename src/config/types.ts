import type { Waiver } from '../policy/waivers.ts';
import type { CustomRule } from '../rules/types.ts';

/** The parsed kubeseam.yaml. Each top-level section has its own module under sections/. */
export interface KubeseamConfig {
  /** The file as named on the command line, for messages. */
  file: string;
  waivers: Waiver[];
  /** Custom rules in CEL, run by the same engine as built-in checks. */
  rules: CustomRule[];
}

export const CONFIG_API_VERSION = 'kubeseam.dev/v1';
export const CONFIG_KIND = 'Config';
