// The contract of a config section: parse its node into a value, validate it once every section is parsed (custom
// rules may define check ids that waivers refer to), and store it in the config.
import type { KubeseamConfig } from '../types.ts';
import type { ConfigContext } from '../yaml-nodes.ts';

export interface ValidationInput {
  /** Every check id a waiver may name: the built-in registry plus ids defined by sections such as custom rules. */
  checkIds: ReadonlySet<string>;
}

export interface SectionModule<T> {
  /** Top-level key in kubeseam.yaml. */
  key: string;
  /** The value when the section is absent. */
  empty(): T;
  /** `keyNode` is where the section's key is, for errors about the section as a whole. */
  parse(node: unknown, ctx: ConfigContext, keyNode: unknown): T;
  /** Check ids the section defines, so other sections may refer to them. */
  definesChecks?(value: T): string[];
  validate?(value: T, input: ValidationInput, ctx: ConfigContext): void;
  store(config: KubeseamConfig, value: T): void;
}

/** A section with its value type hidden, so sections of different types can share one registry. */
export interface RegisteredSection {
  key: string;
  run(node: unknown, ctx: ConfigContext, keyNode: unknown): ParsedSection;
}

export interface ParsedSection {
  checkIds: string[];
  validate(input: ValidationInput, ctx: ConfigContext): void;
  store(config: KubeseamConfig): void;
}

export function registerSection<T>(m: SectionModule<T>): RegisteredSection {
  return {
    key: m.key,
    run(node, ctx, keyNode) {
      const value = node === undefined ? m.empty() : m.parse(node, ctx, keyNode);
      return {
        checkIds: m.definesChecks?.(value) ?? [],
        validate: (input, vctx) => m.validate?.(value, input, vctx),
        store: (config) => m.store(config, value),
      };
    },
  };
}
