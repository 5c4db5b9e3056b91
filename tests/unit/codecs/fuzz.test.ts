// Seeded mutation fuzzing of every decoder. Each call must return or throw
// DecodeError, quickly; whatever decodes must survive encode → decode
// unchanged (and for blobs, encode must give back the very input).
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeConnectionSettings, encodeConnectionSettings } from '../../../src/codecs/connection-settings.js';
import { DecodeError } from '../../../src/codecs/decode-error.js';
import { decodeRegData, readRegFile, writeRegFile } from '../../../src/codecs/reg-file.js';
import { decodeWinHttpSettings, encodeWinHttpSettings } from '../../../src/codecs/winhttp-settings.js';
import { prng } from '../../support/prng.js';
import { CONNECTION_GOLDENS, WINHTTP_GOLDENS } from './blob-fixtures.js';
import { V4_LINES, V5_LINES, WILD_LINES, latin1File, utf16File, utf8File } from './reg-fixtures.js';

type Rng = ReturnType<typeof prng>;

const HUGE = [0xffffffff, 0x7fffffff, 0x80000000, 0x10000, 0x10001, 0xffff];

/** One to three byte-level mutations: bit flips, inserts, deletes, huge length fields, cuts, splices. */
function mutateBytes(rng: Rng, seeds: readonly Uint8Array[]): Uint8Array {
  let b: Uint8Array = Uint8Array.from(rng.pick(seeds));
  for (let n = 1 + rng.int(3); n > 0; n -= 1) {
    const at = b.length ? rng.int(b.length) : 0;
    switch (rng.int(8)) {
      case 0: // bit flips
        for (let k = 1 + rng.int(4); k > 0 && b.length; k -= 1) b[rng.int(b.length)]! ^= 1 << rng.int(8);
        break;
      case 1: // insert bytes
        b = concat(b.subarray(0, at), Uint8Array.from({ length: 1 + rng.int(4) }, () => rng.int(256)), b.subarray(at));
        break;
      case 2: // delete bytes (makes odd UTF-16 lengths too)
        b = concat(b.subarray(0, at), b.subarray(at + 1 + rng.int(4)));
        break;
      case 3: { // a length field set to something huge or just past the end
        const value = rng.int(3) === 0 ? b.length - at + rng.int(8) : rng.pick(HUGE);
        const word = new Uint8Array(4);
        new DataView(word.buffer).setUint32(0, value >>> 0, true);
        b = concat(b.subarray(0, at), word, b.subarray(at + 4));
        break;
      }
      case 4: // cut
        b = b.slice(0, at);
        break;
      case 5: // duplicate a slice
        b = concat(b.subarray(0, at), b.subarray(at, at + rng.int(16)), b.subarray(at));
        break;
      case 6: // splice with another seed
        b = concat(b.subarray(0, at), rng.pick(seeds).subarray(rng.int(8)));
        break;
      default: // random bytes
        b = Uint8Array.from({ length: rng.int(96) }, () => rng.int(256));
    }
  }
  return b;
}

const TOKENS = ['"', '\\', '[', ']', '[-', '=', ',', '\r\n', '\n', '\r', ';', '@=', 'hex:', 'hex(7):', 'hex(b):', 'dword:', '-', ',\\\r\n  ', 'ff', '0', '\u0000', '\ud800', '\u00e9', ' ', '\t', '\\"', '""'];

