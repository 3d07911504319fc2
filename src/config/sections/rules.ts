// The `rules:` section: custom checks in CEL (src/rules), compiled at load time with errors at file:line:column.
import { CHECKS } from '../../checks/index.ts';
import { parseCustomRules } from '../../rules/load.ts';
import type { CustomRule } from '../../rules/types.ts';
import { registerSection } from './section.ts';

export const rulesSection = registerSection<CustomRule[]>({
  key: 'rules',
  empty: () => [],
  parse(node, ctx, keyNode) {
    const rules = parseCustomRules(node ?? [], ctx.file, ctx.lines, { text: ctx.text });
    const builtIn = new Set(CHECKS.map((c) => c.id));
    for (const r of rules) {
      if (builtIn.has(r.id)) throw ctx.error(keyNode, `rule ${r.id}: the id is a built-in check; choose another`);
    }
    return rules;
  },
  definesChecks: (rules) => rules.map((r) => r.id),
  store(config, rules) {
    config.rules = rules;
  },
});
