// Runs a PAC script's FindProxyForURL in a QuickJS (WebAssembly) sandbox.
//
// Layers of containment, each because the one before it can be bypassed:
//  - QuickJS has no require/process/import loader: the script sees only the
//    language and the PAC helpers we hand it (see pac-sandbox.ts).
//  - QuickJS's memory limit turns a huge allocation into "out of memory".
//  - QuickJS's interrupt handler stops a busy loop at the deadline. It is only
//    consulted every few thousand bytecode ops, so a loop whose every step is a
//    slow builtin (`for(;;) "x".repeat(1e7)`) could starve it for minutes...
//  - ...hence a watchdog: all synchronous QuickJS work runs inside a node:vm
//    call with `timeout`, whose watchdog thread terminates V8 execution,
//    WebAssembly included. The VM is thrown away after that.
//  - Each evaluation gets a fresh VM instance, so nothing leaks between scripts.
import { isIP } from 'node:net';
import vm from 'node:vm';
import { ErrorCode, invalidArgument } from '../errors.js';
import { PacError } from './pac-error.js';
import type { QuickJS } from 'quickjs-wasi';
import { installHelpers, makeSandbox, normalizeHost, type DnsState } from './pac-sandbox.js';
import { loadPacEngine, type PacEngine } from './quickjs-module.js';

export interface EvaluatePacOptions {
  /** What `myIpAddress()` returns; the real interfaces are never probed. */
  myIpAddress: string;
  /** Resolves a name for dnsResolve/isResolvable/isInNet. Absent: every name is unresolvable (no DNS at all). */
  resolveHost?: (host: string) => Promise<string | null>;
  /** Whole evaluation, DNS included. Default 2000 ms. */
  timeoutMs?: number;
  /** QuickJS heap limit. Default 32 MiB. */
  memoryLimitBytes?: number;
  /** Receives the script's alert() messages (from the run whose result is returned). */
  onAlert?: (message: string) => void;
}

export const DEFAULT_PAC_TIMEOUT_MS = 2000;
export const DEFAULT_PAC_MEMORY_BYTES = 32 * 1024 * 1024;
const MAX_TIMEOUT_MS = 10 * 60 * 1000;
const MAX_MEMORY_BYTES = 1024 * 1024 * 1024;
/** Distinct names one evaluation may look up; each costs a re-run of the script. */
const MAX_LOOKUPS = 32;
/** How long past the deadline the watchdog waits for QuickJS's own interrupt. */
const WATCHDOG_GRACE_MS = 250;
const MAX_MESSAGE_CHARS = 300;
/** Heap growth within one phase that marks a script stopped at the deadline as a memory bomb. No real PAC allocates this much. */
const MEMORY_BOMB_GROWTH_BYTES = 4 * 1024 * 1024;
/** How often a running script's heap is measured (each measurement walks the heap). */
const HEAP_SAMPLE_MS = 100;

type Phase = 'compile' | 'run';
/** When the evaluation's time is up; set once its first VM exists. */
type Clock = { deadline: number | undefined };
type Outcome = { kind: 'done'; value: string } | { kind: 'needDns'; host: string };

/**
 * Evaluates `FindProxyForURL(url, host)` and returns its raw string result.
 * Throws PacError (PacSyntax, PacTimeout, PacMemory, PacRuntime) for anything the script does wrong;
 * MdiInputError for a bad `url` or options.
 */
