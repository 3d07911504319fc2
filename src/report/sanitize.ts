// Cluster and file data are untrusted: a name or label can carry escape sequences that rewrite a terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Removes control characters (C0 except tab/newline, DEL, C1, bidi overrides) before text reaches a terminal. */
export function stripControl(s: string): string {
  return s.replace(CONTROL, '');
}

/** One-line form: also folds newlines and tabs, for table cells. */
export function oneLine(s: string): string {
  return stripControl(s).replace(/[\t\r\n]+/g, ' ');
}
