// Parses .reg files the way regedit does (Wine's reader is the public model),
// but stricter where regedit silently skips: a line we cannot read is a
// DecodeError naming line and column, because a half-imported backup is worse
// than a refused one. Linear in the input; no regular expressions on it.

import { ErrorCode } from '../errors.js';
import { DecodeError } from './decode-error.js';
import { REG_V4, REG_V5 } from './reg-model.js';
import type { RegData, RegEncoding, RegEntry, RegFile, RegHeader, RegKey, RegNewline } from './reg-model.js';
import { decodeLatin1, decodeUtf16le, decodeUtf8, utf8ErrorIndex } from './text-encoding.js';

interface Line {
  text: string;
  /** Character offset of the line in the decoded text, for DecodeError.offset. */
  start: number;
}

export function readRegFile(bytes: Uint8Array): RegFile {
  const { text, encoding } = decodeText(bytes);
  const { lines, newline } = splitLines(text);
  const first = lines[0]?.text ?? '';
  const header = trimEnd(first, 0);
  if (header !== REG_V5 && header !== REG_V4) {
    throw fail(lines, 0, 0, 'header', `missing header: the first line must be "${REG_V5}" or "${REG_V4}"`);
  }
  return { header: header as RegHeader, encoding, newline, entries: new Parser(lines).parse() };
}

class Parser {
  private readonly entries: RegEntry[] = [];
  private key: RegKey | null = null;
  private index = 1;
  private readonly lines: Line[];

  constructor(lines: Line[]) {
    this.lines = lines;
  }

  parse(): RegEntry[] {
    while (this.index < this.lines.length) {
      this.line(this.lines[this.index]!.text);
      this.index += 1;
    }
    this.closeKey();
    return this.entries;
  }

  private line(s: string): void {
    const p = skipWs(s, 0);
    const c = s[p];
    if (c === undefined) return this.add({ kind: 'blank' });
    if (c === ';') return this.add({ kind: 'comment', text: s.slice(p + 1) });
    if (c === '[') return this.keyLine(s, p);
    if (c === '"' || c === '@') return this.valueLine(s, p);
    throw this.fail(p, 'line', `unexpected text "${s.slice(p, p + 20)}": expected a [key], a "value"=, a ; comment or a blank line`);
  }

  private add(item: RegEntry): void {
    if (item.kind !== 'key' && this.key) this.key.items.push(item);
    else this.entries.push(item);
  }

  /** Blank and comment lines at the end of a key belong between keys (see RegFile.entries). */
  private closeKey(): void {
    if (!this.key) return;
    const items = this.key.items;
    let end = items.length;
    while (end > 0 && items[end - 1]!.kind !== 'value') end -= 1;
    // One by one: spreading a hostile file's thousands of lines could overflow the argument limit.
    for (const item of items.splice(end)) this.entries.push(item as RegEntry);
    this.key = null;
  }

  private keyLine(s: string, p: number): void {
    const end = trimEnd(s, p).length;
    if (s[end - 1] !== ']' || end - p < 2) throw this.fail(end, 'key', 'key name without a closing ]');
    const deletion = s[p + 1] === '-';
    const path = s.slice(p + (deletion ? 2 : 1), end - 1);
    if (path === '') throw this.fail(p, 'key', 'empty key name');
    this.closeKey();
    this.key = { kind: 'key', path, delete: deletion, items: [] };
    this.entries.push(this.key);
  }

  private valueLine(s: string, p: number): void {
    if (!this.key) throw this.fail(p, 'value', 'value outside any key: a [key] line must come first');
    let name = '';
    let i = p + 1;
    if (s[p] === '"') ({ value: name, end: i } = this.quoted(s, p, 'value name'));
    i = skipWs(s, i);
    if (s[i] !== '=') throw this.fail(i, 'value', 'expected = after the value name');
    i = skipWs(s, i + 1);
    const key = this.key;
    key.items.push({ kind: 'value', name, data: this.data(s, i) });
  }

