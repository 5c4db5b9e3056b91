// Every prefix of every golden input: the format says exactly where a value may
// end; everywhere else the decoder must say "truncated", never crash.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeConnectionSettings, encodeConnectionSettings } from '../../../src/codecs/connection-settings.js';
import { DecodeError } from '../../../src/codecs/decode-error.js';
import { readRegFile, writeRegFile } from '../../../src/codecs/reg-file.js';
import { decodeWinHttpSettings, encodeWinHttpSettings } from '../../../src/codecs/winhttp-settings.js';
import { ErrorCode } from '../../../src/errors.js';
import { CONNECTION_GOLDENS, WINHTTP_GOLDENS } from './blob-fixtures.js';
import { V4_LINES, V5_LINES, WILD_LINES, latin1File, utf16File } from './reg-fixtures.js';

function outcome(run: () => unknown): { ok: true; value: unknown } | { ok: false; error: DecodeError } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, error };
    throw error; // anything else fails the test as it is
  }
}

describe('connection settings prefixes', () => {
  it.each(CONNECTION_GOLDENS.map((g) => [g.name, g] as const))('%s', (_name, g) => {
    for (let length = 0; length < g.bytes.length; length += 1) {
      const prefix = g.bytes.slice(0, length);
      const result = outcome(() => decodeConnectionSettings(prefix));
      if (g.validEnds.includes(length)) {
        expect(result.ok, `prefix ${length} should decode`).toBe(true);
        if (!result.ok) continue;
        const decoded = result.value as ReturnType<typeof decodeConnectionSettings>;
        expect(encodeConnectionSettings(decoded)).toEqual(prefix);
        // Whatever is present agrees with the whole blob; what is missing is absent, not zero.
        for (const [field, value] of Object.entries(decoded)) {
          if (field !== 'extra') expect(value, `${field} at ${length}`).toEqual(g.expected[field as keyof typeof g.expected]);
        }
      } else {
        expect(result.ok, `prefix ${length} should be refused`).toBe(false);
        if (!result.ok) expect(result.error.code).toBe(ErrorCode.BlobTruncated);
      }
    }
  });
});

describe('WinHttpSettings prefixes', () => {
  it.each(WINHTTP_GOLDENS.map((g) => [g.name, g] as const))('%s', (_name, g) => {
    for (let length = 0; length < g.bytes.length; length += 1) {
      const prefix = g.bytes.slice(0, length);
      const result = outcome(() => decodeWinHttpSettings(prefix));
      if (length < g.minLength) {
        expect(result.ok ? 'decoded' : result.error.code, `prefix ${length}`).toBe(ErrorCode.BlobTruncated);
      } else {
        expect(result.ok, `prefix ${length}`).toBe(true);
        if (result.ok) {
          const decoded = result.value as ReturnType<typeof decodeWinHttpSettings>;
          expect(decoded.extra).toEqual(g.bytes.slice(g.minLength, length));
          expect(encodeWinHttpSettings(decoded)).toEqual(prefix);
        }
      }
    }
  });
});

/**
 * .reg prefixes. Precisely: a cut inside the header line, or an odd number of
 * UTF-16 bytes, is refused; a cut right after a line break decodes and is
 * rewritten byte for byte, unless that line ends in "\" (hex data continues
 * past the end); any other cut either decodes (e.g. fewer hex bytes) or is
 * refused (an unterminated string) — never another exception.
 */
describe('.reg file prefixes', () => {
  it.each<[string, Uint8Array, number, string]>([
    ['v5 UTF-16LE export', utf16File(V5_LINES), 2, 'utf16le'],
    ['regedit export from the wild', utf16File(WILD_LINES), 2, 'utf16le'],
    ['REGEDIT4 export', latin1File(V4_LINES), 0, 'latin1'],
  ])('%s', (_name, bytes, bomLength, encoding) => {
    const unit = encoding === 'utf16le' ? 2 : 1;
    const text = Buffer.from(bytes.subarray(bomLength)).toString(encoding as BufferEncoding);
    const headerEnd = bomLength + text.indexOf('\r\n') * unit;
    const counts = { lineEnds: 0, refused: 0, decoded: 0 };
    for (let length = 0; length < bytes.length; length += 1) {
      const prefix = bytes.slice(0, length);
      const result = outcome(() => readRegFile(prefix));
      const body = (length - bomLength) / unit;
      const prefixText = Number.isInteger(body) && body >= 0 ? text.slice(0, body) : null;
      if (length < headerEnd || prefixText === null) {
        expect(result.ok, `prefix ${length} should be refused`).toBe(false);
      } else if (prefixText.endsWith('\r\n') && !prefixText.endsWith('\\\r\n')) {
        counts.lineEnds += 1;
        expect(result.ok, `prefix ${length} ends a line`).toBe(true);
        if (result.ok) expect(Buffer.compare(writeRegFile(result.value as ReturnType<typeof readRegFile>), prefix), `rewrite of ${length}`).toBe(0);
      } else if (prefixText.endsWith('\\\r\n')) {
        expect(result.ok ? 'decoded' : result.error.message).toMatch(/past the end of the file/);
      }
      if (!result.ok) {
        counts.refused += 1;
        expect(result.error.code).toBe(ErrorCode.RegFileInvalid);
      } else {
        counts.decoded += 1;
        const file = result.value as ReturnType<typeof readRegFile>;
        // Plain deep-equality here: vitest's matcher is too slow for thousands of files.
        expect(isDeepStrictEqual(readRegFile(writeRegFile(file)), file), `re-read of ${length}`).toBe(true);
      }
    }
    expect(counts.lineEnds).toBeGreaterThan(3);
    expect(counts.refused + counts.decoded).toBe(bytes.length);
  });
});
