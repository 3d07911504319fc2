// Custom rules in CEL: the `rules:` section of kubeseam.yaml, compiled at load time and run as ordinary checks.
export { parseCustomRules, parseCustomRulesText, type RuleSourceOptions } from './load.ts';
export { customRuleChecks } from './check.ts';
export {
  compileCel,
  CelCompileError,
  VARIABLES,
  type CompiledExpression,
  type RuleTarget,
  type RuleVariable,
} from './cel.ts';
export type { CustomRule, RuleMatch } from './types.ts';
