// A small HTML builder that escapes by construction: strings passed as children or attribute values are always
// escaped, tag and attribute names are code constants (checked), inline event handlers and style attributes are
// refused (the report's Content-Security-Policy would block them anyway), and an href that is not http(s) or an
// in-page anchor is dropped. Only `raw` inserts markup as is, and it is used for the report's own assets.
import { escapeHtml, safeHref } from './escape.ts';

export class Html {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type Child = Html | string | number | null | undefined | false | readonly Child[];
export type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue>;

const NAME = /^[A-Za-z][A-Za-z0-9-]*$/;
const VOID = new Set(['br', 'hr', 'img', 'input', 'link', 'meta']);

/** Trusted markup: the report's own CSS and script, and nothing built from data. */
export function raw(html: string): Html {
  return new Html(html);
}

function renderChild(c: Child, out: string[]): void {
  if (c === null || c === undefined || c === false) return;
  if (c instanceof Html) out.push(c.html);
  else if (typeof c === 'string') out.push(escapeHtml(c));
  else if (typeof c === 'number') out.push(escapeHtml(String(c)));
  else for (const x of c) renderChild(x, out);
}

/** Children joined, escaped where they are strings. */
export function fragment(...children: Child[]): Html {
  const out: string[] = [];
  renderChild(children, out);
  return new Html(out.join(''));
}

function attrString(name: string, value: AttrValue): string {
  if (!NAME.test(name)) throw new Error(`invalid attribute name ${name}`);
  const lower = name.toLowerCase();
  if (lower.startsWith('on') || lower === 'style' || lower === 'srcdoc') {
    throw new Error(`attribute ${name} is not allowed in the report (CSP and injection safety)`);
  }
  if (value === null || value === undefined || value === false) return '';
  if (value === true) return ` ${name}`;
  let v = String(value);
  if (lower === 'href' || lower === 'src' || lower === 'action' || lower === 'xlink:href') {
    if (!v.startsWith('#')) {
      const ok = safeHref(v);
      if (!ok) return '';
      v = ok;
    }
  }
  return ` ${name}="${escapeHtml(v)}"`;
}

/** An element; `attrs` values and string children are escaped. */
export function h(tag: string, attrs: Attrs | null, ...children: Child[]): Html {
  if (!NAME.test(tag)) throw new Error(`invalid tag name ${tag}`);
  let open = `<${tag}`;
  for (const [k, v] of Object.entries(attrs ?? {})) open += attrString(k, v);
  if (VOID.has(tag)) return new Html(`${open}>`);
  const out: string[] = [];
  renderChild(children, out);
  return new Html(`${open}>${out.join('')}</${tag}>`);
}

/** A link that opens outside the report, without referrer or opener; plain text when the URL is not http(s). */
export function extLink(url: string | undefined, ...children: Child[]): Html {
  const href = url === undefined ? undefined : safeHref(url);
  if (!href) return fragment(...children);
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, ...children);
}

/** Inline Markdown of check texts: only `code spans` are formatted; everything else stays text. */
export function inlineMarkdown(s: string): Html {
  const parts = s.split('`');
  // An odd count of backticks leaves the last one literal.
  if (parts.length % 2 === 0) {
    const last = parts.pop() ?? '';
    parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''}\`${last}`;
  }
  return fragment(parts.map((p, i) => (i % 2 === 1 ? h('code', null, p) : p)));
}
