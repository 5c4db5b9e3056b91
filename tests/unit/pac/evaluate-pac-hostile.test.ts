// Hostile PAC scripts: each must end in a PacError, promptly, and leave the
// process able to evaluate the next script. The time bounds (< 3 s for a 2 s
// limit) are containment bounds, not performance claims.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { evaluatePac } from '../../../src/pac/evaluate-pac.js';
import { PacError } from '../../../src/pac/pac-error.js';

const URL_ = 'http://www.example.com/';
const OPTIONS = { myIpAddress: '10.1.2.3' };

async function outcome(script: string, extra: { timeoutMs?: number } = {}) {
  const started = performance.now();
  let error: unknown;
  let result: string | undefined;
  try {
    result = await evaluatePac(script, URL_, { ...OPTIONS, ...extra });
  } catch (err) {
    error = err;
  }
  return { result, error: error as PacError, ms: performance.now() - started };
}

describe('evaluatePac: time limit', () => {
  it('stops an endless loop with PacTimeout (QuickJS interrupt)', async () => {
    const { error, ms } = await outcome('function FindProxyForURL(u, h) { while (true) {} }');
    expect(error).toBeInstanceOf(PacError);
    expect(error.code).toBe(ErrorCode.PacTimeout);
    expect(ms).toBeLessThan(3000);
  });

  it('stops an endless loop in top-level code', async () => {
    const { error, ms } = await outcome('for (;;) {} function FindProxyForURL() { return "DIRECT"; }', { timeoutMs: 500 });
    expect(error.code).toBe(ErrorCode.PacTimeout);
    expect(error.message).toMatch(/top-level/);
    expect(ms).toBeLessThan(3000);
  });

  it('stops a loop of slow builtins that starves the interrupt check (watchdog)', async () => {
    // QuickJS polls its interrupt handler every ~10k ops; 10k slow repeats would take minutes.
    const { error, ms } = await outcome('function FindProxyForURL() { for (;;) "x".repeat(1e7); }');
    expect(error.code).toBe(ErrorCode.PacTimeout);
    expect(ms).toBeLessThan(3000);
  });

  it('stops catastrophic regex backtracking', async () => {
    const { error, ms } = await outcome('function FindProxyForURL() { return /(a+)+b/.test("a".repeat(40)) ? "x" : "y"; }', { timeoutMs: 500 });
    expect(error.code).toBe(ErrorCode.PacTimeout);
    expect(ms).toBeLessThan(3000);
  });

  it('stops a thrown object whose message getter never returns', async () => {
    const script = 'function FindProxyForURL() { throw { get message() { for (;;) "x".repeat(1e7); } }; }';
    const { error, ms } = await outcome(script, { timeoutMs: 500 });
    expect(error.code).toBe(ErrorCode.PacTimeout);
    expect(ms).toBeLessThan(3000);
  });
});

describe('evaluatePac: DNS abuse', () => {
  it('caps the number of distinct names one evaluation may resolve', async () => {
    let lookups = 0;
    const resolveHost = async () => {
      lookups++;
      return '10.0.0.1';
    };
    const script = 'function FindProxyForURL() { for (var i = 0; i < 1000; i++) dnsResolve("h" + i + ".example"); return "DIRECT"; }';
    // A generous limit: this is about the cap on names, not about how fast 33 VMs start on a busy machine.
    const err = await evaluatePac(script, URL_, { ...OPTIONS, resolveHost, timeoutMs: 20_000 }).catch((e: unknown) => e);
    expect((err as PacError).code).toBe(ErrorCode.PacRuntime);
    expect((err as PacError).message).toMatch(/more than 32 different host names/);
    expect(lookups).toBe(32);
  });
});

