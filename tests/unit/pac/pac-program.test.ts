// compilePac: one evaluation of a PAC script serves many URLs (issue 13), and each URL's
// FindProxyForURL call keeps the bounds a fresh evaluation had. The time bounds below are
// containment bounds (a stopped script answers), not performance claims.
import { describe, expect, it } from 'vitest';
import { ErrorCode, MdiInputError } from '../../../src/errors.js';
import { compilePac, type EvaluatePacOptions, type PacProgram } from '../../../src/pac/evaluate-pac.js';
import { PacError } from '../../../src/pac/pac-error.js';

const base: EvaluatePacOptions = { myIpAddress: '10.1.2.3' };

async function withProgram<T>(script: string, options: Partial<EvaluatePacOptions>, use: (program: PacProgram) => Promise<T>): Promise<T> {
  const program = await compilePac(script, { ...base, ...options });
  try {
    return await use(program);
  } finally {
    program.dispose();
  }
}

/** The call's answer, or the code of the PacError it threw (anything else fails the test). */
async function answer(program: PacProgram, url: string): Promise<string> {
  try {
    return await program.findProxyForUrl(new URL(url));
  } catch (err) {
    expect(err).toBeInstanceOf(PacError);
    return (err as PacError).code;
  }
}

describe('compilePac: one evaluation, many URLs', () => {
  it('runs the top-level code once and answers each URL by its host', async () => {
    const alerts: string[] = [];
    const pac = `alert("loaded"); var calls = 0;
      function FindProxyForURL(url, host) {
        calls++;
        if (shExpMatch(host, "*.blob.core.windows.net")) return "DIRECT";
        if (dnsDomainIs(host, ".microsoft.com")) return "PROXY ms.contoso.test:3128; DIRECT";
        return "PROXY other.contoso.test:8080 " + calls; }`;
    const results = await withProgram(pac, { onAlert: (m) => alerts.push(m) }, async (program) => [
      await answer(program, 'https://winatp-gw-cus.microsoft.com/commands/test'),
      await answer(program, 'https://ussus1eastprod.blob.core.windows.net/'),
      await answer(program, 'http://crl.example.org/x.crl'),
      await answer(program, 'https://events.data.microsoft.com/'),
      await answer(program, 'http://crl.example.org/y.crl'),
    ]);
    expect(results).toEqual([
      'PROXY ms.contoso.test:3128; DIRECT',
      'DIRECT',
      'PROXY other.contoso.test:8080 3',
      'PROXY ms.contoso.test:3128; DIRECT',
      // The same VM all along: the script's own counter kept counting.
      'PROXY other.contoso.test:8080 5',
    ]);
    expect(alerts).toEqual(['loaded']);
  });

  it('answers concurrent calls, each with its own host, resolving each name once', async () => {
    const asked: string[] = [];
    const resolveHost = async (host: string) => {
      asked.push(host);
      await new Promise((resolve) => setTimeout(resolve, 5 + host.length));
      return `10.0.0.${host.length}`;
    };
    const pac = 'function FindProxyForURL(u, h) { return isInNet(dnsResolve(h), "10.0.0.0", "255.255.255.0") ? "PROXY " + dnsResolve(h) + ":8080" : "DIRECT"; }';
    const hosts = ['a.example', 'bb.example', 'ccc.example', 'a.example', 'dddd.example'];
    const results = await withProgram(pac, { resolveHost }, (program) => Promise.all(hosts.map((h) => answer(program, `https://${h}/`))));
    expect(results).toEqual(hosts.map((h) => `PROXY 10.0.0.${h.length}:8080`));
    expect(asked.toSorted()).toEqual(['a.example', 'bb.example', 'ccc.example', 'dddd.example']);
  });

  it('gives each call its own time budget, so many calls may add up to more than one', async () => {
    // Each call busies itself for 300 ms of a 1000 ms budget; four in a row take 1200 ms in all.
    const pac = 'function FindProxyForURL(u, h) { var t = Date.now(); while (Date.now() - t < 300) {} return "PROXY " + h + ":80"; }';
    const hosts = ['a.example', 'b.example', 'c.example', 'd.example'];
    const results = await withProgram(pac, { timeoutMs: 1000 }, async (program) => {
      const all: string[] = [];
      for (const h of hosts) all.push(await answer(program, `http://${h}/`));
      return all;
    });
    expect(results).toEqual(hosts.map((h) => `PROXY ${h}:80`));
  });

  it('does not fail a call that others asked for at the same time left short of time', async () => {
    // Asked all at once, the calls run one after another; the fourth starts ~900 ms into a 1000 ms budget.
    const pac = 'function FindProxyForURL(u, h) { var t = Date.now(); while (Date.now() - t < 300) {} return "PROXY " + h + ":80"; }';
    const hosts = ['a.example', 'b.example', 'c.example', 'd.example', 'e.example'];
    const results = await withProgram(pac, { timeoutMs: 1000 }, (program) => Promise.all(hosts.map((h) => answer(program, `http://${h}/`))));
    expect(results).toEqual(hosts.map((h) => `PROXY ${h}:80`));
  });
});