  private data(s: string, i: number): RegData | null {
    if (s[i] === '-') {
      this.tail(s, i + 1);
      return null;
    }
    if (s[i] === '"') {
      const { value, end } = this.quoted(s, i, 'string');
      this.tail(s, end);
      return { type: 'string', value };
    }
    const lower = s.slice(i, i + 6).toLowerCase();
    if (lower === 'dword:') {
      const end = hexRun(s, i + 6);
      if (end === i + 6 || end - (i + 6) > 8) throw this.fail(i + 6, 'dword', 'dword: needs 1 to 8 hex digits');
      this.tail(s, end);
      return { type: 'dword', value: Number.parseInt(s.slice(i + 6, end), 16) };
    }
    if (lower.startsWith('hex:')) return { type: 'hex', regType: 3, bytes: this.hexBytes(s, i + 4) };
    if (lower.startsWith('hex(')) {
      const end = hexRun(s, i + 4);
      if (end === i + 4 || end - (i + 4) > 8 || s[end] !== ')' || s[end + 1] !== ':') {
        throw this.fail(i, 'hex', 'expected hex(N): with N a hex registry type');
      }
      return { type: 'hex', regType: Number.parseInt(s.slice(i + 4, end), 16), bytes: this.hexBytes(s, end + 2) };
    }
    throw this.fail(i, 'value', 'unknown data: expected "string", dword:, hex:, hex(N): or -');
  }

  /**
   * Comma-separated bytes; a line ending in ",\" continues on the next line
   * (blank and comment lines in between are skipped, as regedit does).
   */
  private hexBytes(start: string, from: number): Uint8Array {
    const out: number[] = [];
    let s = start;
    let i = from;
    for (;;) {
      i = skipWs(s, i);
      if (i >= s.length || s[i] === ';') break;
      if (s[i] === '\\') {
        if (skipWs(s, i + 1) < s.length) throw this.fail(i + 1, 'hex', 'unexpected text after the line continuation \\');
        const at = i;
        const backslashLine = this.index;
        do this.index += 1;
        while (this.index < this.lines.length && isSkippable(this.lines[this.index]!.text));
        if (this.index >= this.lines.length) {
          this.index = backslashLine;
          throw this.fail(at, 'hex', 'hex data continues past the end of the file');
        }
        s = this.lines[this.index]!.text;
        i = skipWs(s, 0);
        if (!isHexDigit(s[i])) throw this.fail(i, 'hex', 'expected hex bytes on the continuation line');
        continue;
      }
      const end = hexRun(s, i);
      if (end === i || end - i > 2) throw this.fail(i, 'hex', `bad hex byte "${s.slice(i, i + 3)}"`);
      out.push(Number.parseInt(s.slice(i, end), 16));
      i = skipWs(s, end);
      if (i >= s.length || s[i] === ';') break;
      if (s[i] !== ',') throw this.fail(i, 'hex', 'expected , between hex bytes');
      i += 1;
    }
    return Uint8Array.from(out);
  }

  /** A "…" token with \\ and \" escapes, the only two regedit writes. */
  private quoted(s: string, open: number, what: string): { value: string; end: number } {
    let value = '';
    let chunk = open + 1;
    for (let i = open + 1; i < s.length; i += 1) {
      const c = s[i];
      if (c === '"') return { value: value + s.slice(chunk, i), end: i + 1 };
      if (c !== '\\') continue;
      const next = s[i + 1];
      if (next === undefined) break;
      if (next !== '\\' && next !== '"') {
        throw this.fail(i, what, `unsupported escape \\${next} in a quoted ${what} (a backslash must be written \\\\)`);
      }
      value += s.slice(chunk, i) + next;
      i += 1;
      chunk = i + 1;
    }
    throw this.fail(open, what, `unterminated ${what}: no closing quote on this line`);
  }

  /** After the data only spaces and a ; comment may follow (the comment is not kept). */
  private tail(s: string, i: number): void {
    const p = skipWs(s, i);
    if (p < s.length && s[p] !== ';') throw this.fail(p, 'value', `unexpected text "${s.slice(p, p + 20)}" after the value`);
  }

  private fail(column: number, field: string, message: string): DecodeError {
    return fail(this.lines, this.index, column, field, message);
  }
}

function fail(lines: Line[], index: number, column: number, field: string, message: string): DecodeError {
  return error(index, column, (lines[index]?.start ?? 0) + column, field, message);
}

