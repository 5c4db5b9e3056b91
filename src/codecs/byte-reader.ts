// A bounds-checked little-endian cursor over untrusted bytes, kept apart from
// the decoders so that every read is checked in one place: a decoder cannot
// index past the end or allocate from a length it has not validated.

import { invalid, truncated } from './decode-error.js';

/**
 * No registry string we decode is anywhere near this; a larger declared length
 * is corruption, not data, and is refused before anything is allocated.
 */
export const MAX_DECLARED_LENGTH = 64 * 1024;

export class ByteReader {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly context: string;
  private position = 0;

  /** `context` names the structure in messages: "DefaultConnectionSettings: truncated at …". */
  constructor(bytes: Uint8Array, context: string) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.context = context;
  }

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.bytes.length - this.position;
  }

  get atEnd(): boolean {
    return this.position >= this.bytes.length;
  }

  u16(field: string): number {
    this.need(2, field);
    const value = this.view.getUint16(this.position, true);
    this.position += 2;
    return value;
  }

  u32(field: string): number {
    this.need(4, field);
    const value = this.view.getUint32(this.position, true);
    this.position += 4;
    return value;
  }

  u64(field: string): bigint {
    this.need(8, field);
    const value = this.view.getBigUint64(this.position, true);
    this.position += 8;
    return value;
  }

  /** A copy, so the caller's model never aliases (or pins) the input buffer. */
  take(length: number, field: string): Uint8Array {
    this.need(length, field);
    const out = this.bytes.slice(this.position, this.position + length);
    this.position += length;
    return out;
  }

  /** u32 length followed by that many bytes. */
  lengthPrefixed(field: string, max = MAX_DECLARED_LENGTH): Uint8Array {
    const at = this.position;
    const length = this.u32(`${field} length`);
    this.checkDeclared(field, at, length, max);
    return this.take(length, field);
  }

  /**
   * A u32 element count, checked against what the elements would occupy, so a
   * loop over `count` can never run past the data or for billions of turns.
   */
  count(field: string, elementSize: number, max = MAX_DECLARED_LENGTH): number {
    const at = this.position;
    const count = this.u32(`${field} count`);
    this.checkDeclared(field, at, count * elementSize, max);
    return count;
  }

  /** Everything not read yet (a copy). */
  rest(): Uint8Array {
    const out = this.bytes.slice(this.position);
    this.position = this.bytes.length;
    return out;
  }

  private checkDeclared(field: string, at: number, size: number, max: number): void {
    // Larger than any real value: corruption. Within reason but past the end:
    // indistinguishable from a value cut short, which is what we report.
    if (size > max) throw invalid(this.context, field, at, `declared size ${size} exceeds the ${max}-byte limit`);
    this.need(size, field);
  }

  private need(size: number, field: string): void {
    if (size > this.remaining) throw truncated(this.context, field, this.position, size, this.remaining);
  }
}

/** The matching writer; grows as needed, so encoders never compute sizes by hand. */
export class ByteWriter {
  private buffer = new Uint8Array(64);
  private view = new DataView(this.buffer.buffer);
  private length = 0;

  u16(value: number): this {
    checkRange(value, 0xffff);
    this.reserve(2).setUint16(this.length - 2, value, true);
    return this;
  }

  u32(value: number): this {
    checkRange(value, 0xffff_ffff);
    this.reserve(4).setUint32(this.length - 4, value, true);
    return this;
  }

  u64(value: bigint): this {
    if (typeof value !== 'bigint' || value < 0n || value > 0xffff_ffff_ffff_ffffn) {
      throw new RangeError(`${String(value)} is not an unsigned 64-bit integer`);
    }
    this.reserve(8).setBigUint64(this.length - 8, value, true);
    return this;
  }

  bytes(data: Uint8Array): this {
    this.reserve(data.length);
    this.buffer.set(data, this.length - data.length);
    return this;
  }

  lengthPrefixed(data: Uint8Array): this {
    return this.u32(data.length).bytes(data);
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  /** Advances `length` by `size` and returns a view that covers it. */
  private reserve(size: number): DataView {
    const needed = this.length + size;
    if (needed > this.buffer.length) {
      const grown = new Uint8Array(Math.max(needed, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
      this.view = new DataView(grown.buffer);
    }
    this.length = needed;
    return this.view;
  }
}

/** DataView would silently wrap -1 or 2^32 and truncate 1.5; an encoder must refuse them instead. */
function checkRange(value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${value} is not an integer between 0 and ${max}`);
  }
}