describe('compilePac: one URL that goes wrong is that URL\'s outcome only', () => {
  const pac = `function FindProxyForURL(url, host) {
    if (host == "throws.example") throw new Error("no route for " + host);
    if (host == "loops.example") for (;;) {}
    if (host == "starves.example") for (;;) "x".repeat(1e7);
    if (host == "bomb.example") { var a = new Array(1024 * 1024 * 1024); a.fill(0); }
    if (host == "recurses.example") return (function f() { return f() + 1; })();
    if (host == "number.example") return 42;
    if (host == "hangs.example") return dnsResolve("never.example") ? "DIRECT" : "DIRECT";
    return "PROXY proxy.contoso.test:3128"; }`;
  const hanging = (host: string) => (host === 'never.example' ? new Promise<string | null>(() => undefined) : Promise.resolve('10.9.9.9'));

  it.each([
    ['throws', ErrorCode.PacRuntime],
    ['loops', ErrorCode.PacTimeout],
    ['starves', ErrorCode.PacTimeout],
    ['bomb', ErrorCode.PacMemory],
    ['recurses', ErrorCode.PacRuntime],
    ['number', ErrorCode.PacRuntime],
    ['hangs', ErrorCode.PacTimeout],
  ])('%s: a typed PacError for that URL, within its bound; the URLs before and after still answer', async (name, code) => {
    const started = performance.now();
    const results = await withProgram(pac, { timeoutMs: 500, resolveHost: hanging }, async (program) => [
      await answer(program, 'https://before.example/'),
      await answer(program, `https://${name}.example/`),
      await answer(program, 'https://after.example/'),
    ]);
    expect(results).toEqual(['PROXY proxy.contoso.test:3128', code, 'PROXY proxy.contoso.test:3128']);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('fails only the bad URL when all are asked at once', async () => {
    const hosts = ['one.example', 'loops.example', 'two.example', 'throws.example', 'three.example'];
    const results = await withProgram(pac, { timeoutMs: 500 }, (program) => Promise.all(hosts.map((h) => answer(program, `https://${h}/`))));
    expect(results).toEqual([
      'PROXY proxy.contoso.test:3128', ErrorCode.PacTimeout, 'PROXY proxy.contoso.test:3128', ErrorCode.PacRuntime, 'PROXY proxy.contoso.test:3128',
    ]);
  });

  it('names the URL\'s failure', async () => {
    const err = await withProgram(pac, {}, (program) => program.findProxyForUrl(new URL('https://throws.example/')).then(() => null, (e: unknown) => e as PacError));
    expect(err?.message).toMatch(/FindProxyForURL threw Error: no route for throws.example/);
  });
});

describe('compilePac: a script that cannot be used at all', () => {
  it.each([
    ['a syntax error', 'function FindProxyForURL(u, h) { return "DIRECT" ', ErrorCode.PacSyntax],
    ['no FindProxyForURL', 'var x = 1;', ErrorCode.PacSyntax],
    ['a throw in top-level code', 'throw new Error("early"); function FindProxyForURL() { return "DIRECT"; }', ErrorCode.PacRuntime],
    ['a loop in top-level code', 'for (;;) {} function FindProxyForURL() { return "DIRECT"; }', ErrorCode.PacTimeout],
  ])('%s is refused when compiled', async (_name, script, code) => {
    const err = await compilePac(script, { ...base, timeoutMs: 500 }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(PacError);
    expect((err as PacError).code).toBe(code);
  });

  it('refuses a URL without a host as an input error', async () => {
    await withProgram('function FindProxyForURL() { return "DIRECT"; }', {}, async (program) => {
      await expect(program.findProxyForUrl(new URL('file:///etc/hosts'))).rejects.toBeInstanceOf(MdiInputError);
    });
  });
});
