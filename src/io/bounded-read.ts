// Every file the engine reads is read through here, with a size cap: a path may name /dev/zero,
// a FIFO, a sparse multi-GB file or the wrong export, and none of them may exhaust memory.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ErrorCode, MdiInputError } from '../errors.js';

export const MiB = 1024 * 1024;
const READ_STEP = MiB;

/**
 * The whole file, or MDI_INPUT_TOO_LARGE once it passes maxBytes. A regular file's size is
 * checked before reading; devices and pipes report no size, so reading stops one byte past the cap.
 * Other failures are Node's own errors (with `code`, e.g. ENOENT): the caller words them.
 */
export function readFileBounded(path: string, maxBytes: number, what: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > maxBytes) throw tooLarge(path, maxBytes, what);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // Never more than one byte past the cap: that byte is what tells "at the limit" from "over it".
      const chunk = Buffer.allocUnsafe(Math.min(READ_STEP, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return Buffer.concat(chunks, total);
      total += read;
      if (total > maxBytes) throw tooLarge(path, maxBytes, what);
      chunks.push(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

export function tooLarge(path: string, maxBytes: number, what: string): MdiInputError {
  return new MdiInputError(ErrorCode.InputTooLarge, `The ${what} '${path}' is larger than ${describeSize(maxBytes)}: it cannot be a ${what}.`);
}

export function describeSize(bytes: number): string {
  return bytes >= MiB && bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`;
}

/**
 * Text of a file or pipe whose byte-order mark names its encoding: UTF-16LE (Windows PowerShell 5.1's
 * Out-File and `>`), UTF-16BE, UTF-8 with or without BOM. The BOM itself is dropped.
 */
export function decodeByBom(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes); // drops a UTF-8 BOM by default
}

/** readFileBounded, then decodeByBom. */
export function readTextFileBounded(path: string, maxBytes: number, what: string): string {
  return decodeByBom(readFileBounded(path, maxBytes, what));
}
