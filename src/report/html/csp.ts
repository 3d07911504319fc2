// The report's Content-Security-Policy: nothing loads from anywhere, the one inline script and the one inline style
// run only because their SHA-256 hashes are listed, and images may only be data: URLs. A meta element cannot carry
// frame-ancestors or report-uri (browsers ignore them there and log a warning), so the policy leaves them out.
// Spec: https://www.w3.org/TR/CSP3/#meta-element, hash source expressions https://www.w3.org/TR/CSP3/#grammardef-hash-source
import { createHash } from 'node:crypto';

/** `sha256-<base64>` of the exact text between the opening and closing tag, as CSP compares it. */
export function cspHash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

export function contentSecurityPolicy(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src '${cspHash(script)}'`,
    `style-src '${cspHash(style)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
