import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  const previous = existsSync(path) ? statSync(path) : null;
  const backup = previous ? join(dirname(path), `${basename(path)}.${stamp.toISOString().replace(/[:.]/g, '-')}.bak`) : null;
  const temp = join(dirname(path), tempName(path, process.pid));
  sweepAbandonedTemps(path);
  let backedUp = false;
  try {
    if (backup) {
      copyFileSync(path, backup);
      backedUp = true;
    }
    writeFileSync(temp, bytes, { flag: 'wx' });
    // The replacement keeps the permissions of the file it replaces (a config the service reads, say).
    if (previous) chmodSync(temp, previous.mode & 0o7777);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    // The original is untouched, so a copy of it made just now is only clutter.
    if (backedUp && backup) rmSync(backup, { force: true });
    throw new MdiInputError(ErrorCode.WriteFailed, `Could not write '${path}' (${(error as NodeJS.ErrnoException).code ?? 'error'}); nothing was replaced.`);
  }
  if (Buffer.compare(readFileSync(path), Buffer.from(bytes)) !== 0) {
    throw new MdiInputError(ErrorCode.WriteFailed, `'${path}' does not read back as written${backup ? `; the previous file is kept as '${backup}'` : ''}.`);
  }
  return { path, backup };
}

/** Hidden and suffixed, so nothing that looks for `path` by name can take a half-written file for it. */
function tempName(path: string, pid: number): string {
  return `.${basename(path)}.${pid}.tmp`;
}

/**
 * A writer killed between writing its temp file and the rename leaves the temp file
 * behind (nothing can run after SIGKILL). The next write removes those whose writer
 * is gone; a live writer's file is left alone.
 */
function sweepAbandonedTemps(path: string): void {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length, -'.tmp'.length)) : NaN;
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid)) rmSync(join(dirname(path), name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
