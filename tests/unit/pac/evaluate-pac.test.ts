import { describe, expect, it } from 'vitest';
import { ErrorCode, MdiInputError } from '../../../src/errors.js';
import { evaluatePac, type EvaluatePacOptions } from '../../../src/pac/evaluate-pac.js';
import { PacError } from '../../../src/pac/pac-error.js';

const base: EvaluatePacOptions = { myIpAddress: '10.1.2.3' };

/** Runs a PAC and returns the PacError it must throw, failing on any other outcome. */
async function pacError(script: string, options: Partial<EvaluatePacOptions> = {}, url = 'http://www.example.com/'): Promise<PacError> {
  try {
    const result = await evaluatePac(script, url, { ...base, ...options });
    throw new Error(`expected a PacError, got result ${JSON.stringify(result)}`);
  } catch (err) {
    expect(err).toBeInstanceOf(PacError);
    return err as PacError;
  }
}

describe('evaluatePac: ordinary scripts', () => {
  it('returns the raw result', async () => {
    const pac = 'function FindProxyForURL(url, host) { return "PROXY proxy.contoso.com:8080; DIRECT"; }';
    expect(await evaluatePac(pac, 'http://www.example.com/a', base)).toBe('PROXY proxy.contoso.com:8080; DIRECT');
  });

  it('passes the url and host, and can route per scheme', async () => {
    const pac = `function FindProxyForURL(url, host) {
      if (url.substring(0, 6) == "https:") return "PROXY secure.contoso.com:8443";
      return "PROXY plain.contoso.com:8080; DIRECT " + host; }`;
    expect(await evaluatePac(pac, 'https://login.example.com/x', base)).toBe('PROXY secure.contoso.com:8443');
    // DIRECT + host shows the host argument arrived intact (parsing is not our business here).
    expect(await evaluatePac(pac, 'http://login.example.com/x', base)).toBe('PROXY plain.contoso.com:8080; DIRECT login.example.com');
  });

  it('supports the classic bypass helpers', async () => {
    const pac = `function FindProxyForURL(url, host) {
      if (isPlainHostName(host)) return "DIRECT plain";
      if (dnsDomainIs(host, ".contoso.com")) return "DIRECT domain";
      if (shExpMatch(host, "*.atp.azure.com")) return "PROXY mdi.contoso.com:3128";
      if (localHostOrDomainIs(host, "intranet.fabrikam.com")) return "DIRECT local";
      return "PROXY proxy.contoso.com:8080"; }`;
    const run = (url: string) => evaluatePac(pac, url, base);
    expect(await run('http://intranet/')).toBe('DIRECT plain');
    expect(await run('http://app.contoso.com/')).toBe('DIRECT domain');
    expect(await run('https://tenant.atp.azure.com/')).toBe('PROXY mdi.contoso.com:3128');
    expect(await run('http://intranet.fabrikam.com/')).toBe('DIRECT local');
    expect(await run('http://www.example.com/')).toBe('PROXY proxy.contoso.com:8080');
  });

  it('myIpAddress returns the injected address', async () => {
    const pac = 'function FindProxyForURL(u, h) { return myIpAddress() + "|" + myIpAddressEx(); }';
    expect(await evaluatePac(pac, 'http://a.example/', { myIpAddress: '192.0.2.44' })).toBe('192.0.2.44|192.0.2.44');
  });

  it('routes dnsResolve, isResolvable and isInNet through the injected resolver', async () => {
    const asked: string[] = [];
    const resolveHost = async (host: string) => {
      asked.push(host);
      return host === 'app.corp.example' ? '10.20.30.40' : null;
    };
    const pac = `function FindProxyForURL(u, h) {
      return [dnsResolve(h), isResolvable(h), isInNet(h, "10.20.0.0", "255.255.0.0"),
              isInNet(h, "192.168.0.0", "255.255.0.0"), dnsResolve("nowhere.example"),
              isInNet("10.9.8.7", "10.0.0.0", "255.0.0.0")].join(","); }`;
    const result = await evaluatePac(pac, 'http://app.corp.example/', { ...base, resolveHost });
    expect(result).toBe('10.20.30.40,true,true,false,,true');
    // Each name asked once (answers are cached across re-runs); an IP literal is never "resolved".
    expect(asked).toEqual(['app.corp.example', 'nowhere.example']);
  });

  it('without a resolver nothing resolves', async () => {
    const pac = 'function FindProxyForURL(u, h) { return String(dnsResolve(h)) + "," + isResolvable(h) + "," + isInNet(h, "0.0.0.0", "0.0.0.0"); }';
    expect(await evaluatePac(pac, 'http://www.example.com/', base)).toBe('null,false,false');
  });

  it('resolves names used by top-level code', async () => {
    const pac = 'var px = dnsResolve("proxy.corp.example"); function FindProxyForURL(u, h) { return "PROXY " + px + ":8080"; }';
    const resolveHost = async (host: string) => (host === 'proxy.corp.example' ? '192.0.2.8' : null);
    expect(await evaluatePac(pac, 'http://a.example/', { ...base, resolveHost })).toBe('PROXY 192.0.2.8:8080');
  });

  it('treats a failing resolver as "does not resolve", and a hanging one as a timeout', async () => {
    const pac = 'function FindProxyForURL(u, h) { return isResolvable(h) ? "PROXY a:1" : "DIRECT"; }';
    const failing = async () => {
      throw new Error('SERVFAIL');
    };
    expect(await evaluatePac(pac, 'http://a.example/', { ...base, resolveHost: failing })).toBe('DIRECT');
    const hanging = () => new Promise<string | null>(() => undefined);
    const started = performance.now();
    const err = await pacError(pac, { resolveHost: hanging, timeoutMs: 300 });
    expect(err.code).toBe(ErrorCode.PacTimeout);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('hands alert() messages to onAlert instead of printing them', async () => {
    const seen: string[] = [];
    const pac = 'function FindProxyForURL(u, h) { alert("checking " + h); return "DIRECT"; }';
    await evaluatePac(pac, 'http://a.example/', { ...base, onAlert: (m) => seen.push(m) });
    expect(seen).toEqual(['checking a.example']);
  });

  it('rejects bad arguments as input errors, not PAC errors', async () => {
    const pac = 'function FindProxyForURL(u, h) { return "DIRECT"; }';
    await expect(evaluatePac(pac, 'not a url', base)).rejects.toBeInstanceOf(MdiInputError);
    await expect(evaluatePac(pac, 'http://a.example/', { myIpAddress: 'me' })).rejects.toBeInstanceOf(MdiInputError);
    await expect(evaluatePac(pac, 'http://a.example/', { ...base, timeoutMs: 0 })).rejects.toBeInstanceOf(MdiInputError);
    await expect(evaluatePac(pac, 'http://a.example/', { ...base, timeoutMs: 2 ** 33 })).rejects.toBeInstanceOf(MdiInputError);
    await expect(evaluatePac(pac, 'http://a.example/', { ...base, memoryLimitBytes: 2 ** 33 })).rejects.toBeInstanceOf(MdiInputError);
  });

  it('keeps concurrent evaluations apart', async () => {
    const pac = 'var calls = 0; function FindProxyForURL(u, h) { calls++; return "PROXY " + dnsResolve(h) + ":" + calls; }';
    const resolveHost = async (host: string) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      return `10.0.0.${host.length}`;
    };
    const hosts = ['a.example', 'bb.example', 'ccc.example', 'dddd.example', 'eeeee.example'];
    const results = await Promise.all(hosts.map((h) => evaluatePac(pac, `http://${h}/`, { ...base, resolveHost })));
    // A VM per evaluation: `calls` never adds up across evaluations, and each answer is its own host's.
    // It is 2 because the call that met an unknown name is asked again once the name is resolved.
    expect(results).toEqual(hosts.map((h) => `PROXY 10.0.0.${h.length}:2`));
  });
});

describe('evaluatePac: broken scripts', () => {
  it.each([
    ['a syntax error', 'function FindProxyForURL(u, h) { return "DIRECT" ', ErrorCode.PacSyntax],
    ['an empty script', '  \n ', ErrorCode.PacSyntax],
    ['no FindProxyForURL', 'var notIt = 1;', ErrorCode.PacSyntax],
    ['FindProxyForURL that is not a function', 'var FindProxyForURL = "DIRECT";', ErrorCode.PacSyntax],
    ['a number result', 'function FindProxyForURL() { return 42; }', ErrorCode.PacRuntime],
    ['an undefined result', 'function FindProxyForURL() { }', ErrorCode.PacRuntime],
    ['an object result whose toString never ends', 'function FindProxyForURL() { return { toString: function () { for (;;) {} } }; }', ErrorCode.PacRuntime],
    ['an async FindProxyForURL', 'async function FindProxyForURL() { return "DIRECT"; }', ErrorCode.PacRuntime],
    ['a throw', 'function FindProxyForURL() { throw new Error("boom"); }', ErrorCode.PacRuntime],
    ['a thrown string', 'function FindProxyForURL() { throw "boom"; }', ErrorCode.PacRuntime],
    ['a throw in top-level code', 'throw new TypeError("early"); function FindProxyForURL() { return "DIRECT"; }', ErrorCode.PacRuntime],
  ])('%s', async (_name, script, code) => {
    expect((await pacError(script)).code).toBe(code);
  });

  it('names what went wrong', async () => {
    expect((await pacError('function FindProxyForURL() { return 42; }')).message).toMatch(/returned number/);
    expect((await pacError('function FindProxyForURL() { throw new Error("boom"); }')).message).toMatch(/boom/);
    expect((await pacError('var x;')).message).toMatch(/does not define a FindProxyForURL/);
  });
});
