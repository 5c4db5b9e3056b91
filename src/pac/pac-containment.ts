// What keeps a PAC script inside its bounds, shared by every run of it (see evaluate-pac.ts for
// the layers): the node:vm watchdog, the DNS wait bounded by the run's deadline, and the mapping
// of whatever stopped the script to a typed PacError.
import vm from 'node:vm';
import { ErrorCode } from '../errors.js';
import { PacError } from './pac-error.js';
import type { QuickJS } from 'quickjs-wasi';
import type { PacEngine } from './quickjs-module.js';

/** How long past the deadline the watchdog waits for QuickJS's own interrupt. */
const WATCHDOG_GRACE_MS = 250;
const MAX_MESSAGE_CHARS = 300;
/** Heap growth within one phase that marks a script stopped at the deadline as a memory bomb. No real PAC allocates this much. */
const MEMORY_BOMB_GROWTH_BYTES = 4 * 1024 * 1024;

/** compile: the script's top-level code; run: one FindProxyForURL call. */
export type Phase = 'compile' | 'run';

/** How much the heap grew during the phase that failed, against the VM's limit. */
export interface Growth {
  bytes: number;
  limit: number;
}

/** Bytes QuickJS has allocated; 0 when the VM cannot say (e.g. V8 stopped it mid-instruction). */
export function memoryInUse(qjs: QuickJS): number {
  try {
    return qjs.getMemoryUsage().memoryUsedSize;
  } catch {
    return 0;
  }
}

// One V8 context and one compiled call, reused: a vm `timeout` is the only
// Node-level way to stop synchronous code (WebAssembly included) from outside.
let watchdog: { context: vm.Context; script: vm.Script } | undefined;

export function underWatchdog(deadline: number, job: () => void): void {
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

/** `answer` (a name's address, or null), or PacTimeout when `deadline` comes first. */
export async function answerWithin(host: string, answer: Promise<string | null>, deadline: number, timeoutMs: number): Promise<string | null> {
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

/** A resolver that throws or rejects means "does not resolve", as for a PAC in a browser. */
export function lookUp(host: string, resolveHost: ((host: string) => Promise<string | null>) | undefined): Promise<string | null> {
  if (!resolveHost) return Promise.resolve(null);
  return Promise.resolve()
    .then(() => resolveHost(host))
    .then(
      (address) => (typeof address === 'string' && address !== '' ? address : null),
      () => null,
    );
}

export function classify(err: unknown, phase: Phase, deadline: number, timeoutMs: number, engine: PacEngine, growth: Growth): PacError {
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

export function describe(err: unknown): { name: string; message: string } {
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
