import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KubeseamError } from '../index.ts';

/** Writes to a temporary file beside the target, then renames: readers never see half a report. */
export async function writeOutputFile(file: string, data: string | Buffer): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw new KubeseamError('input', `cannot write output: ${(e as Error).message}`, { file });
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream, option: boolean | undefined): boolean {
  if (option === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (option === true) return true;
  return stream.isTTY;
}

/** A command's output: to the file named by --output (whole or not at all), else to stdout. */
export async function emit(text: string, output: string | undefined): Promise<void> {
  if (output) await writeOutputFile(output, text);
  else process.stdout.write(text);
}
