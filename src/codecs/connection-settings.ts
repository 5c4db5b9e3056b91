// DefaultConnectionSettings / SavedLegacySettings / per-connection values under
// …\Internet Settings\Connections (layout: FACTS.md §5). The decoder accepts
// what Windows and .NET accept and keeps every byte, so a value can be
// inspected, edited and written back without losing anything we don't model.
//
// Where a blob may end (anything else is DecodeError BlobTruncated):
//  - never before the end of the PAC URL: version, counter, flags and the three
//    strings are always there;
//  - right after the PAC URL (old writers), or after any complete trailer field
//    (autoDiscoveryFlags, wpadUrl, detectionTime, interfaceAddresses,
//    secondaryAutoConfigUrl, reloadDelayMinutes) — later fields are then absent;
//  - anywhere after the whole trailer: those bytes are kept raw in `extra`.
// The zero padding writers append (28 bytes for 0x3C, 32 for 0x46) is read the
// way Windows reads it: as a trailer of zeros and empty strings, and for 0x46
// four more zero bytes in `extra`. newConnectionSettings builds exactly that.

import { ByteReader, ByteWriter, MAX_DECLARED_LENGTH } from './byte-reader.js';
import { invalid } from './decode-error.js';
import { filetimeToIso, isoToFiletime } from './filetime.js';
import { decodeBlobText, encodeBlobText } from './text-encoding.js';

export const CONNECTION_VERSION_IE6 = 0x3c;
export const CONNECTION_VERSION_IE7 = 0x46;

export const ConnectionFlag = { Direct: 0x1, Proxy: 0x2, AutoProxyUrl: 0x4, AutoDetect: 0x8 } as const;

export type ConnectionTextField = 'proxyServer' | 'bypassList' | 'autoConfigUrl' | 'wpadUrl' | 'secondaryAutoConfigUrl';

export interface ConnectionSettings {
  /** 0x3C (IE5/6) or 0x46 (IE7+); any value ≥ 60 is accepted, as .NET does. */
  version: number;
  /** Incremented by Windows on every save. */
  counter: number;
  /** Raw flags; see describeFlags. */
  flags: number;
  proxyServer: string;
  bypassList: string;
  autoConfigUrl: string;
  // The trailer: each field is present only if the blob runs that far, and
  // only if every field before it is present.
  autoDiscoveryFlags?: number;
  /** Last WPAD URL found by auto-detection. */
  wpadUrl?: string;
  /** Exact FILETIME as ISO 8601 with 7 fractional digits; null when it is 0 (never). */
  detectionTime?: string | null;
  /** Dotted IPv4, in the order stored (each u32 is an in_addr: first byte = first octet). */
  interfaceAddresses?: string[];
  secondaryAutoConfigUrl?: string;
  reloadDelayMinutes?: number;
  /** Bytes after the complete trailer, kept verbatim. Empty when there are none. */
  extra: Uint8Array;
  /**
   * Text fields whose bytes were not UTF-8; they hold one character per byte
   * (latin1) and are written back byte for byte. Listed in field order.
   */
  latin1Fields: ConnectionTextField[];
}

export interface ConnectionFlags {
  direct: boolean;
  proxy: boolean;
  autoProxyUrl: boolean;
  autoDetect: boolean;
  /** Bits we do not know, so a report can say "and something else is set". */
  unknownBits: number;
}

export function describeFlags(flags: number): ConnectionFlags {
  return {
    direct: (flags & ConnectionFlag.Direct) !== 0,
    proxy: (flags & ConnectionFlag.Proxy) !== 0,
    autoProxyUrl: (flags & ConnectionFlag.AutoProxyUrl) !== 0,
    autoDetect: (flags & ConnectionFlag.AutoDetect) !== 0,
    unknownBits: (flags & ~0xf) >>> 0,
  };
}

export interface AutoDiscoveryFlags {
  userSet: boolean;
  alwaysDetect: boolean;
  detectionRun: boolean;
  migrated: boolean;
  dontCacheProxyResult: boolean;
  cacheInitRun: boolean;
  detectionSuspect: boolean;
  unknownBits: number;
}

