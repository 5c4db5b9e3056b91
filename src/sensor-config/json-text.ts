// SensorConfiguration.json as bytes and as text at once. Edits are planned on the
// text (the scanner works on UTF-16 code units) but carried out on the bytes: the
// parts outside the edit are copied from the original buffer, never re-encoded,
// so nothing the sensor wrote can change by accident.

import type { SensorConfigEncoding } from '../contract/types.js';
import { ErrorCode, MdiInputError } from '../errors.js';

export interface JsonText {
  bytes: Buffer;
  encoding: SensorConfigEncoding;
  /** Bytes of the byte-order mark (0, 2 or 3). */
  bomBytes: number;
  /** The document after the BOM. */
  text: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF16LE = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const UTF16BE = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });

/**
 * The sensor (.NET) writes UTF-8; editors and PowerShell 5.1's Out-File add a UTF-8
 * BOM or write UTF-16 with a BOM. All four are read and kept as found.
 */
export function decodeJsonText(bytes: Buffer, path: string): JsonText {
  const [a, b, c] = [bytes[0], bytes[1], bytes[2]];
  let encoding: SensorConfigEncoding = 'utf8';
  let bomBytes = 0;
  if (a === 0xef && b === 0xbb && c === 0xbf) [encoding, bomBytes] = ['utf8-bom', 3];
  else if (a === 0xff && b === 0xfe) [encoding, bomBytes] = ['utf16le-bom', 2];
  else if (a === 0xfe && b === 0xff) [encoding, bomBytes] = ['utf16be-bom', 2];
  const body = bytes.subarray(bomBytes);
  let text: string;
  try {
    text = decoderFor(encoding).decode(body);
  } catch {
    throw invalid(path, `is not valid ${encoding.startsWith('utf16') ? 'UTF-16' : 'UTF-8'} text`);
  }
  // A lone surrogate in UTF-16 (or anything else that would not encode back to the
  // same bytes) would make an exact rewrite impossible: refuse rather than alter it.
  if (Buffer.compare(encodeText(text, encoding), body) !== 0) throw invalid(path, 'holds text that does not encode back to the same bytes');
  return { bytes, encoding, bomBytes, text };
}

export function encodeText(text: string, encoding: SensorConfigEncoding): Buffer {
  if (encoding === 'utf16le-bom') return Buffer.from(text, 'utf16le');
  if (encoding === 'utf16be-bom') return Buffer.from(text, 'utf16le').swap16();
  return Buffer.from(text, 'utf8');
}

/** Byte offset in the whole file of a code-unit offset in `text`. */
export function byteOffset(doc: JsonText, unitOffset: number): number {
  if (doc.encoding.startsWith('utf16')) return doc.bomBytes + unitOffset * 2;
  return doc.bomBytes + Buffer.byteLength(doc.text.slice(0, unitOffset), 'utf8');
}

/**
 * The file with text units [start, end) replaced by `replacement`: the original bytes
 * before and after, the replacement encoded as the file is.
 */
export function spliceBytes(doc: JsonText, start: number, end: number, replacement: string): { bytes: Buffer; byteStart: number; byteEnd: number } {
  const byteStart = byteOffset(doc, start);
  const byteEnd = byteOffset(doc, end);
  const bytes = Buffer.concat([doc.bytes.subarray(0, byteStart), encodeText(replacement, doc.encoding), doc.bytes.subarray(byteEnd)]);
  return { bytes, byteStart, byteEnd };
}

function decoderFor(encoding: SensorConfigEncoding): TextDecoder {
  if (encoding === 'utf16le-bom') return UTF16LE;
  if (encoding === 'utf16be-bom') return UTF16BE;
  return UTF8;
}

export function invalid(path: string, why: string): MdiInputError {
  return new MdiInputError(ErrorCode.SensorConfigInvalid, `'${path}' ${why}.`);
}
