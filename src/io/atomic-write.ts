import { readFileSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ErrorCode, MdiInputError } from '../errors.js';
import { freeBackupName, pruneBackups } from './backups.js';
import { renameWithRetry, syncFolder, writeDurably } from './durable.js';
import { sweepAbandonedTemps, tempPathFor } from './temp-files.js';

export interface WriteOutcome {
  path: string;
  /** The whole previous file, kept beside it, or null when the file is new. */
  backup: string | null;
}

/**
 * Every file the engine writes goes through here (docs/safe-writes.md has the rules):
 * 1. a backup of the existing file, itself written to a temp file, flushed and renamed into place;
 * 2. the new bytes to a hidden temp file in the same folder, with the old file's mode, flushed;
 * 3. one rename over the target (retried while Windows scanners hold it), then the folder flushed;
 * 4. read back and compared; only then the oldest backups beyond the limit are removed.
 * If the replace fails, the new backup is removed again (the file it copies is still there).
 * Killed at any point, the target is the old file or the new one, whole, and every `.bak` is whole.
 */
export function writeFileAtomically(path: string, bytes: Uint8Array, now = new Date()): WriteOutcome {
  const target = resolve(path);
  const folder = dirname(target);
  const leaf = basename(target);
  sweepAbandonedTemps(folder, leaf);
  const previous = statOrNull(target);
  const mode = previous ? previous.mode & 0o7777 : null;
  let backup: string | null = null;
  const temp = tempPathFor(target);
  try {
    if (previous) backup = keepBackup(target, folder, leaf, mode, now);
    writeDurably(temp, bytes, mode);
    renameWithRetry(temp, target);
  } catch (error) {
    removeQuietly(temp);
    // The file is untouched, so a copy of it made just now is only clutter.
    if (backup) removeQuietly(backup);
    throw new MdiInputError(ErrorCode.WriteFailed, `Could not write '${target}' (${(error as NodeJS.ErrnoException).code ?? 'error'}); nothing was replaced.`);
  }
  syncFolder(folder);
  if (Buffer.compare(readFileSync(target), Buffer.from(bytes)) !== 0) {
    throw new MdiInputError(ErrorCode.WriteFailed, `'${target}' does not read back as written: something else changed it${backup ? `; the previous file is kept as '${backup}'` : ''}.`);
  }
  pruneBackups(folder, leaf);
  return { path: target, backup };
}

/** The backup appears under its final name only once it is complete and on disk. */
function keepBackup(target: string, folder: string, leaf: string, mode: number | null, now: Date): string {
  const backup = join(folder, freeBackupName(folder, leaf, now));
  const temp = tempPathFor(backup);
  try {
    writeDurably(temp, readFileSync(target), mode);
    renameWithRetry(temp, backup);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
  return backup;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new MdiInputError(ErrorCode.WriteFailed, `Cannot write '${path}': ${(error as NodeJS.ErrnoException).code ?? 'it cannot be read'}.`);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Never created, or already gone.
  }
}
