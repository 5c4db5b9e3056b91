// One PAC script, evaluated once in one QuickJS VM, then asked FindProxyForURL for as many URLs
// as the caller has (WinHTTP's auto-proxy does the same: one script, many calls). Creating a VM
// and running the top-level code costs milliseconds; a call costs microseconds.
//
// Each call keeps the bounds a fresh evaluation had: its own deadline (started when the call
// first runs, DNS waits included), the VM's memory limit, the watchdog. Runs are synchronous, so
// calls from concurrent callers never interleave inside the VM; only their DNS waits overlap.
// A call that fails in any way (a throw, a timeout, the memory limit) is that URL's PacError,
// and the VM is thrown away: the next call gets a fresh one, its top-level code run again,
// because a VM stopped mid-instruction by the watchdog is in no state to be trusted.
import { ErrorCode, invalidArgument } from '../errors.js';
import type { QuickJS } from 'quickjs-wasi';
import { PacError } from './pac-error.js';
import { answerWithin, classify, describe, lookUp, memoryInUse, underWatchdog, type Phase } from './pac-containment.js';
import { installHelpers, makeSandbox, normalizeHost, type DnsState } from './pac-sandbox.js';
import type { PacEngine } from './quickjs-module.js';

export interface ProgramSettings {
  myIpAddress: string;
  resolveHost?: (host: string) => Promise<string | null>;
  timeoutMs: number;
  memoryLimit: number;
  onAlert?: (message: string) => void;
}

/** When a run's time is up; set when its first run starts. */
export type Clock = { deadline: number | undefined };

/** Distinct names one evaluation may look up; each costs a re-run. */
const MAX_LOOKUPS = 32;
/** How often a running script's heap is measured (each measurement walks the heap). */
const HEAP_SAMPLE_MS = 100;

type Outcome = { kind: 'done'; value: string } | { kind: 'needDns'; host: string };

export class PacProgram {
  private readonly engine: PacEngine;
  private readonly script: string;
  private readonly settings: ProgramSettings;
  /** One DNS state for every run: answers are shared; `missing` is reset as each run starts. */
  private readonly dns: DnsState & { cache: Map<string, string | null> };
  private readonly lookups = new Map<string, Promise<string | null>>();
  private readonly alerts: string[] = [];
  /** The run in progress (runs never overlap: they are synchronous). */
  private deadline: number | undefined;
  private readonly heap = { peak: 0, sampledAt: 0 };
  private vm: Promise<QuickJS> | null = null;
  /** The VM calls use (set once its top-level code has run, or while it runs). */
  private current: QuickJS | undefined;
  private running: QuickJS | undefined;
  private disposed = false;

  constructor(engine: PacEngine, script: string, settings: ProgramSettings) {
    this.engine = engine;
    this.script = script;
    this.settings = settings;
    this.dns = { cache: new Map(), missing: undefined };
  }

  /** Runs the top-level code (once; again only after a failed call threw the VM away). */
  start(clock: Clock): Promise<QuickJS> {
    if (this.disposed) return Promise.reject(new PacError(ErrorCode.Internal, 'The PAC program was disposed.'));
    const starting = this.startVm(clock);
    this.vm = starting;
    starting.catch(() => {
      if (this.vm === starting) this.vm = null;
    });
    return starting;
  }

  /** FindProxyForURL(url, host) as a string; PacError for what the script does wrong with this URL. */
  async findProxyForUrl(url: URL, clock: Clock = { deadline: undefined }): Promise<string> {
    if (url.hostname === '') throw invalidArgument(`Not an absolute URL with a host: ${url.href}`);
    for (let lookups = 0; ; ) {
      const qjs = await (this.vm ?? this.start(clock));
      // Another call may have failed (and thrown this VM away) while this one waited for it.
      if (qjs !== this.current) continue;
      clock.deadline ??= performance.now() + this.settings.timeoutMs;
      const outcome = this.run(qjs, 'run', clock.deadline, () => {
        // The result becomes a plain string inside the VM, so nothing of the script (a getter of a
        // returned object, say) runs once we leave the watchdog.
        const call = `(function (u, h) { var r = FindProxyForURL(u, h);
          return typeof r === "string" ? "S" + r : "T" + (r === null ? "null" : typeof r); })`;
        const handle = qjs.evalCode(`${call}(${JSON.stringify(url.href)}, ${JSON.stringify(url.hostname)})`, 'call.js');
        const result = handle.isString ? String(qjs.dump(handle)) : 'Tunknown';
        handle.dispose();
        if (result.startsWith('S')) return result.slice(1);
        throw new PacError(ErrorCode.PacRuntime, `FindProxyForURL returned ${result.slice(1)}, not a string.`);
      });
      if (outcome.kind === 'done') return outcome.value;
      await this.resolve(outcome.host, lookups++, clock.deadline);
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.current) this.discard(this.current);
  }