export async function evaluatePac(script: string, url: string, options: EvaluatePacOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PAC_TIMEOUT_MS;
  const memoryLimit = options.memoryLimitBytes ?? DEFAULT_PAC_MEMORY_BYTES;
  validate(script, url, options, timeoutMs, memoryLimit);
  // The clock starts when the script first gets to run, not when the call was made: the VMs of
  // concurrent evaluations (one per URL in mde-test) are created one after another, and time spent
  // waiting for the others is not the script's.
  const clock: Clock = { deadline: undefined };
  if (script.trim() === '') throw new PacError(ErrorCode.PacSyntax, 'The PAC script is empty.');

  const engine = await loadPacEngine();
  checkSyntax(engine, script, timeoutMs);
  const cache = new Map<string, string | null>();
  for (let lookups = 0; ; lookups++) {
    const alerts: string[] = [];
    const dns: DnsState = { cache, missing: undefined };
    const outcome = await runOnce(engine, script, url, { ...options, timeoutMs, memoryLimit }, dns, alerts, clock);
    if (outcome.kind === 'done') {
      for (const message of alerts) options.onAlert?.(message);
      return outcome.value;
    }
    if (lookups >= MAX_LOOKUPS) {
      throw new PacError(ErrorCode.PacRuntime, `The PAC script looked up more than ${MAX_LOOKUPS} different host names.`);
    }
    cache.set(outcome.host, await resolveWithin(outcome.host, options.resolveHost, clock.deadline ?? performance.now() + timeoutMs, timeoutMs));
  }
}

function validate(script: unknown, url: string, options: EvaluatePacOptions, timeoutMs: number, memory: number): void {
  if (typeof script !== 'string') throw invalidArgument('The PAC script must be a string.');
  if (!URL.canParse(url) || new URL(url).hostname === '') throw invalidArgument(`Not an absolute URL with a host: ${url}`);
  if (isIP(normalizeHost(options.myIpAddress)) === 0) {
    throw invalidArgument(`myIpAddress must be an IP address, got: ${String(options.myIpAddress)}`);
  }
  // Upper bounds: node:vm takes a 32-bit timeout, and QuickJS's limit is a 32-bit size inside WebAssembly.
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
    throw invalidArgument(`timeoutMs must be between 1 and ${MAX_TIMEOUT_MS}.`);
  }
  if (!Number.isInteger(memory) || memory < 1024 * 1024 || memory > MAX_MEMORY_BYTES) {
    throw invalidArgument(`memoryLimitBytes must be between 1 MiB and ${MAX_MEMORY_BYTES} bytes.`);
  }
}

/** The syntax gate: esprima parses ES2017 at most, like the PAC engines Windows uses. Once per script, not per run. */
function checkSyntax(engine: PacEngine, script: string, timeoutMs: number): void {
  const deadline = performance.now() + timeoutMs;
  try {
    underWatchdog(deadline, () => engine.parseScript(script));
  } catch (err) {
    throw classify(err, 'compile', deadline, timeoutMs, engine, { bytes: 0, limit: 0 });
  }
}

