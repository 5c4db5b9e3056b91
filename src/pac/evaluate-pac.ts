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
//  - Each script gets its own VM, so nothing leaks between scripts. compilePac
//    keeps that VM for many URLs of the same script (pac-program.ts).
import { isIP } from 'node:net';
import { ErrorCode, invalidArgument } from '../errors.js';
import { PacError } from './pac-error.js';
import { classify, underWatchdog } from './pac-containment.js';
import { PacProgram, type Clock } from './pac-program.js';
import { normalizeHost } from './pac-sandbox.js';
import { loadPacEngine, type PacEngine } from './quickjs-module.js';

export type { PacProgram } from './pac-program.js';

export interface EvaluatePacOptions {
  /** What `myIpAddress()` returns; the real interfaces are never probed. */
  myIpAddress: string;
  /** Resolves a name for dnsResolve/isResolvable/isInNet. Absent: every name is unresolvable (no DNS at all). */
  resolveHost?: (host: string) => Promise<string | null>;
  /**
   * evaluatePac: the whole evaluation, DNS included. compilePac: the top-level code, and then
   * each FindProxyForURL call on its own (its DNS included). Default 2000 ms.
   */
  timeoutMs?: number;
  /** QuickJS heap limit. Default 32 MiB. */
  memoryLimitBytes?: number;
  /** Receives the script's alert() messages (from the runs whose results are returned). */
  onAlert?: (message: string) => void;
}

export const DEFAULT_PAC_TIMEOUT_MS = 2000;
export const DEFAULT_PAC_MEMORY_BYTES = 32 * 1024 * 1024;
const MAX_TIMEOUT_MS = 10 * 60 * 1000;
const MAX_MEMORY_BYTES = 1024 * 1024 * 1024;

/**
 * Evaluates `FindProxyForURL(url, host)` once, in a VM of its own, and returns its raw string result.
 * Throws PacError (PacSyntax, PacTimeout, PacMemory, PacRuntime) for anything the script does wrong;
 * MdiInputError for a bad `url` or options.
 */
export async function evaluatePac(script: string, url: string, options: EvaluatePacOptions): Promise<string> {
  const target = absoluteUrl(url);
  // One clock for the whole evaluation. It starts when the script first gets to run, not when the
  // call was made: time spent waiting for other evaluations' VMs is not the script's.
  const clock: Clock = { deadline: undefined };
  const program = await open(script, options, clock);
  try {
    return await program.findProxyForUrl(target, clock);
  } finally {
    program.dispose();
  }
}

/**
 * Evaluates the script's top-level code once and keeps the VM, for asking FindProxyForURL about
 * many URLs (`program.findProxyForUrl(new URL(...))`, each call bounded on its own). Throws the
 * PacError of a script that cannot be used at all; dispose() the program when done.
 */
export function compilePac(script: string, options: EvaluatePacOptions): Promise<PacProgram> {
  return open(script, options, { deadline: undefined });
}

async function open(script: string, options: EvaluatePacOptions, clock: Clock): Promise<PacProgram> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PAC_TIMEOUT_MS;
  const memoryLimit = options.memoryLimitBytes ?? DEFAULT_PAC_MEMORY_BYTES;
  validate(script, options, timeoutMs, memoryLimit);
  if (script.trim() === '') throw new PacError(ErrorCode.PacSyntax, 'The PAC script is empty.');
  const engine = await loadPacEngine();
  checkSyntax(engine, script, timeoutMs);
  const program = new PacProgram(engine, script, { ...options, timeoutMs, memoryLimit });
  await program.start(clock);
  return program;
}

/** A URL FindProxyForURL can be asked about; MdiInputError otherwise. */
export function absoluteUrl(url: string): URL {
  if (!URL.canParse(url) || new URL(url).hostname === '') throw invalidArgument(`Not an absolute URL with a host: ${url}`);
  return new URL(url);
}

function validate(script: unknown, options: EvaluatePacOptions, timeoutMs: number, memory: number): void {
  if (typeof script !== 'string') throw invalidArgument('The PAC script must be a string.');
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
