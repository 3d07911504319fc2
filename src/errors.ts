/** What went wrong, for exit codes and one-line messages: input (files, snapshots), config, access (cluster), usage. */
export type ErrorKind = 'input' | 'config' | 'access' | 'usage' | 'internal';

/**
 * A known error: printed as one line (`file:line:column: message` or `resource: message`) and exit code 2.
 * Anything else is a bug and prints a stack only under --debug.
 */
export class KubeseamError extends Error {
  readonly kind: ErrorKind;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly resource: string | undefined;

  constructor(
    kind: ErrorKind,
    message: string,
    where: { file?: string; line?: number; column?: number; resource?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KubeseamError';
    this.kind = kind;
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.resource = where.resource;
  }

  /** The single line shown to users. */
  oneLine(): string {
    let where = '';
    if (this.file !== undefined) {
      where = this.file;
      if (this.line !== undefined) where += `:${this.line}`;
      if (this.line !== undefined && this.column !== undefined) where += `:${this.column}`;
      where += ': ';
    } else if (this.resource !== undefined) {
      where = `${this.resource}: `;
    }
    return `${where}${this.message}`.replace(/[\r\n]+/g, ' ');
  }
}

export function isKubeseamError(e: unknown): e is KubeseamError {
  return e instanceof KubeseamError;
}