export function describeAutoDiscoveryFlags(flags: number): AutoDiscoveryFlags {
  return {
    userSet: (flags & 0x1) !== 0,
    alwaysDetect: (flags & 0x2) !== 0,
    detectionRun: (flags & 0x4) !== 0,
    migrated: (flags & 0x8) !== 0,
    dontCacheProxyResult: (flags & 0x10) !== 0,
    cacheInitRun: (flags & 0x20) !== 0,
    detectionSuspect: (flags & 0x40) !== 0,
    unknownBits: (flags & ~0x7f) >>> 0,
  };
}

type Trailer = Pick<ConnectionSettings, 'autoDiscoveryFlags' | 'wpadUrl' | 'detectionTime' | 'interfaceAddresses' | 'secondaryAutoConfigUrl' | 'reloadDelayMinutes'>;
const TRAILER_ORDER: (keyof Trailer)[] = ['autoDiscoveryFlags', 'wpadUrl', 'detectionTime', 'interfaceAddresses', 'secondaryAutoConfigUrl', 'reloadDelayMinutes'];

/** `valueName` only names the value in error messages (SavedLegacySettings, a VPN connection…). */
export function decodeConnectionSettings(bytes: Uint8Array, valueName = 'DefaultConnectionSettings'): ConnectionSettings {
  const r = new ByteReader(bytes, valueName);
  const version = r.u32('version');
  if (version < CONNECTION_VERSION_IE6) {
    throw invalid(valueName, 'version', 0, `0x${version.toString(16).toUpperCase()} is below 0x3C, the oldest layout Windows writes`);
  }
  const counter = r.u32('counter');
  const flags = r.u32('flags');
  const latin1Fields: ConnectionTextField[] = [];
  const text = (field: ConnectionTextField): string => {
    const decoded = decodeBlobText(r.lengthPrefixed(field));
    if (decoded.latin1) latin1Fields.push(field);
    return decoded.text;
  };
  const s: ConnectionSettings = {
    version, counter, flags,
    proxyServer: text('proxyServer'),
    bypassList: text('bypassList'),
    autoConfigUrl: text('autoConfigUrl'),
    extra: new Uint8Array(0),
    latin1Fields,
  };
  const readers: Record<keyof Trailer, () => void> = {
    autoDiscoveryFlags: () => { s.autoDiscoveryFlags = r.u32('autoDiscoveryFlags'); },
    wpadUrl: () => { s.wpadUrl = text('wpadUrl'); },
    detectionTime: () => { s.detectionTime = filetimeToIso(r.u64('detectionTime')); },
    interfaceAddresses: () => {
      const count = r.count('interfaceAddresses', 4);
      const list: string[] = [];
      for (let i = 0; i < count; i += 1) list.push(r.take(4, 'interfaceAddresses').join('.'));
      s.interfaceAddresses = list;
    },
    secondaryAutoConfigUrl: () => { s.secondaryAutoConfigUrl = text('secondaryAutoConfigUrl'); },
    reloadDelayMinutes: () => { s.reloadDelayMinutes = r.u32('reloadDelayMinutes'); },
  };
  for (const field of TRAILER_ORDER) {
    if (r.atEnd) return s;
    readers[field]();
  }
  s.extra = r.rest();
  return s;
}

/**
 * The exact bytes for `s`. Throws RangeError for what no blob can hold: a
 * number out of u32 range, a version below 0x3C, a trailer field set after an
 * absent one, `extra` without a complete trailer, a string over 64 KiB, a
 * character a latin1 field cannot carry, a malformed IPv4 or timestamp.
 */
