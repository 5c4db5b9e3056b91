// Byte <-> string conversions that are exact in both directions. The platform
// decoders are lossy where we cannot afford it: TextDecoder drops a leading
// BOM, turns bad UTF-8 and lone UTF-16 surrogates into U+FFFD, so a value read
// and written back would change. Here every conversion either round-trips or
// says it cannot.

const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
const UTF8_OUT = new TextEncoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CHUNK = 8192;

/** Index of the first byte that is not part of well-formed UTF-8, or -1. */
export function utf8ErrorIndex(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    // Lead byte → continuation count and the valid range of the second byte
    // (which is where overlongs, surrogates and > U+10FFFF are excluded).
    let count: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) count = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      count = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      count = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= count; k += 1) {
      const next = bytes[i + k];
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (next === undefined || next < min || next > max) return i;
    }
    i += count + 1;
  }
  return -1;
}

/** Decodes bytes already known to be valid UTF-8 (see utf8ErrorIndex), keeping a BOM as U+FEFF. */
export function decodeUtf8(bytes: Uint8Array): string {
  return UTF8.decode(bytes);
}

export function encodeUtf8(text: string, what: string): Uint8Array {
  if (LONE_SURROGATE.test(text)) throw new RangeError(`${what} holds a lone UTF-16 surrogate, which UTF-8 cannot carry`);
  return UTF8_OUT.encode(text);
}

/** One character per byte: the only decoding under which any byte sequence survives a round trip. */
export function decodeLatin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return out;
}

export function encodeLatin1(text: string, what: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new RangeError(`${what} holds U+${code.toString(16).toUpperCase().padStart(4, '0')}, which a single-byte encoding cannot carry`);
    out[i] = code;
  }
  return out;
}

/** Code unit by code unit, so lone surrogates (legal in the registry) survive. `bytes.length` must be even. */
export function decodeUtf16le(bytes: Uint8Array): string {
  let out = '';
  const units = new Uint16Array(Math.min(CHUNK, bytes.length >> 1));
  for (let start = 0; start + 1 < bytes.length; start += CHUNK * 2) {
    const n = Math.min(CHUNK, (bytes.length - start) >> 1);
    for (let k = 0; k < n; k += 1) units[k] = bytes[start + 2 * k]! | (bytes[start + 2 * k + 1]! << 8);
    out += String.fromCharCode(...units.subarray(0, n));
  }
  return out;
}

export function encodeUtf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    out[2 * i] = code & 0xff;
    out[2 * i + 1] = code >> 8;
  }
  return out;
}

/**
 * A length-prefixed string from a proxy blob. .NET reads these as UTF-8, so we
 * do too; bytes that are not UTF-8 (an ANSI code page, corruption) are held as
 * latin1 instead, one character per byte, and flagged so the encoder writes
 * the very same bytes back.
 */
export function decodeBlobText(bytes: Uint8Array): { text: string; latin1: boolean } {
  if (utf8ErrorIndex(bytes) < 0) return { text: decodeUtf8(bytes), latin1: false };
  return { text: decodeLatin1(bytes), latin1: true };
}

export function encodeBlobText(text: string, latin1: boolean, field: string): Uint8Array {
  return latin1 ? encodeLatin1(text, field) : encodeUtf8(text, field);
}
