// Writes .reg files byte for byte as regedit does: the header, one line per
// entry, `"name"=` / `@=`, "…" strings escaping only \ and ", dword:%08x, and
// hex data wrapped with ",\" + newline + two spaces by regedit's own rule
// (below). Whatever the model cannot be written as (a newline inside a
// string, a character the encoding lacks) is a RangeError, never a file that
// reads back differently.

import type { RegData, RegEntry, RegFile, RegKeyItem, RegValue } from './reg-model.js';
import { encodeLatin1, encodeUtf16le, encodeUtf8 } from './text-encoding.js';

/**
 * regedit's wrap rule: count the line from its start ("name"=hex: included),
 * three characters per "xx,"; once the count reaches 77 after a comma, end the
 * line with "\" and continue with two spaces (count 2). The last byte takes no
 * comma and never breaks, so a line is at most 78 characters, "\" included.
 */
const WRAP_AT = 77;

export function writeRegFile(file: RegFile): Uint8Array {
  const nl = file.newline;
  if (nl !== '\r\n' && nl !== '\n') throw new RangeError('newline must be "\\r\\n" or "\\n"');
  const lines: string[] = [file.header];
  for (const entry of file.entries) writeEntry(entry, lines, nl);
  const text = lines.join(nl) + nl;
  switch (file.encoding) {
    case 'utf16le-bom':
      return concat(Uint8Array.of(0xff, 0xfe), encodeUtf16le(text));
    case 'utf8-bom':
      return concat(Uint8Array.of(0xef, 0xbb, 0xbf), encodeUtf8(text, 'the .reg text'));
    case 'utf8':
      return encodeUtf8(text, 'the .reg text');
    case 'latin1':
      return encodeLatin1(text, 'the .reg text (latin1)');
    default:
      throw new RangeError(`unknown .reg encoding ${String(file.encoding)}`);
  }
}

function writeEntry(entry: RegEntry | RegKeyItem, lines: string[], nl: string): void {
  switch (entry.kind) {
    case 'blank':
      lines.push('');
      return;
    case 'comment':
      lines.push(`;${oneLine(entry.text, 'a comment')}`);
      return;
    case 'key': {
      const path = oneLine(entry.path, 'a key path');
      if (path === '') throw new RangeError('a key path cannot be empty');
      // "[-x]" would read back as a deletion of "x".
      if (!entry.delete && path.startsWith('-')) throw new RangeError(`key path "${path}" starts with "-", which .reg files read as a deletion`);
      lines.push(`[${entry.delete ? '-' : ''}${path}]`);
      for (const item of entry.items) writeEntry(item, lines, nl);
      return;
    }
    case 'value':
      lines.push(valueLine(entry, nl));
      return;
    default:
      throw new RangeError(`unknown .reg entry kind ${String((entry as { kind: unknown }).kind)}`);
  }
}

function valueLine(value: RegValue, nl: string): string {
  const name = value.name === '' ? '@=' : `"${escape(value.name, 'a value name')}"=`;
  const data = value.data;
  if (data === null) return `${name}-`;
  return name + dataText(data, name.length, nl);
}

function dataText(data: RegData, column: number, nl: string): string {
  switch (data.type) {
    case 'string':
      return `"${escape(data.value, 'a string value')}"`;
    case 'dword':
      checkU32(data.value, 'a dword');
      return `dword:${data.value.toString(16).padStart(8, '0')}`;
    case 'hex': {
      checkU32(data.regType, 'a registry type');
      const prefix = data.regType === 3 ? 'hex:' : `hex(${data.regType.toString(16)}):`;
      return prefix + hexText(data.bytes, column + prefix.length, nl);
    }
    default:
      throw new RangeError(`unknown .reg data type ${String((data as { type: unknown }).type)}`);
  }
}

function hexText(bytes: Uint8Array, startColumn: number, nl: string): string {
  const parts: string[] = [];
  let column = startColumn;
  for (let i = 0; i < bytes.length; i += 1) {
    parts.push(bytes[i]!.toString(16).padStart(2, '0'));
    if (i === bytes.length - 1) break;
    parts.push(',');
    column += 3;
    if (column >= WRAP_AT) {
      parts.push(`\\${nl}  `);
      column = 2;
    }
  }
  return parts.join('');
}

function escape(text: string, what: string): string {
  return oneLine(text, what).replace(/[\\"]/g, (c) => `\\${c}`);
}

/** A line break cannot be escaped in a .reg file (regedit has no \n escape); such data needs hex(1):. */
function oneLine(text: string, what: string): string {
  if (/[\r\n]/.test(text)) throw new RangeError(`${what} contains a line break, which a .reg line cannot hold`);
  return text;
}

function checkU32(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) throw new RangeError(`${what} must be an integer from 0 to 0xFFFFFFFF, not ${value}`);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
