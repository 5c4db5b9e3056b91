import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** How many backups of one file are kept beside it; the oldest beyond this are removed after a good write. */
export const BACKUP_LIMIT = 10;

/**
 * `<name>.<yyyyMMdd-HHmmss>.bak`, the time in UTC (names sort by time across daylight-saving changes and
 * time zones); a second backup within the same second gets `-1`, `-2`, ... before `.bak`.
 * Module/Private/Write-MDIFileSafely.ps1 follows the same rule.
 */
export function backupStamp(now: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(now.getUTCFullYear(), 4)}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
}

interface Backup {
  name: string;
  stamp: string;
  sequence: number;
}

/** The backups of `leaf` in `folder`, oldest first. Files that only look similar are not ours to touch. */
export function listBackups(folder: string, leaf: string): Backup[] {
  const pattern = new RegExp(`^${escapeRegExp(leaf)}\\.(\\d{8}-\\d{6})(?:-(\\d+))?\\.bak$`);
  const found: Backup[] = [];
  for (const name of readdirSync(folder)) {
    const match = pattern.exec(name);
    if (match) found.push({ name, stamp: match[1]!, sequence: match[2] ? Number(match[2]) : 0 });
  }
  // Plain string order would put `...-1.bak` before `....bak` ('-' sorts before '.').
  return found.sort((a, b) => a.stamp.localeCompare(b.stamp) || a.sequence - b.sequence);
}

/** A backup name for `leaf` not yet used in `folder`. */
export function freeBackupName(folder: string, leaf: string, now: Date): string {
  const stamp = backupStamp(now);
  const taken = new Set(listBackups(folder, leaf).filter((backup) => backup.stamp === stamp).map((backup) => backup.sequence));
  let sequence = 0;
  while (taken.has(sequence)) sequence += 1;
  return sequence === 0 ? `${leaf}.${stamp}.bak` : `${leaf}.${stamp}-${sequence}.bak`;
}

/** Removes the oldest backups of `leaf` beyond BACKUP_LIMIT; returns the names removed. */
export function pruneBackups(folder: string, leaf: string, limit = BACKUP_LIMIT): string[] {
  const backups = listBackups(folder, leaf);
  const removed: string[] = [];
  for (const backup of backups.slice(0, Math.max(0, backups.length - limit))) {
    try {
      unlinkSync(join(folder, backup.name));
      removed.push(backup.name);
    } catch {
      // A backup we cannot remove (locked, permissions) is clutter, not a failed write.
    }
  }
  return removed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
