// Typed views of .reg value data, and builders for the reverse. hex(1)/(2)/(7)
// carry text as UTF-16LE in a v5 file and in the ANSI code page in REGEDIT4
// (regedit converts on export); ANSI is read and written as latin1 here.

import { ErrorCode } from '../errors.js';
import { DecodeError } from './decode-error.js';
import { REG_V4, RegType } from './reg-model.js';
import type { RegData, RegHeader } from './reg-model.js';
import { decodeLatin1, decodeUtf16le, encodeLatin1, encodeUtf16le } from './text-encoding.js';

export type RegTypedValue =
  | { kind: 'sz'; value: string }
  | { kind: 'expand-sz'; value: string }
  | { kind: 'multi-sz'; value: string[] }
  | { kind: 'dword'; value: number }
  | { kind: 'qword'; value: bigint }
  /** REG_BINARY (`hex:`), REG_NONE and any type we do not interpret: the bytes as stored. */
  | { kind: 'binary'; regType: number; value: Uint8Array };

/**
 * `header` decides how hex(1)/(2)/(7) bytes are text. Throws DecodeError
 * (BlobInvalid) when the bytes cannot be what the type says: a dword that is
 * not 4 bytes, a qword not 8, UTF-16 text with an odd length.
 */
export function decodeRegData(data: RegData, header: RegHeader, name = 'value'): RegTypedValue {
  if (data.type === 'string') return { kind: 'sz', value: data.value };
  if (data.type === 'dword') return { kind: 'dword', value: data.value };
  const bytes = data.bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (data.regType) {
    case RegType.Sz:
      return { kind: 'sz', value: firstString(text(bytes, header, name)) };
    case RegType.ExpandSz:
      return { kind: 'expand-sz', value: firstString(text(bytes, header, name)) };
    case RegType.MultiSz:
      return { kind: 'multi-sz', value: stringList(text(bytes, header, name)) };
    case RegType.Dword:
    case RegType.DwordBigEndian:
      sized(bytes, 4, name, 'a dword');
      return { kind: 'dword', value: view.getUint32(0, data.regType === RegType.Dword) };
    case RegType.Qword:
      sized(bytes, 8, name, 'a qword');
      return { kind: 'qword', value: view.getBigUint64(0, true) };
    default:
      return { kind: 'binary', regType: data.regType, value: bytes };
  }
}

export function regSz(value: string): RegData {
  return { type: 'string', value };
}

export function regDword(value: number): RegData {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) throw new RangeError(`a dword must be an integer from 0 to 0xFFFFFFFF, not ${value}`);
  return { type: 'dword', value };
}

export function regQword(value: bigint): RegData {
  if (value < 0n || value > 0xffff_ffff_ffff_ffffn) throw new RangeError(`a qword must be from 0 to 2^64-1, not ${value}`);
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, value, true);
  return { type: 'hex', regType: RegType.Qword, bytes };
}

export function regBinary(bytes: Uint8Array): RegData {
  return { type: 'hex', regType: RegType.Binary, bytes: Uint8Array.from(bytes) };
}

/** With its terminating NUL, as RegSetValueEx stores it. */
export function regExpandSz(value: string, header: RegHeader): RegData {
  return { type: 'hex', regType: RegType.ExpandSz, bytes: encodeText(`${value}\0`, header, 'an expand-sz value') };
}

/** Each string NUL-terminated, plus the empty string that ends the list. */
export function regMultiSz(values: readonly string[], header: RegHeader): RegData {
  for (const v of values) {
    if (v.includes('\0') || v === '') throw new RangeError('multi-sz strings cannot be empty or contain NUL (it ends the list)');
  }
  const joined = values.length === 0 ? '\0' : `${values.join('\0')}\0\0`;
  return { type: 'hex', regType: RegType.MultiSz, bytes: encodeText(joined, header, 'a multi-sz value') };
}

function encodeText(value: string, header: RegHeader, what: string): Uint8Array {
  return header === REG_V4 ? encodeLatin1(value, what) : encodeUtf16le(value);
}

function text(bytes: Uint8Array, header: RegHeader, name: string): string {
  if (header === REG_V4) return decodeLatin1(bytes);
  if (bytes.length % 2 !== 0) throw invalidData(name, `${bytes.length} bytes cannot be UTF-16 text`);
  return decodeUtf16le(bytes);
}

/** REG_SZ data ends at the first NUL; anything after it is leftover buffer, not text. */
function firstString(value: string): string {
  const nul = value.indexOf('\0');
  return nul < 0 ? value : value.slice(0, nul);
}

/** "a\0b\0\0" → [a, b]; the terminators are optional, as some writers leave them off. */
function stringList(value: string): string[] {
  let body = value;
  if (body.endsWith('\0')) body = body.slice(0, -1);
  if (body.endsWith('\0')) body = body.slice(0, -1);
  return body === '' ? [] : body.split('\0');
}

function sized(bytes: Uint8Array, size: number, name: string, what: string): void {
  if (bytes.length !== size) throw invalidData(name, `${what} must be ${size} bytes, not ${bytes.length}`);
}

function invalidData(name: string, why: string): DecodeError {
  return new DecodeError(ErrorCode.BlobInvalid, `.reg value "${name}": ${why}`, name, 0);
}
