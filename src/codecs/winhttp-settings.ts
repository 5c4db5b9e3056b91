// WinHttpSettings (HKLM …\Internet Settings\Connections, also under
// WOW6432Node), the machine-wide WinHTTP proxy that `netsh winhttp set proxy`
// writes. Layout (FACTS.md §5): u32 header, u32 reserved, u32 flags,
// u32+N proxy, u32+N bypass, then whatever a writer appended — kept raw.
//
// Where a blob may end: only after the bypass list (Wine refuses anything
// shorter); everything after it is `extra`, so any longer blob decodes.

import { ByteReader, ByteWriter, MAX_DECLARED_LENGTH } from './byte-reader.js';
import { decodeBlobText, encodeBlobText } from './text-encoding.js';

/** Header seen in Wine and in the default dump; proxyconf documents 0x28. Both are accepted, as is any other. */
export const WINHTTP_HEADER = 0x18;

export const WinHttpFlag = { Direct: 0x1, Proxy: 0x2 } as const;

export type WinHttpTextField = 'proxyServer' | 'bypassList';

export interface WinHttpSettings {
  header: number;
  /** Wine calls it "unknown, always zero?"; kept as read. */
  reserved: number;
  /** 1 = direct; 3 (DIRECT|PROXY) = named proxy, as netsh writes it. */
  flags: number;
  proxyServer: string;
  bypassList: string;
  /** Bytes after the bypass list, verbatim. Empty when there are none. */
  extra: Uint8Array;
  /** Fields whose bytes were not UTF-8, held one character per byte; see connection-settings. */
  latin1Fields: WinHttpTextField[];
}

export interface WinHttpFlags {
  direct: boolean;
  proxy: boolean;
  /** What WinHTTP does with it: Wine (and Windows) use the proxy whenever bit 0x2 is set. */
  accessType: 'direct' | 'named-proxy';
  unknownBits: number;
}

export function describeWinHttpFlags(flags: number): WinHttpFlags {
  const proxy = (flags & WinHttpFlag.Proxy) !== 0;
  return {
    direct: (flags & WinHttpFlag.Direct) !== 0,
    proxy,
    accessType: proxy ? 'named-proxy' : 'direct',
    unknownBits: (flags & ~0x3) >>> 0,
  };
}

export function decodeWinHttpSettings(bytes: Uint8Array): WinHttpSettings {
  const r = new ByteReader(bytes, 'WinHttpSettings');
  const header = r.u32('header');
  const reserved = r.u32('reserved');
  const flags = r.u32('flags');
  const latin1Fields: WinHttpTextField[] = [];
  const text = (field: WinHttpTextField): string => {
    const decoded = decodeBlobText(r.lengthPrefixed(field));
    if (decoded.latin1) latin1Fields.push(field);
    return decoded.text;
  };
  const proxyServer = text('proxyServer');
  const bypassList = text('bypassList');
  return { header, reserved, flags, proxyServer, bypassList, extra: r.rest(), latin1Fields };
}

/** The exact bytes for `s`; RangeError for values no blob can hold (see encodeConnectionSettings). */
export function encodeWinHttpSettings(s: WinHttpSettings): Uint8Array {
  const w = new ByteWriter().u32(s.header).u32(s.reserved).u32(s.flags);
  for (const field of ['proxyServer', 'bypassList'] as const) {
    const bytes = encodeBlobText(s[field], s.latin1Fields?.includes(field) ?? false, field);
    if (bytes.length > MAX_DECLARED_LENGTH) throw new RangeError(`${field} is ${bytes.length} bytes; decoders refuse more than ${MAX_DECLARED_LENGTH}`);
    w.lengthPrefixed(bytes);
  }
  return w.bytes(s.extra ?? new Uint8Array(0)).finish();
}

/**
 * Flags 3 with a proxy, 1 without, as netsh writes them. The header defaults
 * to 0x18 (Wine, the default dump); sources disagree (proxyconf writes 0x28),
 * so a repair should pass the header of the value it replaces.
 */
export function newWinHttpSettings(opts: { proxyServer?: string; bypassList?: string; header?: number } = {}): WinHttpSettings {
  const proxyServer = opts.proxyServer ?? '';
  return {
    header: opts.header ?? WINHTTP_HEADER,
    reserved: 0,
    flags: proxyServer === '' ? WinHttpFlag.Direct : WinHttpFlag.Direct | WinHttpFlag.Proxy,
    proxyServer,
    bypassList: opts.bypassList ?? '',
    extra: new Uint8Array(0),
    latin1Fields: [],
  };
}
