// Call forms real PAC files use and every engine (WinINet's included) runs. The first four
// failed to compile while the script went through pac-resolver's async rewrite (degenerator),
// which had no name for a callee that is itself a call, a sequence or a conditional; we then
// predicted DIRECT where Windows uses the proxy.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { evaluatePac } from '../../../src/pac/evaluate-pac.js';
import type { PacError } from '../../../src/pac/pac-error.js';

const URL_ = 'https://contososensorapi.atp.azure.com/tri/sensor/api/ping';
const OPTIONS = { myIpAddress: '10.1.2.3' };

describe('PAC call forms', () => {
  it.each([
    ['a returned function called at once: f(x)(y)',
      'function route(p) { return function (u, h) { return p; }; } function FindProxyForURL(url, host) { return route("PROXY proxy.contoso.com:8080")(url, host); }'],
    ['a curried helper call: match(a)(b)',
      'function ends(s) { return function (h) { return dnsDomainIs(h, s); }; } function FindProxyForURL(url, host) { return ends(".azure.com")(host) ? "PROXY proxy.contoso.com:8080" : "DIRECT"; }'],
    ['an indirect call: (0, f)(x)',
      'function FindProxyForURL(url, host) { return (0, shExpMatch)(host, "*.atp.azure.com") ? "PROXY proxy.contoso.com:8080" : "DIRECT"; }'],
    ['a conditional callee: (c ? f : g)(x)',
      'function a() { return "PROXY proxy.contoso.com:8080"; } function b() { return "DIRECT"; } function FindProxyForURL(url, host) { return (isPlainHostName(host) ? b : a)(); }'],
    ['an element of an array of rules: rules[i](h)',
      'var rules = [function (h) { return shExpMatch(h, "*.azure.com") ? "PROXY proxy.contoso.com:8080" : null; }]; function FindProxyForURL(url, host) { return rules[0](host) || "DIRECT"; }'],
    ['FindProxyForURL built by an immediately invoked function',
      'var FindProxyForURL = (function () { var p = "PROXY proxy.contoso.com:8080"; return function (url, host) { return p; }; })();'],
  ])('%s', async (_name, script) => {
    expect(await evaluatePac(script, URL_, OPTIONS)).toBe('PROXY proxy.contoso.com:8080');
  });

  it('still refuses syntax newer than ES2017, with a syntax error', async () => {
    const error = (await evaluatePac('function FindProxyForURL(u, h) { return h?.length ? "DIRECT" : "DIRECT"; }', URL_, OPTIONS).catch((e: unknown) => e)) as PacError;
    expect(error.code).toBe(ErrorCode.PacSyntax);
  });
});

describe('PAC memory bombs under the default limits', () => {
  // Small allocations in a loop: QuickJS's garbage collector slows the growth enough that the
  // 2 s deadline comes before the 32 MiB limit. It used to be reported as MDI_PAC_TIMEOUT.
  it.each([
    ['growing array of strings', 'function FindProxyForURL() { var a = []; for (var i = 0; ; i++) a.push("x" + i); }'],
    ['growing array of objects', 'function FindProxyForURL() { var a = []; for (var i = 0; ; i++) a.push({ i: i, s: "host" + i }); }'],
    ['string doubling (refused by length before memory)', 'function FindProxyForURL() { var s = "x"; for (;;) s = s + s; }'],
  ])('%s is MDI_PAC_MEMORY', async (_name, script) => {
    const error = (await evaluatePac(script, URL_, OPTIONS).catch((e: unknown) => e)) as PacError;
    expect(error.code).toBe(ErrorCode.PacMemory);
    expect(error.message).toMatch(/memory/);
  });

  it('an endless loop that allocates nothing stays MDI_PAC_TIMEOUT', async () => {
    const error = (await evaluatePac('function FindProxyForURL() { for (var i = 0; ; i++) {} }', URL_, OPTIONS).catch((e: unknown) => e)) as PacError;
    expect(error.code).toBe(ErrorCode.PacTimeout);
  });
});
