// JUnit XML for CI test reports (GitLab `artifacts:reports:junit`, Jenkins, Azure Pipelines): one testsuite per check,
// one testcase per (check, resource). The de-facto schema is the Ant/Surefire one; GitLab reads testsuite/testcase
// with name, classname, file, and failure/skipped/error children
// (docs.gitlab.com/ci/testing/unit_test_reports/).
import { CHECKS, findCheck } from '../checks/index.ts';
import { severityRank, type AnyCheck, type Finding } from '../checks/types.ts';
import { formatRef } from '../model/refs.ts';
import type { ScanResult } from '../result.ts';
import { formatOrigin } from './location.ts';
import { stripControl } from './sanitize.ts';

export interface JunitOptions {
  /**
   * The checks that ran (built-in ones filtered by --check, plus custom rules). Workload checks get a passing
   * testcase for every workload without a finding; defaults to every built-in check.
   */
  checks?: readonly AnyCheck[];
}

// XML 1.0 §2.2 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. Lone surrogates are not chars.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe inside an XML attribute or element: forbidden characters removed, markup characters escaped. */
export function xmlEscape(s: string): string {
  return stripControl(s)
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}

interface Case {
  name: string;
  file?: string;
  open: Finding[];
  waived: Finding[];
  errors: string[];
}

function findingLine(f: Finding): string {
  const where = formatOrigin(f.origin);
  return (
    `[${f.severity}] ${f.message} (${f.path}${where ? ` at ${where}` : ''})` +
    (f.status === 'waiver-expired' ? ` waiver expired ${f.waiver?.expires ?? ''}` : '')
  );
}

function renderCase(checkId: string, c: Case): string {
  const head = `    <testcase${attrs({ name: c.name, classname: checkId, file: c.file, time: 0 })}`;
  if (c.errors.length) {
    return `${head}>\n      <error${attrs({ message: c.errors[0], type: 'check-error' })}>${xmlEscape(c.errors.join('\n'))}</error>\n    </testcase>`;
  }
  if (c.open.length) {
    const worst = [...c.open].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0]!;
    const body = c.open.map(findingLine).join('\n');
    return `${head}>\n      <failure${attrs({ message: worst.message, type: worst.severity })}>${xmlEscape(body)}</failure>\n    </testcase>`;
  }
  if (c.waived.length) {
    const w = c.waived[0]!.waiver;
    return `${head}>\n      <skipped${attrs({ message: `waived: ${w?.justification ?? ''}${w?.owner ? ` (owner ${w.owner})` : ''}` })}/>\n    </testcase>`;
  }
  return `${head}/>`;
}

/** JUnit XML report; a check that ran and found nothing is a suite of passing cases, so trends show fixes. */
export function renderJunit(result: ScanResult, options: JunitOptions = {}): string {
  const ran = options.checks ?? CHECKS;
  const lookup = (id: string): AnyCheck | undefined => ran.find((c) => c.id === id) ?? findCheck(id);
  const ids = [
    ...new Set([
      ...ran.map((c) => c.id),
      ...result.findings.map((f) => f.checkId),
      ...result.errors.map((e) => e.checkId),
    ]),
  ].sort();

  const suites: string[] = [];
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const id of ids) {
    const check = lookup(id);
    const cases = new Map<string, Case>();
    const caseFor = (name: string, file?: string): Case => {
      let c = cases.get(name);
      if (!c) cases.set(name, (c = { name, open: [], waived: [], errors: [], ...(file ? { file } : {}) }));
      return c;
    };
    // Workload checks are evaluated on every workload: those without a finding passed.
    if (check && (check.target === 'podTemplate' || check.target === 'container') && ran.includes(check)) {
      for (const w of result.inventory) caseFor(formatRef(w.resource), w.origin.file);
    }
    for (const f of result.findings) {
      if (f.checkId !== id) continue;
      const c = caseFor(formatRef(f.resource), f.origin.file);
      c.file ??= f.origin.file;
      (f.status === 'waived' ? c.waived : c.open).push(f);
    }
    for (const e of result.errors) {
      if (e.checkId === id) caseFor(e.resource ?? 'cluster').errors.push(e.message);
    }
    const list = [...cases.values()].sort((a, b) => a.name.localeCompare(b.name));
    const n = {
      tests: list.length,
      failures: list.filter((c) => !c.errors.length && c.open.length).length,
      errors: list.filter((c) => c.errors.length).length,
      skipped: list.filter((c) => !c.errors.length && !c.open.length && c.waived.length).length,
    };
    total.tests += n.tests;
    total.failures += n.failures;
    total.errors += n.errors;
    total.skipped += n.skipped;
    const name = check ? `${id}: ${check.title}` : id;
    const head = `  <testsuite${attrs({ name, ...n, time: 0, timestamp: result.scannedAt })}`;
    suites.push(
      list.length ? `${head}>\n${list.map((c) => renderCase(id, c)).join('\n')}\n  </testsuite>` : `${head}/>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'kubeseam', ...total, time: 0 })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
