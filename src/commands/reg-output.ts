import { basename, dirname, join, resolve } from 'node:path';
import { invalidArgument } from '../errors.js';
import { writeFileAtomically, type WriteOutcome } from '../io/atomic-write.js';

/** Where the restoring .reg goes when none is named: beside the import file, `fix.reg` → `fix.backup.reg`. */
export function defaultRestorePath(importPath: string): string {
  return join(dirname(importPath), `${basename(importPath).replace(/\.reg$/i, '')}.backup.reg`);
}

/**
 * The offline fix as two .reg files (copy-settings, unified-proxy): the one that restores what is there
 * now is always written, and first, so the way back exists before the way forward.
 */
export function writeRestoreThenImport(importPath: string, restorePath: string | null, importBase64: string, restoreBase64: string): WriteOutcome[] {
  const restore = restorePath ?? defaultRestorePath(importPath);
  if (resolve(restore) === resolve(importPath)) throw invalidArgument('--out and --backup name the same file; give two different files.');
  return [
    writeFileAtomically(restore, Buffer.from(restoreBase64, 'base64')),
    writeFileAtomically(importPath, Buffer.from(importBase64, 'base64')),
  ];
}
