import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter, MAX_DECLARED_LENGTH } from '../../../src/codecs/byte-reader.js';
import { DecodeError } from '../../../src/codecs/decode-error.js';
import { ErrorCode } from '../../../src/errors.js';
import { hex } from './blob-fixtures.js';

describe('ByteReader', () => {
  it('reads little-endian integers and tracks the offset', () => {
    const r = new ByteReader(hex('01 02', '03 04 05 06', '07 08 09 0a 0b 0c 0d 0e', 'ff'), 'T');
    expect(r.u16('a')).toBe(0x0201);
    expect(r.u32('b')).toBe(0x06050403);
    expect(r.u64('c')).toBe(0x0e0d0c0b0a090807n);
    expect(r.offset).toBe(14);
    expect(r.remaining).toBe(1);
    expect(r.rest()).toEqual(hex('ff'));
    expect(r.atEnd).toBe(true);
  });

  it('reads from a view into a larger buffer', () => {
    const backing = hex('aa bb 05 00 00 00 cc');
    const r = new ByteReader(backing.subarray(2, 6), 'T');
    expect(r.u32('n')).toBe(5);
    expect(() => r.u16('x')).toThrow(DecodeError);
  });

  it('reports a short read with context, field, offset and sizes', () => {
    const r = new ByteReader(hex('01 00 00 00 02 00'), 'Ctx');
    r.u32('first');
    try {
      r.u32('second');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DecodeError);
      expect(e).toMatchObject({ code: ErrorCode.BlobTruncated, field: 'second', offset: 4 });
      expect((e as Error).message).toBe('Ctx: truncated at offset 0x04 while reading second (needs 4 bytes, 2 left)');
    }
    expect(r.offset).toBe(4); // a failed read consumes nothing
  });

  it('refuses a length over the limit as invalid before reading it', () => {
    const r = new ByteReader(hex('05 00 00 00 61 62 63 64 65'), 'T');
    expect(() => r.lengthPrefixed('s', 4)).toThrow(expect.objectContaining({ code: ErrorCode.BlobInvalid, field: 's', offset: 0 }));
    expect(MAX_DECLARED_LENGTH).toBe(65_536);
  });

  it('bounds counts by element size', () => {
    expect(new ByteReader(hex('02 00 00 00 01 02 03 04 05 06 07 08'), 'T').count('n', 4)).toBe(2);
    expect(() => new ByteReader(hex('03 00 00 00 01 02 03 04 05 06 07 08'), 'T').count('n', 4)).toThrow(expect.objectContaining({ code: ErrorCode.BlobTruncated }));
  });
});

describe('ByteWriter', () => {
  it('writes what the reader reads, growing as needed', () => {
    const w = new ByteWriter().u16(0x0201).u32(0xffffffff).u64(1n).lengthPrefixed(new Uint8Array(200).fill(7));
    const bytes = w.finish();
    expect(bytes).toHaveLength(2 + 4 + 8 + 4 + 200);
    const r = new ByteReader(bytes, 'T');
    expect([r.u16('a'), r.u32('b'), r.u64('c')]).toEqual([0x0201, 0xffffffff, 1n]);
    expect(r.lengthPrefixed('d')).toEqual(new Uint8Array(200).fill(7));
  });

  it.each([-1, 2 ** 32, 0.5, Number.NaN])('refuses %s as a u32 instead of wrapping it', (n) => {
    expect(() => new ByteWriter().u32(n)).toThrow(RangeError);
  });

  it('refuses out-of-range u16 and u64', () => {
    expect(() => new ByteWriter().u16(0x10000)).toThrow(RangeError);
    expect(() => new ByteWriter().u64(-1n)).toThrow(RangeError);
    expect(() => new ByteWriter().u64(2n ** 64n)).toThrow(RangeError);
  });
});
