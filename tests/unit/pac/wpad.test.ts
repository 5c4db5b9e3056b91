import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import type { FetchedPac, FetchPacOptions } from '../../../src/pac/fetch-pac.js';
import { PacError } from '../../../src/pac/pac-error.js';
import { discoverWpad, wpadCandidates } from '../../../src/pac/wpad.js';

describe('wpadCandidates', () => {
  it.each<[string | string[], string[]]>([
    ['child.contoso.com', ['wpad.child.contoso.com', 'wpad.contoso.com']],
    ['a.b.corp.contoso.test', ['wpad.a.b.corp.contoso.test', 'wpad.b.corp.contoso.test', 'wpad.corp.contoso.test', 'wpad.contoso.test']],
    ['contoso.com', ['wpad.contoso.com']],
    ['Child.Contoso.COM.', ['wpad.child.contoso.com', 'wpad.contoso.com']],
    ['com', []],
    ['', []],
    ['bad..name.com', []],
    ['under_score.contoso.com', ['wpad.under_score.contoso.com', 'wpad.contoso.com']],
    [['eu.contoso.com', 'contoso.com', 'fabrikam.com'], ['wpad.eu.contoso.com', 'wpad.contoso.com', 'wpad.fabrikam.com']],
  ])('%j', (suffix, expected) => {
    expect(wpadCandidates(suffix)).toEqual(expected);
  });

  it('never proposes wpad under a single label', () => {
    for (const name of wpadCandidates(['x.y.z.example.com', 'a.com', 'com'])) {
      expect(name.split('.').length).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('discoverWpad (fake fetch)', () => {
  const pac = (url: string, options?: FetchPacOptions): FetchedPac => ({
    url, script: 'function FindProxyForURL(){return "DIRECT"}', bytes: 44, ms: 1, source: 'http', status: 200,
    contentType: null, address: options?.connectAddress ?? null,
  });

  it('fetches from the resolved address, keeping the wpad name in the URL', async () => {
    const calls: [string, FetchPacOptions | undefined][] = [];
    const result = await discoverWpad({
      dnsSuffix: 'child.contoso.com',
      resolveHost: async (h) => (h === 'wpad.contoso.com' ? ['192.0.2.10'] : []),
      fetch: async (url, options) => {
        calls.push([url, options]);
        return pac(url, options);
      },
    });
    expect(result.url).toBe('http://wpad.contoso.com/wpad.dat');
    expect(result.candidatesTried).toEqual(['wpad.child.contoso.com', 'wpad.contoso.com']);
    expect(calls).toEqual([['http://wpad.contoso.com/wpad.dat', { timeoutMs: 5000, connectAddress: '192.0.2.10' }]]);
    expect(result.attempts.map((a) => a.outcome)).toEqual(['no-address', 'found']);
  });

  it('moves on past a failing address, a failing lookup and a failing fetch', async () => {
    const result = await discoverWpad({
      dnsSuffix: 'a.b.contoso.com',
      resolveHost: async (h) => {
        if (h === 'wpad.a.b.contoso.com') throw new Error('SERVFAIL');
        return h === 'wpad.b.contoso.com' ? ['192.0.2.1'] : ['192.0.2.2', '192.0.2.3'];
      },
      fetch: async (url, options) => {
        if (options?.connectAddress !== '192.0.2.3') throw new PacError(ErrorCode.PacFetch, 'HTTP 404');
        return pac(url, options);
      },
      port: 8080,
    });
    expect(result.url).toBe('http://wpad.contoso.com:8080/wpad.dat');
    expect(result.attempts.map((a) => [a.host, a.outcome, a.address])).toEqual([
      ['wpad.a.b.contoso.com', 'dns-failed', null],
      ['wpad.b.contoso.com', 'fetch-failed', '192.0.2.1'],
      ['wpad.contoso.com', 'found', '192.0.2.3'],
    ]);
  });

  it('throws WpadNotFound listing every candidate', async () => {
    const err = await discoverWpad({ dnsSuffix: 'child.contoso.com', resolveHost: async () => [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PacError);
    expect((err as PacError).code).toBe(ErrorCode.WpadNotFound);
    expect((err as PacError).message).toMatch(/wpad\.child\.contoso\.com: no address; wpad\.contoso\.com: no address/);
  });

  it('throws WpadNotFound without any lookup for a one-label suffix', async () => {
    let lookups = 0;
    const err = await discoverWpad({
      dnsSuffix: 'corp',
      resolveHost: async () => {
        lookups++;
        return ['192.0.2.1'];
      },
    }).catch((e: unknown) => e);
    expect((err as PacError).code).toBe(ErrorCode.WpadNotFound);
    expect((err as PacError).message).toMatch(/fewer than two valid labels/);
    expect(lookups).toBe(0);
  });

  it('bounds a resolver that never answers', async () => {
    const started = performance.now();
    const err = await discoverWpad({
      dnsSuffix: 'contoso.com',
      resolveHost: () => new Promise<string[]>(() => undefined),
      timeoutMs: 200,
    }).catch((e: unknown) => e);
    expect((err as PacError).code).toBe(ErrorCode.WpadNotFound);
    expect((err as PacError).message).toMatch(/lookup failed \(Resolving wpad\.contoso\.com took longer than 200 ms\)/);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
