// .reg files: read, write, look up, build. The parts live in reg-model.ts
// (types), reg-file-read.ts, reg-file-write.ts and reg-value.ts (typed data);
// import from here.

import { REG_V4, REG_V5 } from './reg-model.js';
import type { RegData, RegEntry, RegFile, RegHeader, RegKey, RegNewline, RegValue } from './reg-model.js';
import { decodeRegData } from './reg-value.js';
import type { RegTypedValue } from './reg-value.js';

export * from './reg-model.js';
export { readRegFile } from './reg-file-read.js';
export { writeRegFile } from './reg-file-write.js';
export * from './reg-value.js';

/** Short root names people type, mapped to what .reg files spell out. */
const ROOTS: Record<string, string> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKU: 'HKEY_USERS',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKCC: 'HKEY_CURRENT_CONFIG',
};

/** Registry names compare case-insensitively; roots may be abbreviated; a trailing \ is ignored. */
export function normalizeKeyPath(path: string): string {
  const trimmed = path.replace(/\\+$/, '');
  const slash = trimmed.indexOf('\\');
  const root = slash < 0 ? trimmed : trimmed.slice(0, slash);
  const full = ROOTS[root.toUpperCase()] ?? root;
  return (full + (slash < 0 ? '' : trimmed.slice(slash))).toUpperCase();
}

export function keyValues(key: RegKey): RegValue[] {
  return key.items.filter((item): item is RegValue => item.kind === 'value');
}

/**
 * The value as importing this file would leave it, looking only at this file:
 * the last `name` under any `[keyPath]` block (case-insensitive, '' for the
 * default value), forgotten again by a later `[-keyPath]` or `[-parent]`.
 * `data` is null when the file deletes the value; undefined if the file does
 * not mention it.
 */
export function getValue(file: RegFile, keyPath: string, name: string): RegValue | undefined {
  const target = normalizeKeyPath(keyPath);
  const wanted = name.toUpperCase();
  let found: RegValue | undefined;
  for (const entry of file.entries) {
    if (entry.kind !== 'key') continue;
    const path = normalizeKeyPath(entry.path);
    if (entry.delete) {
      if (target === path || target.startsWith(`${path}\\`)) found = undefined;
      continue;
    }
    if (path !== target) continue;
    for (const value of keyValues(entry)) if (value.name.toUpperCase() === wanted) found = value;
  }
  return found;
}

/** getValue, decoded: undefined when absent, null when the file deletes it. */
export function getTypedValue(file: RegFile, keyPath: string, name: string): RegTypedValue | null | undefined {
  const value = getValue(file, keyPath, name);
  if (!value) return undefined;
  return value.data === null ? null : decodeRegData(value.data, file.header, name || '@');
}

/** The last (non-deletion) block for `keyPath`, e.g. to add a value to it. */
export function findKey(file: RegFile, keyPath: string): RegKey | undefined {
  const target = normalizeKeyPath(keyPath);
  let found: RegKey | undefined;
  for (const entry of file.entries) {
    if (entry.kind === 'key' && !entry.delete && normalizeKeyPath(entry.path) === target) found = entry;
  }
  return found;
}

export interface RegKeyInput {
  path: string;
  /** Write `[-path]`: delete the key (its values are then ignored by regedit). */
  delete?: boolean;
  /** In order; data null writes `"name"=-`. */
  values?: { name: string; data: RegData | null }[];
}

export interface BuildRegFileOptions {
  /** Default: v5, regedit's own format (UTF-16LE + BOM). REGEDIT4 is written as latin1. */
  header?: RegHeader;
  newline?: RegNewline;
}

/**
 * A file laid out as regedit exports it: header, then for each key a blank
 * line and the [key] with its values, then a final blank line.
 */
export function buildRegFile(keys: readonly RegKeyInput[], options: BuildRegFileOptions = {}): RegFile {
  const header = options.header ?? REG_V5;
  const entries: RegEntry[] = [];
  for (const key of keys) {
    entries.push({ kind: 'blank' });
    entries.push({
      kind: 'key',
      path: key.path,
      delete: key.delete ?? false,
      items: (key.values ?? []).map((v) => ({ kind: 'value' as const, name: v.name, data: v.data })),
    });
  }
  entries.push({ kind: 'blank' });
  return { header, encoding: header === REG_V4 ? 'latin1' : 'utf16le-bom', newline: options.newline ?? '\r\n', entries };
}