/** Text-level mutations keep the encoding valid so the parser, not the decoder, is exercised. */
function mutateText(rng: Rng, text: string): string {
  let t = text;
  for (let n = 1 + rng.int(3); n > 0; n -= 1) {
    const at = rng.int(t.length + 1);
    switch (rng.int(4)) {
      case 0: t = t.slice(0, at) + rng.pick(TOKENS) + t.slice(at); break;
      case 1: t = t.slice(0, at) + t.slice(at + 1 + rng.int(12)); break;
      case 2: t = t.slice(0, at) + t.slice(at, at + rng.int(80)) + t.slice(at); break;
      default: t = t.slice(0, at) + String.fromCharCode(rng.int(0x180)) + t.slice(at);
    }
  }
  return t;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

interface Tally { calls: number; decoded: number; refused: number; maxMs: number; totalMs: number }

/**
 * Runs `decode` on each input; anything but a value or a DecodeError fails.
 * `property` runs on every decoded value.
 */
function run<T>(inputs: Iterable<Uint8Array>, decode: (b: Uint8Array) => T, property: (value: T, input: Uint8Array) => void): Tally {
  const tally: Tally = { calls: 0, decoded: 0, refused: 0, maxMs: 0, totalMs: 0 };
  const started = performance.now();
  for (const input of inputs) {
    const t0 = performance.now();
    let value: T;
    try {
      value = decode(input);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw new Error(`non-DecodeError for input ${Buffer.from(input).toString('hex')}`, { cause: error });
      tally.refused += 1;
      continue;
    } finally {
      tally.maxMs = Math.max(tally.maxMs, performance.now() - t0);
      tally.calls += 1;
    }
    tally.decoded += 1;
    property(value, input);
  }
  tally.totalMs = performance.now() - started;
  return tally;
}

function* generate(count: number, seed: number, make: (rng: Rng) => Uint8Array): Generator<Uint8Array> {
  const rng = prng(seed);
  for (let i = 0; i < count; i += 1) yield make(rng);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

const tallies: Record<string, Tally> = {};
// Longer hunts: MDI_FUZZ_SCALE=50 MDI_FUZZ_SEED=7 (the time bound scales with it).
const SCALE = Math.max(1, Number(process.env.MDI_FUZZ_SCALE ?? 1) || 1);
const SEED = Number(process.env.MDI_FUZZ_SEED ?? 0) >>> 0;

describe('fuzz', () => {
  it('connection settings: 8000 mutated blobs', () => {
    const seeds = CONNECTION_GOLDENS.map((g) => g.bytes);
    tallies.connection = run(generate(8000 * SCALE, 0xc0ffee ^ SEED, (rng) => mutateBytes(rng, seeds)), decodeConnectionSettings, (s, input) => {
      const bytes = encodeConnectionSettings(s);
      if (!sameBytes(bytes, input)) throw new Error(`encode(decode(b)) != b for ${Buffer.from(input).toString('hex')}`);
      if (!isDeepStrictEqual(decodeConnectionSettings(bytes), s)) throw new Error('decode(encode(x)) != x');
    });
  });

  it('WinHttpSettings: 5000 mutated blobs', () => {
    const seeds = WINHTTP_GOLDENS.map((g) => g.bytes);
    tallies.winhttp = run(generate(5000 * SCALE, 0xbadf00d ^ SEED, (rng) => mutateBytes(rng, seeds)), decodeWinHttpSettings, (s, input) => {
      const bytes = encodeWinHttpSettings(s);
      if (!sameBytes(bytes, input)) throw new Error(`encode(decode(b)) != b for ${Buffer.from(input).toString('hex')}`);
      if (!isDeepStrictEqual(decodeWinHttpSettings(bytes), s)) throw new Error('decode(encode(x)) != x');
    });
  });

  const regProperty = (file: ReturnType<typeof readRegFile>, input: Uint8Array): void => {
    const written = writeRegFile(file);
    const again = readRegFile(written);
    if (!isDeepStrictEqual(again, file)) throw new Error(`read(write(f)) != f for ${Buffer.from(input).toString('hex')}`);
    if (!sameBytes(writeRegFile(again), written)) throw new Error('write is not stable');
    for (const entry of file.entries) {
      if (entry.kind !== 'key') continue;
      for (const item of entry.items) {
        if (item.kind !== 'value' || item.data === null) continue;
        try {
          decodeRegData(item.data, file.header, item.name);
          if (item.data.type === 'hex' && item.data.regType === 3) decodeConnectionSettings(item.data.bytes);
        } catch (error) {
          if (!(error instanceof DecodeError)) throw error;
        }
      }
    }
  };

  it('.reg v5 (UTF-16LE, UTF-8): 5000 byte- and text-mutated files', () => {
    const seeds = [utf16File(V5_LINES), utf16File(WILD_LINES), utf8File(V5_LINES, '\n', true)];
    const text = V5_LINES.join('\r\n');
    let oddUtf16 = 0;
    tallies.regV5 = run(generate(5000 * SCALE, 0x5eed5 ^ SEED, (rng) => {
      if (rng.int(2) === 0) {
        const b = mutateBytes(rng, seeds);
        if (b[0] === 0xff && b[1] === 0xfe && b.length % 2 === 1) oddUtf16 += 1;
        return b;
      }
      const mutated = mutateText(rng, text);
      return rng.int(4) === 0 ? new Uint8Array(Buffer.from(mutated, 'utf8')) : utf16File([mutated]);
    }), readRegFile, regProperty);
    expect(oddUtf16).toBeGreaterThan(500); // odd-length UTF-16 inputs are part of the mix
  });

  it('.reg REGEDIT4 (latin1): 4000 byte- and text-mutated files', () => {
    const seeds = [latin1File(V4_LINES), latin1File(V4_LINES, '\n')];
    const text = V4_LINES.join('\r\n');
    tallies.regV4 = run(generate(4000 * SCALE, 0x4ed17 ^ SEED, (rng) => {
      if (rng.int(2) === 0) return mutateBytes(rng, seeds);
      return new Uint8Array(Buffer.from(mutateText(rng, text), 'latin1'));
    }), readRegFile, regProperty);
  });

  it('never hangs and exercises both outcomes', () => {
    const all = Object.values(tallies);
    expect(all).toHaveLength(4);
    const calls = all.reduce((n, t) => n + t.calls, 0);
    const totalMs = all.reduce((n, t) => n + t.totalMs, 0);
    for (const [name, t] of Object.entries(tallies)) {
      // A hang guard, not a speed claim (speed is measured in npm run bench): one call must end at all.
      expect(t.maxMs, `${name} slowest call`).toBeLessThan(2_000);
      expect(t.decoded, `${name} decoded`).toBeGreaterThan(t.calls / 20);
      expect(t.refused, `${name} refused`).toBeGreaterThan(t.calls / 20);
    }
    expect(calls).toBeGreaterThanOrEqual(20_000);
    expect(totalMs).toBeLessThan(60_000 * SCALE);
    if (process.env.MDI_FUZZ_VERBOSE === '1') console.log(JSON.stringify(tallies, null, 1));
  });
});
