// Reading a rendered report the way an HTML parser would, enough to find markup that should not be there.

/** Opening tags of the document outside script and style contents. */
export function openingTags(html: string): string[] {
  const outside = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '<$1>');
  return outside.match(/<[A-Za-z][^>]*>/g) ?? [];
}

/** Attribute names of an opening tag, as an HTML parser reads them (quoted values skipped). */
export function attributeNames(tag: string): string[] {
  const body = tag.replace(/^<[A-Za-z][A-Za-z0-9-]*/, '').replace(/\/?>$/, '');
  return [...body.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?/g)].map((m) =>
    (m[1] ?? '').toLowerCase(),
  );
}

/** Tags with an inline handler, a style attribute or srcdoc. */
export function unsafeTags(html: string): string[] {
  return openingTags(html).filter((t) =>
    attributeNames(t).some((a) => a.startsWith('on') || a === 'style' || a === 'srcdoc'),
  );
}
