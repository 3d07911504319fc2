// JSON text templates: an object is serialised once with `@@SLOT@@` markers, then rendered many times by joining
// the static parts with slot values. Rendering 150,000 pods this way costs a join, not a clone and a stringify.

export interface Template {
  /** Static text at even indexes, slot names at odd indexes. */
  parts: string[];
}

const SLOT = /@@([A-Z0-9_]+)@@/;

/** Marker for a string field the template fills in; `"@@X@@"` in the JSON. */
export const slot = (name: string): string => `@@${name}@@`;

/**
 * Builds a template from an object. `numeric` slots are rendered without quotes (`"replicas":@@REPLICAS@@`);
 * `replace` maps literal substrings of the serialised object (names of the prototype) to text with slot markers,
 * applied in order.
 */
export function makeTemplate(
  obj: unknown,
  options: { replace?: readonly (readonly [string, string])[]; numeric?: readonly string[] } = {},
): Template {
  let text = JSON.stringify(obj);
  for (const [literal, replacement] of options.replace ?? []) {
    if (literal) text = text.replaceAll(literal, replacement);
  }
  for (const name of options.numeric ?? []) text = text.replaceAll(`"${slot(name)}"`, slot(name));
  return { parts: text.split(new RegExp(SLOT.source, 'g')) };
}

/** Renders a template. Values must be JSON-safe already (names, numbers, IPs: no quotes or backslashes). */
export function render(t: Template, values: Readonly<Record<string, string | number>>): string {
  const p = t.parts;
  let out = p[0]!;
  for (let i = 1; i < p.length; i += 2) {
    const v = values[p[i]!];
    if (v === undefined) throw new Error(`template slot ${p[i]} has no value`);
    out += String(v) + p[i + 1]!;
  }
  return out;
}

/** A deep copy through JSON, for editing a prototype before templating it. */
export function cloneJson<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
