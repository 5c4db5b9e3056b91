// Golden proxy blobs written by hand from the documented layout (FACTS.md §5),
// field by field, with the structure each must decode to and the prefix
// lengths at which the format allows the blob to end.
import type { ConnectionSettings } from '../../../src/codecs/connection-settings.js';
import type { WinHttpSettings } from '../../../src/codecs/winhttp-settings.js';

/** "3c 00 00 00" → bytes; each argument is one field. */
export function hex(...fields: string[]): Uint8Array {
  const digits = fields.join(' ').replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(digits)) throw new Error(`bad hex literal ${digits}`);
  return Uint8Array.from(digits.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

const ZERO_TRAILER = [
  '00 00 00 00', // autodiscovery flags 0
  '00 00 00 00', // WPAD URL length 0
  '00 00 00 00 00 00 00 00', // detection FILETIME 0
  '00 00 00 00', // interface address count 0
  '00 00 00 00', // secondary auto-config URL length 0
  '00 00 00 00', // reload delay 0
];
const ZERO_TRAILER_VALUES = {
  autoDiscoveryFlags: 0, wpadUrl: '', detectionTime: null, interfaceAddresses: [], secondaryAutoConfigUrl: '', reloadDelayMinutes: 0,
};
/** Prefix lengths after each trailer field, relative to the end of the PAC URL. */
const TRAILER_ENDS = [4, 8, 16, 20, 24, 28];

export interface ConnectionGolden {
  name: string;
  bytes: Uint8Array;
  expected: ConnectionSettings;
  /** Prefix lengths (< bytes.length) that are complete blobs; every other prefix is BlobTruncated. */
  validEnds: number[];
}

const PROXY = '70 72 6f 78 79 2e 63 6f 6e 74 6f 73 6f 2e 63 6f 6d 3a 38 30 38 30'; // proxy.contoso.com:8080 (22)
const BYPASS = '3c 6c 6f 63 61 6c 3e 3b 2a 2e 63 6f 6e 74 6f 73 6f 2e 63 6f 6d'; // <local>;*.contoso.com (21)
const PAC = '68 74 74 70 3a 2f 2f 77 70 61 64 2e 63 6f 6e 74 6f 73 6f 2e 63 6f 6d 2f 70 72 6f 78 79 2e 70 61 63'; // http://wpad.contoso.com/proxy.pac (33)
const WPAD = '68 74 74 70 3a 2f 2f 77 70 61 64 2e 63 6f 6e 74 6f 73 6f 2e 63 6f 6d 2f 77 70 61 64 2e 64 61 74'; // http://wpad.contoso.com/wpad.dat (32)

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

const base = { extra: new Uint8Array(0), latin1Fields: [] };

export const CONNECTION_GOLDENS: ConnectionGolden[] = [
  {
    name: 'IE5/6 (0x3C), direct, 28 bytes of padding',
    bytes: hex(
      '3c 00 00 00', // version 0x3C
      '01 00 00 00', // counter 1
      '01 00 00 00', // flags DIRECT
      '00 00 00 00', // proxy length 0
      '00 00 00 00', // bypass length 0
      '00 00 00 00', // PAC URL length 0
      ...ZERO_TRAILER, // the 28 zero bytes of padding are exactly an empty trailer
    ),
    expected: { ...base, version: 0x3c, counter: 1, flags: 1, proxyServer: '', bypassList: '', autoConfigUrl: '', ...ZERO_TRAILER_VALUES },
    validEnds: [24, ...TRAILER_ENDS.slice(0, -1).map((e) => 24 + e)],
  },
  {
    name: 'IE7+ (0x46), manual proxy with bypass list, 32 bytes of padding',
    bytes: hex(
      '46 00 00 00', // version 0x46
      '0b 00 00 00', // counter 11
      '03 00 00 00', // flags DIRECT|PROXY
      '16 00 00 00', PROXY, // proxy, 22 bytes
      '15 00 00 00', BYPASS, // bypass, 21 bytes
      '00 00 00 00', // PAC URL length 0 (ends at 67)
      ...ZERO_TRAILER,
      '00 00 00 00', // 32 - 28: four padding bytes beyond the trailer → extra
    ),
    expected: {
      ...base, version: 0x46, counter: 11, flags: 3, proxyServer: 'proxy.contoso.com:8080', bypassList: '<local>;*.contoso.com', autoConfigUrl: '',
      ...ZERO_TRAILER_VALUES, extra: new Uint8Array(4),
    },
    validEnds: [67, ...TRAILER_ENDS.map((e) => 67 + e), ...range(96, 99)],
  },
  {
    name: 'IE7+, PAC URL only',
    bytes: hex(
      '46 00 00 00', // version 0x46
      '05 00 00 00', // counter 5
      '05 00 00 00', // flags DIRECT|AUTO_PROXY_URL
      '00 00 00 00', // proxy length 0
      '00 00 00 00', // bypass length 0
      '21 00 00 00', PAC, // PAC URL, 33 bytes (ends at 57)
      ...ZERO_TRAILER,
      '00 00 00 00', // padding beyond the trailer
    ),
    expected: {
      ...base, version: 0x46, counter: 5, flags: 5, proxyServer: '', bypassList: '', autoConfigUrl: 'http://wpad.contoso.com/proxy.pac',
      ...ZERO_TRAILER_VALUES, extra: new Uint8Array(4),
    },
    validEnds: [57, ...TRAILER_ENDS.map((e) => 57 + e), ...range(86, 89)],
  },
  {
    name: 'IE7+, auto-detect only',
    bytes: hex(
      '46 00 00 00', // version 0x46
      '02 00 00 00', // counter 2
      '09 00 00 00', // flags DIRECT|AUTO_DETECT
      '00 00 00 00', '00 00 00 00', '00 00 00 00', // three empty strings (ends at 24)
      ...ZERO_TRAILER,
      '00 00 00 00',
    ),
    expected: { ...base, version: 0x46, counter: 2, flags: 9, proxyServer: '', bypassList: '', autoConfigUrl: '', ...ZERO_TRAILER_VALUES, extra: new Uint8Array(4) },
    validEnds: [24, ...TRAILER_ENDS.map((e) => 24 + e), ...range(53, 56)],
  },
  {
    name: 'no trailer at all: ends right after the PAC URL',
    bytes: hex(
      '46 00 00 00', // version 0x46
      '03 00 00 00', // counter 3
      '03 00 00 00', // flags DIRECT|PROXY
      '0a 00 00 00', '70 72 6f 78 79 3a 33 31 32 38', // proxy "proxy:3128"
      '00 00 00 00', // bypass length 0
      '00 00 00 00', // PAC URL length 0
    ),
    expected: { ...base, version: 0x46, counter: 3, flags: 3, proxyServer: 'proxy:3128', bypassList: '', autoConfigUrl: '' },
    validEnds: [],
  },
  {
    name: 'partial trailer: autodiscovery flags and WPAD URL only',
    bytes: hex(
      '46 00 00 00', '04 00 00 00', '09 00 00 00', // version, counter 4, DIRECT|AUTO_DETECT
      '00 00 00 00', '00 00 00 00', '00 00 00 00', // empty strings (ends at 24)
      '01 00 00 00', // autodiscovery flags USER_SET (ends at 28)
      '00 00 00 00', // WPAD URL length 0 (ends at 32)
    ),
    expected: { ...base, version: 0x46, counter: 4, flags: 9, proxyServer: '', bypassList: '', autoConfigUrl: '', autoDiscoveryFlags: 1, wpadUrl: '' },
    validEnds: [24, 28],
  },
  {
    name: 'realistic IE7+ blob with a full trailer: WPAD URL, FILETIME, two interfaces',
    bytes: hex(
      '46 00 00 00', // version 0x46
      '2a 00 00 00', // counter 42
      '09 00 00 00', // flags DIRECT|AUTO_DETECT
      '00 00 00 00', '00 00 00 00', '00 00 00 00', // proxy, bypass, PAC empty (ends at 24)
      '0d 00 00 00', // autodiscovery USER_SET|DETECTION_RUN|MIGRATED (ends at 28)
      '20 00 00 00', WPAD, // WPAD URL, 32 bytes (ends at 64)
      '87 f2 f7 59 bb 76 da 01', // FILETIME 133549686001234567 = 2024-03-15T09:30:00.1234567Z (ends at 72)
      '02 00 00 00', // 2 interface addresses
      '0a 00 00 0f', // 10.0.0.15 (in_addr: first byte first)
      'c0 a8 01 14', // 192.168.1.20 (ends at 84)
      '00 00 00 00', // secondary auto-config URL length 0 (ends at 88)
      '1e 00 00 00', // reload delay 30 minutes (ends at 92)
    ),
    expected: {
      ...base, version: 0x46, counter: 42, flags: 9, proxyServer: '', bypassList: '', autoConfigUrl: '',
      autoDiscoveryFlags: 0x0d, wpadUrl: 'http://wpad.contoso.com/wpad.dat', detectionTime: '2024-03-15T09:30:00.1234567Z',
      interfaceAddresses: ['10.0.0.15', '192.168.1.20'], secondaryAutoConfigUrl: '', reloadDelayMinutes: 30,
    },
    validEnds: [24, 28, 64, 72, 84, 88],
  },
  {
    name: 'full trailer followed by unknown bytes',
    bytes: hex(
      '50 00 00 00', // version 0x50: unknown but ≥ 60, accepted as .NET does
      '07 00 00 00', '01 00 00 00', // counter 7, DIRECT
      '00 00 00 00', '00 00 00 00', '00 00 00 00', // (ends at 24)
      ...ZERO_TRAILER, // (ends at 52)
      'de ad be ef 01', // five unknown bytes, kept raw
    ),
    expected: { ...base, version: 0x50, counter: 7, flags: 1, proxyServer: '', bypassList: '', autoConfigUrl: '', ...ZERO_TRAILER_VALUES, extra: hex('de ad be ef 01') },
    validEnds: [24, ...TRAILER_ENDS.map((e) => 24 + e), ...range(53, 57)],
  },
  {
    name: 'proxy string that is not UTF-8 (ANSI é), kept as latin1',
    bytes: hex(
      '46 00 00 00', '01 00 00 00', '03 00 00 00', // version, counter 1, DIRECT|PROXY
      '0b 00 00 00', '70 72 6f 78 e9 2e 6c 61 6e 3a 38', // "proxé.lan:8" with é = 0xE9 (not UTF-8)
      '00 00 00 00', '00 00 00 00', // bypass, PAC empty (ends at 35)
    ),
    expected: { ...base, version: 0x46, counter: 1, flags: 3, proxyServer: 'prox\u00e9.lan:8', bypassList: '', autoConfigUrl: '', latin1Fields: ['proxyServer'] },
    validEnds: [],
  },
  {
    name: 'UTF-8 bypass list (.NET reads UTF-8)',
    bytes: hex(
      '46 00 00 00', '01 00 00 00', '03 00 00 00',
      '01 00 00 00', '70', // proxy "p"
      '0c 00 00 00', '2a 2e 6d c3 bc 6e 63 68 65 6e 2e 64', // "*.münchen.d", 12 bytes: ü = c3 bc
      '00 00 00 00', // PAC empty (ends at 37)
    ),
    expected: { ...base, version: 0x46, counter: 1, flags: 3, proxyServer: 'p', bypassList: '*.m\u00fcnchen.d', autoConfigUrl: '' },
    validEnds: [],
  },
];

export interface WinHttpGolden {
  name: string;
  bytes: Uint8Array;
  expected: WinHttpSettings;
  /** The shortest complete blob; every shorter prefix is BlobTruncated, every longer one decodes. */
  minLength: number;
}

export const WINHTTP_GOLDENS: WinHttpGolden[] = [
  {
    name: 'default (netsh winhttp reset proxy)',
    bytes: hex('18 00 00 00', '00 00 00 00', '01 00 00 00', '00 00 00 00', '00 00 00 00'), // header 0x18, reserved, DIRECT, empty proxy, empty bypass
    expected: { header: 0x18, reserved: 0, flags: 1, proxyServer: '', bypassList: '', extra: new Uint8Array(0), latin1Fields: [] },
    minLength: 20,
  },
  {
    name: 'named proxy with bypass list (header 0x28 as proxyconf writes)',
    bytes: hex(
      '28 00 00 00', // header 0x28
      '00 00 00 00', // reserved
      '03 00 00 00', // flags DIRECT|PROXY = named proxy
      '16 00 00 00', PROXY, // proxy.contoso.com:8080
      '15 00 00 00', BYPASS, // <local>;*.contoso.com (ends at 63)
    ),
    expected: { header: 0x28, reserved: 0, flags: 3, proxyServer: 'proxy.contoso.com:8080', bypassList: '<local>;*.contoso.com', extra: new Uint8Array(0), latin1Fields: [] },
    minLength: 63,
  },
  {
    name: 'named proxy, header 0x18, with trailing bytes',
    bytes: hex('18 00 00 00', '05 00 00 00', '03 00 00 00', '0a 00 00 00', '70 72 6f 78 79 3a 33 31 32 38', '00 00 00 00', '00 00 00 00 aa'),
    expected: { header: 0x18, reserved: 5, flags: 3, proxyServer: 'proxy:3128', bypassList: '', extra: hex('00 00 00 00 aa'), latin1Fields: [] },
    minLength: 30,
  },
];