export function encodeConnectionSettings(s: ConnectionSettings): Uint8Array {
  if (s.version < CONNECTION_VERSION_IE6) throw new RangeError(`version 0x${s.version.toString(16)} is below 0x3C; decoders refuse it`);
  const w = new ByteWriter().u32(s.version).u32(s.counter).u32(s.flags);
  const text = (field: ConnectionTextField, value: string): void => {
    const bytes = encodeBlobText(value, s.latin1Fields?.includes(field) ?? false, field);
    if (bytes.length > MAX_DECLARED_LENGTH) throw new RangeError(`${field} is ${bytes.length} bytes; decoders refuse more than ${MAX_DECLARED_LENGTH}`);
    w.lengthPrefixed(bytes);
  };
  text('proxyServer', s.proxyServer);
  text('bypassList', s.bypassList);
  text('autoConfigUrl', s.autoConfigUrl);
  const writers: { [K in keyof Trailer]-?: (value: Exclude<Trailer[K], undefined>) => void } = {
    autoDiscoveryFlags: (v) => { w.u32(v); },
    wpadUrl: (v) => text('wpadUrl', v),
    detectionTime: (v) => { w.u64(isoToFiletime(v)); },
    interfaceAddresses: (list) => {
      if (list.length * 4 > MAX_DECLARED_LENGTH) throw new RangeError(`${list.length} interface addresses; decoders refuse more than ${MAX_DECLARED_LENGTH / 4}`);
      w.u32(list.length);
      for (const address of list) w.bytes(ipv4Bytes(address));
    },
    secondaryAutoConfigUrl: (v) => text('secondaryAutoConfigUrl', v),
    reloadDelayMinutes: (v) => { w.u32(v); },
  };
  let missing: keyof Trailer | undefined;
  for (const field of TRAILER_ORDER) {
    const value = s[field];
    if (value === undefined) {
      missing ??= field;
      continue;
    }
    if (missing) throw new RangeError(`${field} is set but ${missing} is not; trailer fields can only be left off from the end`);
    (writers[field] as (v: typeof value) => void)(value);
  }
  // Tolerate a hand-built object without extra/latin1Fields (e.g. from JSON): absent means none.
  if (s.extra !== undefined && s.extra.length > 0) {
    if (missing) throw new RangeError(`extra bytes need the complete trailer before them, but ${missing} is not set`);
    w.bytes(s.extra);
  }
  return w.finish();
}

export interface NewConnectionSettingsOptions {
  proxyServer?: string;
  bypassList?: string;
  autoConfigUrl?: string;
  /** "Automatically detect settings". Default false. */
  autoDetect?: boolean;
  /** Default: true when proxyServer is not empty. */
  useProxy?: boolean;
  /** Default: true when autoConfigUrl is not empty. */
  useAutoConfigUrl?: boolean;
  /** Pass the current counter + 1 when replacing a value. Default 1. */
  counter?: number;
}

/**
 * Settings as Windows writes them: version 0x46, DIRECT always set (PROXY
 * without DIRECT was seen not to work), strings as given, and the 32 zero
 * bytes of padding (an all-zero trailer plus four bytes of `extra`).
 */
export function newConnectionSettings(opts: NewConnectionSettingsOptions = {}): ConnectionSettings {
  const proxyServer = opts.proxyServer ?? '';
  const autoConfigUrl = opts.autoConfigUrl ?? '';
  let flags = ConnectionFlag.Direct as number;
  if (opts.useProxy ?? proxyServer !== '') flags |= ConnectionFlag.Proxy;
  if (opts.useAutoConfigUrl ?? autoConfigUrl !== '') flags |= ConnectionFlag.AutoProxyUrl;
  if (opts.autoDetect) flags |= ConnectionFlag.AutoDetect;
  return {
    version: CONNECTION_VERSION_IE7,
    counter: opts.counter ?? 1,
    flags,
    proxyServer,
    bypassList: opts.bypassList ?? '',
    autoConfigUrl,
    autoDiscoveryFlags: 0,
    wpadUrl: '',
    detectionTime: null,
    interfaceAddresses: [],
    secondaryAutoConfigUrl: '',
    reloadDelayMinutes: 0,
    extra: new Uint8Array(4),
    latin1Fields: [],
  };
}

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const DOTTED = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** Only the canonical dotted form the decoder produces, so an address cannot change on a round trip. */
function ipv4Bytes(address: string): Uint8Array {
  const m = DOTTED.exec(address);
  if (!m) throw new RangeError(`"${address}" is not a dotted IPv4 address`);
  return Uint8Array.from(m.slice(1, 5).map(Number));
}
