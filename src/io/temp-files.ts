import { readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * `.<name>.<pid>.tmp` beside the target: hidden and suffixed, so nothing that looks for the
 * file by name can take a half-written one for it, and the pid says whose it is.
 */
export function tempPathFor(path: string, pid = process.pid): string {
  return join(dirname(path), `.${basename(path)}.${pid}.tmp`);
}

/**
 * A writer killed between writing its temp file and the rename leaves that file behind
 * (nothing runs after SIGKILL). The next write to the same folder removes the temp files
 * of `leaf` (and of its backups) whose writer is gone; a live writer's file is left alone.
 */
export function sweepAbandonedTemps(folder: string, leaf: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  const prefix = `.${leaf}.`;
  for (const name of names) {
    const match = name.startsWith(prefix) ? /\.(\d+)\.tmp$/.exec(name) : null;
    const pid = match ? Number(match[1]) : NaN;
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid)) {
      try {
        unlinkSync(join(folder, name));
      } catch {
        // Gone already, or not ours to remove: either way nothing to do.
      }
    }
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
