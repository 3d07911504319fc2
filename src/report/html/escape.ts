// Escaping for the HTML report. Everything a cluster, a manifest or a config file supplies is untrusted: names,
// labels, annotations, messages, even check text from custom rules. Text goes through `escapeHtml`, data for the
// client script through `jsonForScript`, and links through `safeHref`.

// C0 controls except tab and newline, DEL, C1, the line/paragraph separators, and bidi overrides and isolates
// (Trojan Source): shown as visible escapes so they neither vanish nor reorder the text around them.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Replaces invisible and reordering characters with a visible `\uXXXX` so the reader sees what is there. */
export function visible(s: string): string {
  return s.replace(INVISIBLE, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Text safe in element content and in double- or single-quoted attribute values: the five HTML specials plus the
 * backtick, after control characters are made visible.
 */
export function escapeHtml(s: string): string {
  return visible(s).replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` become `\u003c`… so no `</script>` or
 * `<!--` can end or confuse the block, and U+2028/2029 are escaped for old parsers. JSON.parse reads it back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** An http(s) URL as given, or undefined: no `javascript:`, `data:` or relative links reach an href. */
export function safeHref(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
}

/**
 * A knowledge source as a link target: an https URL, or `owner/repo:path` (how the catalog cites files in public
 * repositories), which becomes a GitHub blob URL on the default branch.
 */
export function sourceHref(source: string): string | undefined {
  const direct = safeHref(source);
  if (direct) return direct;
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+):([^\s]+)$/.exec(source);
  if (!m) return undefined;
  const path = (m[3] ?? '').split('/').map(encodeURIComponent).join('/');
  return `https://github.com/${m[1] ?? ''}/${m[2] ?? ''}/blob/HEAD/${path}`;
}
