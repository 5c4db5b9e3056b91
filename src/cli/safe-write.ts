import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ErrorCode, MdiInputError } from '../errors.js';

export interface WriteOutcome {
  path: string;
  /** Copy of what was there before, or null when the file is new. */
  backup: string | null;
}

/**
 * Writes a file the way every write in this product must: keep a copy of what is
 * there first, write beside it, swap it in with one rename (a reader sees the old
 * file or the new one, never half of one), then read it back and compare.
 */
export function writeFileSafely(path: string, bytes: Uint8Array, stamp = new Date()): WriteOutcome {
  const backup = existsSync(path) ? join(dirname(path), `${basename(path)}.${stamp.toISOString().replace(/[:.]/g, '-')}.bak`) : null;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    if (backup) copyFileSync(path, backup);
    writeFileSync(temp, bytes, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new MdiInputError(ErrorCode.WriteFailed, `Could not write '${path}' (${(error as NodeJS.ErrnoException).code ?? 'error'}); nothing was replaced.`);
  }
  if (Buffer.compare(readFileSync(path), Buffer.from(bytes)) !== 0) {
    throw new MdiInputError(ErrorCode.WriteFailed, `'${path}' does not read back as written${backup ? `; the previous file is kept as '${backup}'` : ''}.`);
  }
  return { path, backup };
}
