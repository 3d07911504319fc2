// Config sections, one module each. A new section (custom rules, report settings) is a module and a line here.
import type { RegisteredSection } from './section.ts';
import { rulesSection } from './rules.ts';
import { waiversSection } from './waivers.ts';

export const SECTIONS: readonly RegisteredSection[] = [rulesSection, waiversSection];