/** For errors found before the text is split into lines: works out line and column of offset `at`. */
function failAt(text: string, at: number, field: string, message: string): DecodeError {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < at; i += 1) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i += 1;
    line += 1;
    lineStart = i + 1;
  }
  return error(line, at - lineStart, at, field, message);
}

function error(line0: number, column0: number, offset: number, field: string, message: string): DecodeError {
  const position = { line: line0 + 1, column: column0 + 1 };
  return new DecodeError(ErrorCode.RegFileInvalid, `.reg file: line ${position.line}, column ${position.column}: ${message}`, field, offset, position);
}

function decodeText(bytes: Uint8Array): { text: string; encoding: RegEncoding } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) {
    const body = bytes.subarray(2);
    if (body.length % 2 !== 0) {
      const text = decodeUtf16le(body.subarray(0, body.length - 1));
      throw failAt(text, text.length, 'encoding', 'UTF-16 text with an odd number of bytes: the file is cut off or not UTF-16');
    }
    return { text: decodeUtf16le(body), encoding: 'utf16le-bom' };
  }
  if (b0 === 0xfe && b1 === 0xff) throw failAt('', 0, 'encoding', 'UTF-16 big-endian is not a .reg file encoding; save it as UTF-16LE');
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    const bad = utf8ErrorIndex(body);
    if (bad >= 0) {
      const text = decodeUtf8(body.subarray(0, bad));
      throw failAt(text, text.length, 'encoding', `invalid UTF-8 byte 0x${body[bad]!.toString(16).padStart(2, '0')}`);
    }
    return { text: decodeUtf8(body), encoding: 'utf8-bom' };
  }
  if (b0 !== undefined && b0 !== 0 && b1 === 0) throw failAt('', 0, 'encoding', 'UTF-16 text without a byte-order mark; regedit needs the FF FE mark');
  // No BOM: REGEDIT4 is ANSI by definition. Anything else must be UTF-8: an
  // ANSI fallback would let the label flip to UTF-8 on a rewrite that drops
  // the only non-ASCII byte (a trailing comment), so it is refused instead.
  if (startsWith(bytes, REG_V4)) return { text: decodeLatin1(bytes), encoding: 'latin1' };
  const bad = utf8ErrorIndex(bytes);
  if (bad >= 0) {
    const text = decodeUtf8(bytes.subarray(0, bad));
    throw failAt(text, text.length, 'encoding', `invalid UTF-8 byte 0x${bytes[bad]!.toString(16).padStart(2, '0')}: save the file as UTF-16LE (regedit's format) or UTF-8`);
  }
  return { text: decodeUtf8(bytes), encoding: 'utf8' };
}

/** Lines end at CRLF, LF or a lone CR (as in regedit); the newline style is the first one met. */
function splitLines(text: string): { lines: Line[]; newline: RegNewline } {
  const lines: Line[] = [];
  let newline: RegNewline | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    lines.push({ text: text.slice(start, i), start });
    const crlf = c === 13 && text.charCodeAt(i + 1) === 10;
    newline ??= c === 10 ? '\n' : '\r\n';
    if (crlf) i += 1;
    start = i + 1;
  }
  // Text after the last line break is a last line without a terminator.
  if (start < text.length) lines.push({ text: text.slice(start), start });
  return { lines, newline: newline ?? '\r\n' };
}

function skipWs(s: string, i: number): number {
  while (s[i] === ' ' || s[i] === '\t') i += 1;
  return i;
}

function trimEnd(s: string, from: number): string {
  let end = s.length;
  while (end > from && (s[end - 1] === ' ' || s[end - 1] === '\t')) end -= 1;
  return s.slice(0, end);
}

function isHexDigit(c: string | undefined): boolean {
  return c !== undefined && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

function hexRun(s: string, i: number): number {
  while (isHexDigit(s[i])) i += 1;
  return i;
}

function isSkippable(s: string): boolean {
  const p = skipWs(s, 0);
  return p >= s.length || s[p] === ';';
}

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  if (bytes.length < ascii.length) return false;
  for (let i = 0; i < ascii.length; i += 1) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}