  private async startVm(clock: Clock): Promise<QuickJS> {
    for (let lookups = 0; ; lookups++) {
      const qjs = await this.createVm();
      if (this.disposed) {
        qjs.dispose();
        throw new PacError(ErrorCode.Internal, 'The PAC program was disposed.');
      }
      this.current = qjs;
      clock.deadline ??= performance.now() + this.settings.timeoutMs;
      const outcome = this.run(qjs, 'compile', clock.deadline, () => {
        // The script runs as written (checked once by checkSyntax): our helpers are synchronous, so
        // nothing needs rewriting. pac-resolver's async rewrite refused calls such as f(x)(y).
        qjs.evalCode(this.script, 'proxy.pac').dispose();
        const kind = qjs.evalCode('typeof FindProxyForURL', 'check.js');
        const defined = qjs.dump(kind) === 'function';
        kind.dispose();
        if (!defined) throw new PacError(ErrorCode.PacSyntax, 'The PAC script does not define a FindProxyForURL function.');
        return '';
      });
      if (outcome.kind === 'done') return qjs;
      // The top-level code needs a name: a fresh VM runs it again once the name is known.
      this.current = undefined;
      qjs.dispose();
      await this.resolve(outcome.host, lookups, clock.deadline);
    }
  }

  private async createVm(): Promise<QuickJS> {
    const qjs = await this.engine.QuickJS.create({
      wasm: this.engine.wasm,
      memoryLimit: this.settings.memoryLimit,
      // A DNS miss aborts the run at once (interrupts cannot be caught by the script).
      interruptHandler: () => {
        if (this.dns.missing !== undefined) return true;
        if (this.deadline === undefined) return false;
        const now = performance.now();
        if (now > this.deadline) {
          this.sample(now);
          return true;
        }
        if (now - this.heap.sampledAt > HEAP_SAMPLE_MS) this.sample(now);
        return false;
      },
      // QuickJS may print internal diagnostics to fd 1/2; our stdout carries JSON, so swallow them.
      wasi: () => ({ fd_write: () => 0 }),
    }).catch((err: unknown) => {
      // Before any script runs: the machine, not the PAC, is at fault.
      throw new PacError(ErrorCode.Internal, `The PAC engine could not start: ${describe(err).message}`, { cause: err });
    });
    try {
      const sandbox = makeSandbox({ myIpAddress: normalizeHost(this.settings.myIpAddress), dns: this.dns, alerts: this.alerts });
      underWatchdog(performance.now() + this.settings.timeoutMs, () => installHelpers(qjs, { ...this.engine.stockHelpers, ...sandbox }));
    } catch (err) {
      qjs.dispose();
      throw new PacError(ErrorCode.Internal, `The PAC engine could not start: ${describe(err).message}`, { cause: err });
    }
    return qjs;
  }

  /**
   * One synchronous run under the watchdog: its result (alerts handed over), or the first name it
   * needs resolved. Any failure throws that run's PacError and throws the VM away.
   */
  private run(qjs: QuickJS, phase: Phase, deadline: number, job: () => string): Outcome {
    // The heap's peak, sampled while the script runs and at the moment the deadline stops it: once
    // the exception unwinds, whatever the script held is freed. Sampling is spaced out because it
    // walks the whole heap; the last sample is all there is when the watchdog (not QuickJS) stops it.
    this.dns.missing = undefined;
    this.alerts.length = 0;
    this.deadline = deadline;
    this.running = qjs;
    const baseline = memoryInUse(qjs);
    this.heap.peak = baseline;
    this.heap.sampledAt = performance.now();
    let value = '';
    try {
      underWatchdog(deadline, () => {
        value = job();
      });
    } catch (err) {
      if (this.dns.missing === undefined) {
        // Stopped by the watchdog inside a long builtin (say Array.prototype.fill), QuickJS never
        // unwound: its heap still holds what the script built, so one more sample sees it.
        if ((err as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') this.sample(performance.now());
        const growth = { bytes: this.heap.peak - baseline, limit: this.settings.memoryLimit };
        this.discard(qjs);
        throw classify(err, phase, deadline, this.settings.timeoutMs, this.engine, growth);
      }
    } finally {
      this.deadline = undefined;
      this.running = undefined;
    }
    if (this.dns.missing !== undefined) return { kind: 'needDns', host: this.dns.missing };
    for (const message of this.alerts) this.settings.onAlert?.(message);
    return { kind: 'done', value };
  }

  private sample(now: number): void {
    if (!this.running) return;
    this.heap.peak = Math.max(this.heap.peak, memoryInUse(this.running));
    this.heap.sampledAt = now;
  }

  /** Resolves `host` for the script (one lookup per name, shared by concurrent calls), within `deadline`. */
  private async resolve(host: string, lookups: number, deadline: number): Promise<void> {
    if (lookups >= MAX_LOOKUPS) {
      throw new PacError(ErrorCode.PacRuntime, `The PAC script looked up more than ${MAX_LOOKUPS} different host names.`);
    }
    let answer = this.lookups.get(host);
    if (!answer) {
      answer = lookUp(host, this.settings.resolveHost);
      this.lookups.set(host, answer);
      void answer.then((address) => this.dns.cache.set(host, address));
    }
    this.dns.cache.set(host, await answerWithin(host, answer, deadline, this.settings.timeoutMs));
  }

  private discard(qjs: QuickJS): void {
    if (this.current === qjs) {
      this.current = undefined;
      this.vm = null;
    }
    qjs.dispose();
  }
}
