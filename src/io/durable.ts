import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';

/**
 * Back-off between rename attempts. On Windows an antivirus scanner, the search indexer or a
 * backup agent briefly holds files it has just seen, and rename fails with EPERM/EACCES/EBUSY
 * until it lets go; about 1.3 s in all, then the failure is real.
 */
export const RENAME_RETRY_DELAYS_MS = [10, 20, 40, 80, 160, 320, 640] as const;

/** Codes that mean "held by someone for a moment": EBUSY anywhere (SMB/CIFS mounts on Linux too); EPERM and EACCES only on Windows, where elsewhere they are real permission errors. */
function isTransient(code: string | undefined): boolean {
  if (code === 'EBUSY') return true;
  return process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES');
}

/**
 * Creates `path` (it must not exist), writes all of `bytes`, gives it `mode` when known
 * and flushes it to the disk before returning, so a rename that follows never exposes
 * a file whose contents are still only in the page cache.
 */
export function writeDurably(path: string, bytes: Uint8Array, mode: number | null): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', mode === null ? 0o666 : 0o600);
  } catch (error) {
    // Our own pid's name: left by an earlier process that had this pid and was killed.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    unlinkSync(path);
    fd = openSync(path, 'wx', mode === null ? 0o666 : 0o600);
  }
  try {
    // Before any byte is written: a copy of a private file is never readable by more people than the file.
    if (mode !== null && process.platform !== 'win32') fchmodSync(fd, mode);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** rename(2), retried on the transient codes above with a bounded back-off. */
export function renameWithRetry(from: string, to: string): void {
  for (let attempt = 0; ; attempt += 1) {
    try {
      renameSync(from, to);
      return;
    } catch (error) {
      const delay = RENAME_RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !isTransient((error as NodeJS.ErrnoException).code)) throw error;
      sleep(delay);
    }
  }
}

/** Makes a rename in `folder` durable (POSIX; Windows has no directory handle to flush and needs none). */
export function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems cannot flush a directory (EINVAL); the rename itself has happened.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The writer is synchronous throughout (one caller at a time, nothing to interleave), so the wait is too. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
