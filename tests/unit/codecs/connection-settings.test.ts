import { describe, expect, it } from 'vitest';
import {
  decodeConnectionSettings, describeAutoDiscoveryFlags, describeFlags, encodeConnectionSettings, newConnectionSettings,
} from '../../../src/codecs/connection-settings.js';
import type { ConnectionSettings } from '../../../src/codecs/connection-settings.js';
import { DecodeError } from '../../../src/codecs/decode-error.js';
import { filetimeToIso, isoToFiletime } from '../../../src/codecs/filetime.js';
import { ErrorCode } from '../../../src/errors.js';
import { CONNECTION_GOLDENS, hex } from './blob-fixtures.js';

function decodeError(run: () => unknown): DecodeError {
  try {
    run();
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('expected a DecodeError');
}

const golden = (i: number): Uint8Array => CONNECTION_GOLDENS[i]!.bytes;

describe('decodeConnectionSettings: golden blobs', () => {
  it.each(CONNECTION_GOLDENS.map((g) => [g.name, g] as const))('%s', (_name, g) => {
    const decoded = decodeConnectionSettings(g.bytes);
    expect(decoded).toEqual(g.expected);
    expect(encodeConnectionSettings(decoded)).toEqual(g.bytes);
    expect(decodeConnectionSettings(encodeConnectionSettings(g.expected))).toEqual(g.expected);
  });

  it('does not alias the input buffer', () => {
    const bytes = Uint8Array.from(golden(7));
    const decoded = decodeConnectionSettings(bytes);
    bytes.fill(0xff);
    expect(decoded.extra).toEqual(hex('de ad be ef 01'));
  });
});

describe('flags', () => {
  it('decodes the connection flags and keeps unknown bits visible', () => {
    expect(describeFlags(0x0b)).toEqual({ direct: true, proxy: true, autoProxyUrl: false, autoDetect: true, unknownBits: 0 });
    expect(describeFlags(0x81)).toMatchObject({ direct: true, proxy: false, unknownBits: 0x80 });
    expect(describeFlags(0xffffffff).unknownBits).toBe(0xfffffff0);
  });

  it('decodes the autodiscovery flags', () => {
    expect(describeAutoDiscoveryFlags(0x0d)).toEqual({
      userSet: true, alwaysDetect: false, detectionRun: true, migrated: true,
      dontCacheProxyResult: false, cacheInitRun: false, detectionSuspect: false, unknownBits: 0,
    });
  });
});

describe('decode errors', () => {
  it('refuses a version below 0x3C as invalid, naming the field', () => {
    const e = decodeError(() => decodeConnectionSettings(hex('3b 00 00 00', '00 00 00 00', '01 00 00 00', '00 00 00 00'.repeat(3))));
    expect(e).toMatchObject({ code: ErrorCode.BlobInvalid, field: 'version', offset: 0 });
  });

  it('reports a string that runs past the end as truncated, with offset and sizes', () => {
    // proxy length 12 at 0x0C, string starts at 0x10, only 4 bytes left.
    const e = decodeError(() => decodeConnectionSettings(hex('46 00 00 00', '01 00 00 00', '03 00 00 00', '0c 00 00 00', '70 72 6f 78'), 'SavedLegacySettings'));
    expect(e.code).toBe(ErrorCode.BlobTruncated);
    expect(e.message).toBe('SavedLegacySettings: truncated at offset 0x10 while reading proxyServer (needs 12 bytes, 4 left)');
    expect(e).toMatchObject({ field: 'proxyServer', offset: 0x10 });
  });

  it('refuses a declared length over 64 KiB without allocating it', () => {
    const e = decodeError(() => decodeConnectionSettings(hex('46 00 00 00', '01 00 00 00', '03 00 00 00', '00 00 00 00', 'ff ff ff ff')));
    expect(e).toMatchObject({ code: ErrorCode.BlobInvalid, field: 'bypassList', offset: 0x10 });
    expect(e.message).toMatch(/^DefaultConnectionSettings: invalid bypassList at offset 0x10: declared size 4294967295 exceeds the 65536-byte limit$/);
  });

  it('bounds the interface count by what the blob could hold', () => {
    const head = ['46 00 00 00', '01 00 00 00', '09 00 00 00', '00 00 00 00', '00 00 00 00', '00 00 00 00', '00 00 00 00', '00 00 00 00', '00'.repeat(8)];
    const huge = decodeError(() => decodeConnectionSettings(hex(...head, 'ff ff ff 7f')));
    expect(huge).toMatchObject({ code: ErrorCode.BlobInvalid, field: 'interfaceAddresses', offset: 40 });
    const short = decodeError(() => decodeConnectionSettings(hex(...head, '03 00 00 00', '0a 00 00 01', '0a 00 00 02')));
    expect(short).toMatchObject({ code: ErrorCode.BlobTruncated, field: 'interfaceAddresses', offset: 44 });
  });

  it('reports the empty value as truncated at the version', () => {
    expect(decodeError(() => decodeConnectionSettings(new Uint8Array(0)))).toMatchObject({ code: ErrorCode.BlobTruncated, field: 'version', offset: 0 });
  });
});

describe('encodeConnectionSettings', () => {
  it('writes an edited value back with everything else kept', () => {
    const decoded = decodeConnectionSettings(golden(6));
    const edited: ConnectionSettings = { ...decoded, counter: decoded.counter + 1, flags: 0x0b, proxyServer: 'proxy:3128' };
    const again = decodeConnectionSettings(encodeConnectionSettings(edited));
    expect(again).toEqual(edited);
    expect(again.interfaceAddresses).toEqual(['10.0.0.15', '192.168.1.20']);
  });

  it.each<[string, (s: ConnectionSettings) => void, RegExp]>([
    ['a trailer field after an absent one', (s) => { delete s.wpadUrl; }, /detectionTime is set but wpadUrl is not/],
    ['extra bytes without the whole trailer', (s) => { delete s.reloadDelayMinutes; s.extra = hex('00'); }, /extra bytes need the complete trailer/],
    ['a version decoders refuse', (s) => { s.version = 0x20; }, /below 0x3C/],
    ['a negative counter', (s) => { s.counter = -1; }, /not an integer between 0 and 4294967295/],
    ['a fractional flags value', (s) => { s.flags = 1.5; }, /not an integer/],
    ['a malformed IPv4 address', (s) => { s.interfaceAddresses = ['10.0.0.015']; }, /not a dotted IPv4/],
    ['a malformed timestamp', (s) => { s.detectionTime = 'yesterday'; }, /not an ISO 8601/],
    ['a lone surrogate in a UTF-8 field', (s) => { s.wpadUrl = 'http://\ud800/'; }, /lone UTF-16 surrogate/],
    ['a non-latin1 character in a latin1 field', (s) => { s.latin1Fields = ['proxyServer']; s.proxyServer = 'p\u0100'; }, /single-byte encoding/],
    ['a string over 64 KiB', (s) => { s.bypassList = 'x'.repeat(65_537); }, /refuse more than 65536/],
  ])('refuses %s with RangeError', (_what, edit, message) => {
    const s = decodeConnectionSettings(golden(6));
    edit(s);
    expect(() => encodeConnectionSettings(s)).toThrow(RangeError);
    expect(() => encodeConnectionSettings(s)).toThrow(message);
  });

  it('writes a latin1 field that happens to be ASCII as the same bytes (it re-reads as UTF-8)', () => {
    const s = { ...decodeConnectionSettings(golden(8)), proxyServer: 'proxy:80' };
    const again = decodeConnectionSettings(encodeConnectionSettings(s));
    expect(again.proxyServer).toBe('proxy:80');
    expect(again.latin1Fields).toEqual([]);
  });
});

describe('newConnectionSettings', () => {
  it('builds what Windows writes for a manual proxy: 0x46, DIRECT|PROXY, 32 bytes of padding', () => {
    const s = newConnectionSettings({ proxyServer: 'proxy.contoso.com:8080', bypassList: '<local>;*.contoso.com', counter: 11 });
    expect(encodeConnectionSettings(s)).toEqual(golden(1));
  });

  it('builds PAC-only and auto-detect-only values', () => {
    expect(encodeConnectionSettings(newConnectionSettings({ autoConfigUrl: 'http://wpad.contoso.com/proxy.pac', counter: 5 }))).toEqual(golden(2));
    expect(encodeConnectionSettings(newConnectionSettings({ autoDetect: true, counter: 2 }))).toEqual(golden(3));
  });

  it('always sets DIRECT, and lets the caller keep a proxy string disabled', () => {
    const s = newConnectionSettings({ proxyServer: 'p:1', useProxy: false });
    expect(s.flags).toBe(1);
    expect(decodeConnectionSettings(encodeConnectionSettings(s))).toEqual(s);
    expect(newConnectionSettings().flags).toBe(1);
    expect(encodeConnectionSettings(newConnectionSettings())).toHaveLength(56);
  });
});

describe('FILETIME', () => {
  it.each<[bigint, string | null]>([
    [0n, null],
    [1n, '1601-01-01T00:00:00.0000001Z'],
    [116_444_736_000_000_000n, '1970-01-01T00:00:00.0000000Z'],
    [133_549_686_001_234_567n, '2024-03-15T09:30:00.1234567Z'],
    [125_911_584_000_000_000n, '2000-01-01T00:00:00.0000000Z'],
    [125_916_767_990_000_000n, '2000-01-06T23:59:59.0000000Z'],
    [0xffff_ffff_ffff_ffffn, '+060056-05-28T05:36:10.9551615Z'],
  ])('%s ⇄ %s', (filetime, iso) => {
    expect(filetimeToIso(filetime)).toBe(iso);
    expect(isoToFiletime(iso)).toBe(filetime);
  });

  it('agrees with Date where Date is exact', () => {
    for (const ms of [0, 951_782_400_000, 1_709_000_000_123, 4_102_444_800_000]) {
      const filetime = BigInt(ms) * 10_000n + 116_444_736_000_000_000n;
      expect(filetimeToIso(filetime)!.replace(/(\.\d{3})\d{4}Z$/, '$1Z')).toBe(new Date(ms).toISOString());
    }
  });

  it('accepts shorter fractions and refuses impossible dates', () => {
    expect(isoToFiletime('2024-03-15T09:30:00Z')).toBe(133_549_686_000_000_000n);
    expect(isoToFiletime('2024-03-15T09:30:00.5Z')).toBe(133_549_686_005_000_000n);
    expect(() => isoToFiletime('2023-02-29T00:00:00Z')).toThrow(RangeError);
    expect(() => isoToFiletime('1600-12-31T23:59:59Z')).toThrow(/outside the range/);
  });
});