/** One run of the script in a fresh VM: its result, or the first name it needs resolved. */
async function runOnce(
  engine: PacEngine,
  script: string,
  url: string,
  options: EvaluatePacOptions & { timeoutMs: number; memoryLimit: number },
  dns: DnsState,
  alerts: string[],
  clock: Clock,
): Promise<Outcome> {
  // The heap's peak, sampled while the script runs and at the moment the deadline stops it: once
  // the exception unwinds, whatever the script held is freed. Sampling is spaced out because it
  // walks the whole heap; the last sample is all there is when the watchdog (not QuickJS) stops it.
  const heap = { peak: 0, sampledAt: 0 };
  const vm: { qjs?: QuickJS } = {};
  const sample = (now: number): void => {
    if (!vm.qjs) return;
    heap.peak = Math.max(heap.peak, memoryInUse(vm.qjs));
    heap.sampledAt = now;
  };
  const qjs = await engine.QuickJS.create({
    wasm: engine.wasm,
    memoryLimit: options.memoryLimit,
    // A DNS miss aborts the run at once (interrupts cannot be caught by the script).
    interruptHandler: () => {
      if (dns.missing !== undefined) return true;
      if (clock.deadline === undefined) return false;
      const now = performance.now();
      if (now > clock.deadline) {
        sample(now);
        return true;
      }
      if (now - heap.sampledAt > HEAP_SAMPLE_MS) sample(now);
      return false;
    },
    // QuickJS may print internal diagnostics to fd 1/2; our stdout carries JSON, so swallow them.
    wasi: () => ({ fd_write: () => 0 }),
  }).catch((err: unknown) => {
    // Before any script runs: the machine, not the PAC, is at fault.
    throw new PacError(ErrorCode.Internal, `The PAC engine could not start: ${describe(err).message}`, { cause: err });
  });
  vm.qjs = qjs;
  clock.deadline ??= performance.now() + options.timeoutMs;
  const deadline = clock.deadline;
  let phase: Phase = 'compile';
  let baseline = 0;
  try {
    let result = '';
    underWatchdog(deadline, () => {
      // The script runs as written (checked once by checkSyntax): our helpers are synchronous, so
      // nothing needs rewriting. pac-resolver's async rewrite refused calls such as f(x)(y).
      installHelpers(qjs, { ...engine.stockHelpers, ...makeSandbox({ myIpAddress: normalizeHost(options.myIpAddress), dns, alerts }) });
      baseline = memoryInUse(qjs);
      qjs.evalCode(script, 'proxy.pac').dispose();
      const kind = qjs.evalCode('typeof FindProxyForURL', 'check.js');
      const defined = qjs.dump(kind) === 'function';
      kind.dispose();
      if (!defined) throw new PacError(ErrorCode.PacSyntax, 'The PAC script does not define a FindProxyForURL function.');
      phase = 'run';
      baseline = memoryInUse(qjs);
      heap.peak = baseline;
      // The result becomes a plain string inside the VM, so nothing of the script (a getter of a
      // returned object, say) runs once we leave the watchdog.
      const href = new URL(url);
      const call = `(function (u, h) { var r = FindProxyForURL(u, h);
        return typeof r === "string" ? "S" + r : "T" + (r === null ? "null" : typeof r); })`;
      const handle = qjs.evalCode(`${call}(${JSON.stringify(href.href)}, ${JSON.stringify(href.hostname)})`, 'call.js');
      result = handle.isString ? String(qjs.dump(handle)) : 'Tunknown';
      handle.dispose();
    });
    if (dns.missing !== undefined) return { kind: 'needDns', host: dns.missing };
    if (result.startsWith('S')) return { kind: 'done', value: result.slice(1) };
    throw new PacError(ErrorCode.PacRuntime, `FindProxyForURL returned ${result.slice(1)}, not a string.`);
  } catch (err) {
    if (dns.missing !== undefined) return { kind: 'needDns', host: dns.missing };
    // Stopped by the watchdog inside a long builtin (say Array.prototype.fill), QuickJS never
    // unwound: its heap still holds what the script built, so one more sample sees it.
    if ((err as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') sample(performance.now());
    const growth = { bytes: heap.peak - baseline, limit: options.memoryLimit };
    throw classify(err, phase, deadline, options.timeoutMs, engine, growth);
  } finally {
    qjs.dispose();
  }
}

/** Bytes QuickJS has allocated; 0 when the VM cannot say (e.g. V8 stopped it mid-instruction). */
function memoryInUse(qjs: QuickJS): number {
  try {
    return qjs.getMemoryUsage().memoryUsedSize;
  } catch {
    return 0;
  }
}

// One V8 context and one compiled call, reused: a vm `timeout` is the only
// Node-level way to stop synchronous code (WebAssembly included) from outside.
let watchdog: { context: vm.Context; script: vm.Script } | undefined;

function underWatchdog(deadline: number, job: () => void): void {
  watchdog ??= { context: vm.createContext({ job: undefined }), script: new vm.Script('job()') };
  const { context, script } = watchdog;
  const timeout = Math.max(1, Math.ceil(deadline - performance.now() + WATCHDOG_GRACE_MS));
  context.job = job;
  try {
    script.runInContext(context, { timeout });
  } finally {
    context.job = undefined;
  }
}

async function resolveWithin(
  host: string,
  resolveHost: EvaluatePacOptions['resolveHost'],
  deadline: number,
  timeoutMs: number,
): Promise<string | null> {
  if (!resolveHost) return null;
  // A resolver that throws or rejects means "does not resolve", as for a PAC in a browser.
  const answer = Promise.resolve()
    .then(() => resolveHost(host))
    .then(
      (address) => (typeof address === 'string' && address !== '' ? address : null),
      () => null,
    );
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), Math.max(0, deadline - performance.now()));
  });
  try {
    const result = await Promise.race([answer, expired]);
    if (result === 'expired') {
      throw new PacError(ErrorCode.PacTimeout, `Resolving ${host} for the PAC script took longer than ${timeoutMs} ms.`);
    }
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/** How much the heap grew during the phase that failed, against the VM's limit. */
interface Growth {
  bytes: number;
  limit: number;
}

function classify(err: unknown, phase: Phase, deadline: number, timeoutMs: number, engine: PacEngine, growth: Growth): PacError {
  if (err instanceof PacError) return err;
  const { name, message } = describe(err);
  const code = (err as { code?: unknown } | null)?.code;
  const where = phase === 'compile' ? "the script's top-level code" : 'FindProxyForURL';
  if (code === 'ERR_SCRIPT_EXECUTION_TIMEOUT' || (/interrupted/.test(message) && performance.now() >= deadline)) {
    // A heap that kept growing until the deadline is a memory bomb slowed down by its own
    // garbage collection, not slow code: say so rather than blame the time limit.
    if (growth.bytes > 0 && growth.bytes >= Math.min(MEMORY_BOMB_GROWTH_BYTES, growth.limit / 4)) {
      return new PacError(ErrorCode.PacMemory,
        `The PAC script ran out of memory: ${where} held about ${mib(growth.bytes)} MiB more than at its start and was still allocating when stopped at ${timeoutMs} ms (a memory bomb).`, { cause: err });
    }
    return new PacError(ErrorCode.PacTimeout, `${where} did not finish within ${timeoutMs} ms.`, { cause: err });
  }
  // QuickJS refuses a string over 2^30 characters before allocating it ("string too long").
  if (/out of memory|string too long/i.test(message)) {
    return new PacError(ErrorCode.PacMemory, `The PAC script ran out of memory (sandbox limit reached: ${message}).`, { cause: err });
  }
  if (name === 'RangeError' && /call stack/i.test(message)) {
    return new PacError(ErrorCode.PacRuntime, 'The PAC script exhausted the call stack (runaway recursion).', {
      cause: err,
    });
  }
  if (phase === 'compile') {
    if (/FindProxyForURL.*(is not defined|to be defined)/.test(message)) {
      return new PacError(ErrorCode.PacSyntax, 'The PAC script does not define a FindProxyForURL function.', {
        cause: err,
      });
    }
    // esprima's errors carry a lineNumber; degenerator's own limits are plain Errors; QuickJS says SyntaxError.
    if (name === 'SyntaxError' || !(err instanceof engine.JSException)) {
      return new PacError(ErrorCode.PacSyntax, `The PAC script cannot be compiled: ${message}`, { cause: err });
    }
    return new PacError(ErrorCode.PacRuntime, `The PAC script's top-level code threw ${name}: ${message}`, {
      cause: err,
    });
  }
  return new PacError(ErrorCode.PacRuntime, `FindProxyForURL threw ${name}: ${message}`, { cause: err });
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

function describe(err: unknown): { name: string; message: string } {
  let name = 'a value';
  let message = '';
  try {
    if (err instanceof Error) {
      name = err.name;
      message = err.message;
    } else {
      message = String(err);
    }
  } catch {
    message = '(unreadable error)';
  }
  return { name, message: message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message };
}
