// The `waivers:` section: documented exceptions with a justification, an owner and an expiry date.
import { isIsoDate, type Waiver, type WaiverMatch } from '../../policy/waivers.ts';
import type { ConfigContext } from '../yaml-nodes.ts';
import { closest, entries, expectMap, expectSeq, rejectUnknownKeys, stringValue } from '../yaml-nodes.ts';
import { registerSection } from './section.ts';

const WAIVER_FIELDS = ['check', 'match', 'justification', 'owner', 'expires'] as const;
const MATCH_FIELDS = ['namespace', 'kind', 'name', 'component'] as const;
const REQUIRED = ['check', 'justification', 'owner', 'expires'] as const;

/** Texts that say nothing about why the exception is acceptable. */
const PLACEHOLDERS =
  /^(todo|tbd|fixme|n\/?a|none|temp(orary)?|needed|required|because|ok|yes|legacy|exception|waiver|see ticket|ask .*)$/i;
const MIN_JUSTIFICATION = 20;

interface ParsedWaiver {
  waiver: Waiver;
  checkNode: unknown;
}

function checkJustification(text: string): string | undefined {
  const t = text.trim();
  if (PLACEHOLDERS.test(t.replace(/[.!]+$/, '')))
    return `justification "${t}" is a placeholder: say why the exception is acceptable`;
  if (t.length < MIN_JUSTIFICATION || t.split(/\s+/).length < 3) {
    return `justification is too short: say why the exception is acceptable (at least ${MIN_JUSTIFICATION} characters and a few words)`;
  }
  return undefined;
}

function parseMatch(node: unknown, ctx: ConfigContext, keyNode: unknown): WaiverMatch {
  const mctx = ctx.within('match');
  const list = entries(expectMap(node, ctx, 'match', keyNode), mctx);
  rejectUnknownKeys(list, MATCH_FIELDS, mctx);
  const match: WaiverMatch = {};
  for (const e of list) {
    const v = stringValue(e, mctx).trim();
    if (v === '') throw mctx.error(e.value, `${e.key} is empty`, e.keyNode);
    match[e.key as (typeof MATCH_FIELDS)[number]] = v;
  }
  return match;
}

function parseWaiver(node: unknown, index: number, ctx: ConfigContext, file: string): ParsedWaiver {
  const wctx = ctx.within(`waiver #${index}`);
  const map = expectMap(node, wctx, 'a waiver');
  const list = entries(map, wctx);
  rejectUnknownKeys(list, WAIVER_FIELDS, wctx);
  const byKey = new Map(list.map((e) => [e.key, e]));
  for (const k of REQUIRED) if (!byKey.has(k)) throw wctx.error(map, `${k} is required`);

  const checkEntry = byKey.get('check')!;
  const check = stringValue(checkEntry, wctx).trim();
  if (check === '') throw wctx.error(checkEntry.value, 'check is empty');

  const matchEntry = byKey.get('match');
  const match = matchEntry ? parseMatch(matchEntry.value, wctx, matchEntry.keyNode) : {};
  if (check === '*' && Object.keys(match).length === 0) {
    throw wctx.error(checkEntry.value, "check '*' needs a match: without one it would waive every finding");
  }

  const justEntry = byKey.get('justification')!;
  const justification = stringValue(justEntry, wctx).trim();
  const weak = checkJustification(justification);
  if (weak) throw wctx.error(justEntry.value, weak);

  const ownerEntry = byKey.get('owner')!;
  const owner = stringValue(ownerEntry, wctx).trim();
  if (owner.length < 2) throw wctx.error(ownerEntry.value, 'owner is empty: name a person or team to ask');

  const expEntry = byKey.get('expires')!;
  const expiresNode = expEntry.value;
  const raw = (expiresNode as { value?: unknown } | null)?.value;
  // A `%YAML 1.1` document reads unquoted dates as timestamps; take their day.
  const expiresRaw = raw instanceof Date && !Number.isNaN(raw.getTime()) ? raw.toISOString().slice(0, 10) : raw;
  if (typeof expiresRaw !== 'string' || !isIsoDate(expiresRaw.trim())) {
    throw wctx.error(expiresNode, 'expires is not a date (YYYY-MM-DD)', expEntry.keyNode);
  }

  const pos = ctx.positionOf(map);
  return {
    waiver: {
      check,
      match,
      justification,
      owner,
      expires: expiresRaw.trim(),
      index,
      origin: pos ? { file, line: pos.line, column: pos.column } : { file },
    },
    checkNode: checkEntry.value,
  };
}

export const waiversSection = registerSection<ParsedWaiver[]>({
  key: 'waivers',
  empty: () => [],
  parse(node, ctx, keyNode) {
    if (node === null || (node as { value?: unknown } | null)?.value === null) return []; // `waivers:` with nothing under it
    const seq = expectSeq(node, ctx, 'waivers', keyNode);
    return seq.items.map((item, i) => parseWaiver(item, i + 1, ctx, ctx.file));
  },
  validate(value, input, ctx) {
    for (const { waiver, checkNode } of value) {
      if (waiver.check === '*' || input.checkIds.has(waiver.check)) continue;
      const near = closest(waiver.check, input.checkIds);
      throw ctx
        .within(`waiver #${waiver.index}`)
        .error(checkNode, `unknown check id "${waiver.check}"${near ? ` (did you mean "${near}"?)` : ''}`);
    }
  },
  store(config, value) {
    config.waivers = value.map((p) => p.waiver);
  },
});