describe('evaluatePac: memory and stack', () => {
  it('fails a 1 GiB array with PacMemory', async () => {
    const { error } = await outcome('function FindProxyForURL() { var a = new Array(1024 * 1024 * 1024); a.fill(0); return "DIRECT"; }');
    expect(error.code).toBe(ErrorCode.PacMemory);
    expect(error.message).toMatch(/out of memory/);
  });

  it('fails a 1 GiB buffer and a 512 MiB string with PacMemory', async () => {
    expect((await outcome('function FindProxyForURL() { return String(new ArrayBuffer(1 << 30).byteLength); }')).error.code).toBe(
      ErrorCode.PacMemory,
    );
    expect((await outcome('function FindProxyForURL() { return "x".repeat(1 << 29).slice(0, 1); }')).error.code).toBe(
      ErrorCode.PacMemory,
    );
  });

  it('fails steady growth with PacMemory before the time limit', async () => {
    const { error } = await outcome('function FindProxyForURL() { var a = []; for (;;) a.push([1, 2, 3, 4, 5, 6, 7, 8]); }', { timeoutMs: 10_000 });
    expect(error.code).toBe(ErrorCode.PacMemory);
  });

  it('fails a recursion bomb with PacRuntime', async () => {
    const { error } = await outcome('function f() { return f() + 1; } function FindProxyForURL() { return f(); }');
    expect(error.code).toBe(ErrorCode.PacRuntime);
    expect(error.message).toMatch(/recursion/);
  });
});

describe('evaluatePac: no way out to Node', () => {
  it.each([
    ['require', 'return typeof require;'],
    ['process', 'return typeof process;'],
    ['globalThis.process', 'return typeof globalThis.process;'],
    ['module', 'return typeof module;'],
    ['Buffer', 'return typeof Buffer;'],
    ['WebAssembly', 'return typeof WebAssembly;'],
    ['fetch', 'return typeof fetch;'],
    ['setTimeout', 'return typeof setTimeout;'],
    ['console', 'return typeof console;'],
    ['std/os (quickjs-libc)', 'return typeof std + typeof os;'],
  ])('%s is not there', async (_name, body) => {
    const result = await evaluatePac(`function FindProxyForURL() { ${body} }`, URL_, OPTIONS);
    expect(result).toMatch(/^(undefined)+$/);
  });

  it.each([
    ['require("child_process")', 'require("child_process").execSync("id"); return "DIRECT";', /ReferenceError: require is not defined/],
    ['process.exit()', 'process.exit(1); return "DIRECT";', /ReferenceError: process is not defined/],
    ['globalThis.process.exit()', 'globalThis.process.exit(1); return "DIRECT";', /TypeError: cannot read property 'exit' of undefined/],
    // The Function constructor escape, in two steps and in one (a call of a call's result).
    ['Function("return process")()', 'var F = this.constructor.constructor; var get = F("return process"); return get().pid;', /ReferenceError: process is not defined/],
    ['this.constructor.constructor("return process")()', 'return this.constructor.constructor("return process")().pid;', /ReferenceError: process is not defined/],
    ['(function(){}).constructor escape', 'var F = (function () {}).constructor; var get = F("return require"); var req = get(); return req("fs");', /ReferenceError: require is not defined/],
  ])('%s is a PacRuntime error', async (_name, body, message) => {
    const { error } = await outcome(`function FindProxyForURL() { ${body} }`);
    expect(error).toBeInstanceOf(PacError);
    expect(error.code).toBe(ErrorCode.PacRuntime);
    expect(error.message).toMatch(message);
  });

  it('import() is not available (rejected at compile time; ES2017 is the PAC language)', async () => {
    const { error } = await outcome('function FindProxyForURL() { import("node:fs"); return "DIRECT"; }');
    expect(error.code).toBe(ErrorCode.PacSyntax);
  });

  it('import() through eval never loads anything: promise jobs never run in the sandbox', async () => {
    const script = `function FindProxyForURL() {
      var state = "pending";
      eval('import("node:child_process")').then(function () { state = "loaded"; }, function (e) { state = "refused: " + e; });
      shExpMatch("a", "a"); // a helper call: the host bridge must not run pending jobs after it
      return state; }`;
    // QuickJS starts a dynamic import as a job; with no job ever run, nothing is loaded or refused.
    const { result, error } = await outcome(script);
    expect(error).toBeUndefined();
    expect(result).toBe('pending');
  });

  it('the process still works after all of the above', async () => {
    expect(await evaluatePac('function FindProxyForURL() { return "DIRECT"; }', URL_, OPTIONS)).toBe('DIRECT');
  });
});
