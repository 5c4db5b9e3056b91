// Odd and hostile inputs: huge strings stay linear, random strings never escape as
// anything but MdiInputError (proxy string) or at all (bypass list).

import { describe, expect, it } from 'vitest';
import { MdiInputError } from '../../../src/errors.js';
import { isBypassed, parseBypassList } from '../../../src/wininet/bypass.js';
import { decideManualRoute } from '../../../src/wininet/manual-proxy.js';
import { parseProxyServer, proxyForUrl } from '../../../src/wininet/proxy-string.js';
import { prng } from '../../support/prng.js';

const KIB64 = 64 * 1024;
const URLS = ['https://a.contoso.com/', 'http://10.1.2.3:8080/', 'https://[::1]/', 'http://intranet/', 'ftp://f/'].map((u) => new URL(u));

/**
 * Time `fn` once warm. A hang guard, not a speed claim (speed is measured in npm run bench): quadratic work
 * on 64 KiB is billions of steps and blows through it even on a loaded machine.
 */
function timed(fn: () => unknown): number {
  fn();
  const start = performance.now();
  fn();
  return performance.now() - start;
}

describe('64 KiB inputs never hang (quadratic work would)', () => {
  const entries = 'http=proxy.contoso.com:8080;'.repeat(Math.ceil(KIB64 / 28)).slice(0, KIB64);
  const rules = '*.a*b*c*.contoso.com;10.0.0.0/8;<local>;'.repeat(Math.ceil(KIB64 / 41)).slice(0, KIB64);

  it.each<[string, () => unknown]>([
    ['a proxy string of many entries', () => parseProxyServer(entries.replace(/;[^;]*$/, ''))],
    ['a proxy string that is one 64 KiB bad entry', () => expect(() => parseProxyServer('h'.repeat(KIB64))).toThrow(MdiInputError)],
    ['a proxy string of only separators', () => expect(parseProxyServer('; \t'.repeat(KIB64 / 3))).toEqual([])],
    ['a bypass list of many glob rules, then a match against each', () => isBypassed(parseBypassList(rules), new URL('https://no.match.example/'))],
    ['a bypass list that is one 64 KiB entry', () => expect(parseBypassList('*a'.repeat(KIB64 / 2))[0]?.kind).toBe('unusable')],
    ['a bypass list of 64 KiB of stars', () => expect(parseBypassList('*'.repeat(KIB64))[0]?.kind).toBe('unusable')],
  ])('%s', (_what, fn) => {
    expect(timed(fn)).toBeLessThan(2_000);
  });
});

const ALPHABET = [
  ...'abcxyz019.-_:;=/[]*<> \t,@?#%',
  'http', 'https', 'socks', 'ftp', '://', '=', '::', '<local>', '<-loopback>', 'ü', '.', '65535', '99999', '[::1]', '10.', '/8',
];

function randomString(next: () => number): string {
  const length = next() % 40;
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[next() % ALPHABET.length];
  return out;
}

describe('fuzz: 5 000 random proxy-ish strings (seed 0x5eed)', () => {
  it('parseProxyServer returns sane entries or throws MdiInputError, nothing else', () => {
    const next = prng(0x5eed).next;
    let parsed = 0;
    for (let i = 0; i < 5000; i++) {
      const text = randomString(next);
      try {
        const entries = parseProxyServer(text);
        parsed += 1;
        for (const entry of entries) {
          expect(entry.host, text).not.toBe('');
          expect(entry.port >= 1 && entry.port <= 65535, text).toBe(true);
          for (const url of URLS) proxyForUrl(entries, url);
        }
      } catch (err) {
        if (!(err instanceof MdiInputError)) throw new Error(`input ${JSON.stringify(text)} threw ${String(err)}`);
        expect(err.message, text).not.toContain('\n');
      }
    }
    expect(parsed).toBeGreaterThan(0); // the alphabet does reach the happy path
  });

  it('parseBypassList and isBypassed never throw', () => {
    const next = prng(0xb1a5).next;
    for (let i = 0; i < 5000; i++) {
      const text = randomString(next);
      const rules = parseBypassList(text);
      // Plain checks in the hot loop: 25 000 expect() calls would cost more than the code under test.
      for (const rule of rules) if (rule.kind === 'unusable' && rule.reason === '') throw new Error(`no reason for ${JSON.stringify(text)}`);
      for (const url of URLS) if (typeof isBypassed(rules, url).bypassed !== 'boolean') throw new Error(JSON.stringify(text));
    }
  });

  it('decideManualRoute either decides with a one-line reason or throws MdiInputError', () => {
    const next = prng(0xdec1de).next;
    for (let i = 0; i < 2000; i++) {
      const proxyServer = randomString(next);
      const bypassList = randomString(next);
      try {
        const decision = decideManualRoute({ proxyServer, bypassList, useProxy: true }, URLS[i % URLS.length] as URL);
        expect(decision.reason).not.toMatch(/\n/);
      } catch (err) {
        if (!(err instanceof MdiInputError)) throw new Error(`${JSON.stringify([proxyServer, bypassList])} threw ${String(err)}`);
      }
    }
  });
});
