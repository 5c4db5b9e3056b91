import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/codecs/decode-error.js';
import {
  decodeWinHttpSettings, describeWinHttpFlags, encodeWinHttpSettings, newWinHttpSettings,
} from '../../../src/codecs/winhttp-settings.js';
import { ErrorCode } from '../../../src/errors.js';
import { WINHTTP_GOLDENS, hex } from './blob-fixtures.js';

describe('WinHttpSettings golden blobs', () => {
  it.each(WINHTTP_GOLDENS.map((g) => [g.name, g] as const))('%s', (_name, g) => {
    const decoded = decodeWinHttpSettings(g.bytes);
    expect(decoded).toEqual(g.expected);
    expect(encodeWinHttpSettings(decoded)).toEqual(g.bytes);
    expect(decodeWinHttpSettings(encodeWinHttpSettings(g.expected))).toEqual(g.expected);
  });

  it('reads the default dump as direct with empty proxy and bypass', () => {
    const s = decodeWinHttpSettings(hex('18 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00'));
    expect(describeWinHttpFlags(s.flags).accessType).toBe('direct');
    expect([s.proxyServer, s.bypassList]).toEqual(['', '']);
  });
});

describe('describeWinHttpFlags', () => {
  it.each<[number, 'direct' | 'named-proxy']>([[0, 'direct'], [1, 'direct'], [2, 'named-proxy'], [3, 'named-proxy']])('%i → %s', (flags, access) => {
    expect(describeWinHttpFlags(flags).accessType).toBe(access);
  });

  it('keeps unknown bits visible', () => {
    expect(describeWinHttpFlags(0x13)).toEqual({ direct: true, proxy: true, accessType: 'named-proxy', unknownBits: 0x10 });
  });
});

describe('WinHttpSettings errors and builders', () => {
  it('names the field and offset of an oversized length', () => {
    const bytes = hex('18 00 00 00', '00 00 00 00', '03 00 00 00', '01 00 01 00');
    expect(() => decodeWinHttpSettings(bytes)).toThrow(DecodeError);
    try {
      decodeWinHttpSettings(bytes);
    } catch (e) {
      expect(e).toMatchObject({ code: ErrorCode.BlobInvalid, field: 'proxyServer', offset: 12 });
      expect((e as Error).message).toBe('WinHttpSettings: invalid proxyServer at offset 0x0C: declared size 65537 exceeds the 65536-byte limit');
    }
  });

  it('builds what netsh writes', () => {
    expect(encodeWinHttpSettings(newWinHttpSettings())).toEqual(WINHTTP_GOLDENS[0]!.bytes);
    const named = newWinHttpSettings({ proxyServer: 'proxy.contoso.com:8080', bypassList: '<local>;*.contoso.com', header: 0x28 });
    expect(encodeWinHttpSettings(named)).toEqual(WINHTTP_GOLDENS[1]!.bytes);
  });

  it('keeps non-UTF-8 bytes exactly', () => {
    const bytes = hex('18 00 00 00', '00 00 00 00', '03 00 00 00', '02 00 00 00', 'ff fe', '00 00 00 00');
    const s = decodeWinHttpSettings(bytes);
    expect(s).toMatchObject({ proxyServer: '\u00ff\u00fe', latin1Fields: ['proxyServer'] });
    expect(encodeWinHttpSettings(s)).toEqual(bytes);
  });
});
