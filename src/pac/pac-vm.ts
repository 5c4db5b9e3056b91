// The QuickJS VM behind a PacProgram: made once, its top-level code run once, then called per
// URL. Everything that ties a run to the VM lives here: the helpers (synchronous, reading one
// shared DNS cache), the interrupt handler (the run's deadline, a DNS miss), the heap samples
// that tell a memory bomb from slow code, and throwing the VM away after any failure.
import { ErrorCode } from '../errors.js';
import type { QuickJS } from 'quickjs-wasi';
import { PacError } from './pac-error.js';
import { classify, describe, memoryInUse, underWatchdog, type Phase } from './pac-containment.js';
import { installHelpers, makeSandbox, normalizeHost, type DnsState } from './pac-sandbox.js';
import type { PacEngine } from './quickjs-module.js';

export interface PacVmSettings {
  myIpAddress: string;
  resolveHost?: (host: string) => Promise<string | null>;
  timeoutMs: number;
  memoryLimit: number;
  onAlert?: (message: string) => void;
}

/** A run's result, or the first name it needs resolved (the run was aborted; ask again once it is known). */
export type Outcome = { kind: 'done'; value: string } | { kind: 'needDns'; host: string };

type Resolve = (host: string, lookups: number, deadline: number) => Promise<void>;

/** How often a running script's heap is measured (each measurement walks the heap). */
const HEAP_SAMPLE_MS = 100;

export class PacVm {
  private readonly engine: PacEngine;
  private readonly script: string;
  private readonly settings: PacVmSettings;
  private readonly resolve: Resolve;
  /** One DNS state for every run: answers are shared; `missing` is reset as each run starts. */
  private readonly dns: DnsState & { cache: Map<string, string | null> } = { cache: new Map(), missing: undefined };
  private readonly alerts: string[] = [];
  /** The run in progress (runs never overlap: they are synchronous). */
  private deadline: number | undefined;
  private running: QuickJS | undefined;
  private readonly heap = { peak: 0, baseline: 0, sampledAt: 0 };
  private starting: Promise<QuickJS> | null = null;
  /** The VM calls use, once its top-level code has run. */
  private current: QuickJS | undefined;
  private disposed = false;

  constructor(engine: PacEngine, script: string, settings: PacVmSettings, resolve: Resolve) {
    this.engine = engine;
    this.script = script;
    this.settings = settings;
    this.resolve = resolve;
  }

  /** The VM, its top-level code run (again, after a failure threw the last one away). */
  ready(clock: { deadline: number | undefined }): Promise<QuickJS> {
    if (this.starting) return this.starting;
    if (this.disposed) return Promise.reject(new PacError(ErrorCode.Internal, 'The PAC program was disposed.'));
    const starting = this.start(clock);
    this.starting = starting;
    starting.catch(() => {
      if (this.starting === starting) this.starting = null;
    });
    return starting;
  }

  isCurrent(qjs: QuickJS): boolean {
    return this.current === qjs;
  }

  learn(host: string, address: string | null): void {
    this.dns.cache.set(host, address);
  }

  /** FindProxyForURL for one URL; the caller holds the watchdog. Throws the call's PacError (and drops the VM). */
  call(qjs: QuickJS, url: URL, deadline: number): Outcome {
    return this.run(qjs, 'run', deadline, () => {
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
  }

  /** The watchdog stopped a run of `qjs`: the PacError it means. The VM is dropped. */
  stopped(qjs: QuickJS, err: unknown, deadline: number, phase: Phase = 'run'): PacError {
    // Stopped inside a long builtin (say Array.prototype.fill), QuickJS never unwound: its heap
    // still holds what the script built, so one more sample sees it.
    // (V8 ran no finally block on its way out, so the run's state is reset here.)
    this.running = qjs;
    if ((err as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') this.sample(performance.now());
    this.running = undefined;
    this.deadline = undefined;
    const growth = { bytes: this.heap.peak - this.heap.baseline, limit: this.settings.memoryLimit };
    this.drop(qjs);
    return classify(err, phase, deadline, this.settings.timeoutMs, this.engine, growth);
  }

  dispose(): void {
    this.disposed = true;
    if (this.current) this.drop(this.current);
  }

  private async start(clock: { deadline: number | undefined }): Promise<QuickJS> {
    for (let lookups = 0; ; lookups++) {
      const qjs = await this.create();
      if (this.disposed) {
        qjs.dispose();
        throw new PacError(ErrorCode.Internal, 'The PAC program was disposed.');
      }
      clock.deadline ??= performance.now() + this.settings.timeoutMs;
      const deadline = clock.deadline;
      let outcome: Outcome;
      try {
        underWatchdog(deadline, () => {
          outcome = this.run(qjs, 'compile', deadline, () => {
            // The script runs as written (checked once by checkSyntax): our helpers are synchronous, so
            // nothing needs rewriting. pac-resolver's async rewrite refused calls such as f(x)(y).
            qjs.evalCode(this.script, 'proxy.pac').dispose();
            const kind = qjs.evalCode('typeof FindProxyForURL', 'check.js');
            const defined = qjs.dump(kind) === 'function';
            kind.dispose();
            if (!defined) throw new PacError(ErrorCode.PacSyntax, 'The PAC script does not define a FindProxyForURL function.');
            return '';
          });
        });
      } catch (err) {
        throw err instanceof PacError ? err : this.stopped(qjs, err, deadline, 'compile');
      }
      if (outcome!.kind === 'done') {
        this.current = qjs;
        return qjs;
      }
      // The top-level code needs a name: a fresh VM runs it again once the name is known.
      qjs.dispose();
      await this.resolve(outcome!.host, lookups, deadline);
    }
  }

  private async create(): Promise<QuickJS> {
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
   * One synchronous run (under the caller's watchdog): its result (alerts handed over), or the
   * first name it needs resolved. A failure inside QuickJS throws the run's PacError and drops the VM.
   */
  private run(qjs: QuickJS, phase: Phase, deadline: number, job: () => string): Outcome {
    // The heap's peak, sampled while the script runs and at the moment the deadline stops it: once
    // the exception unwinds, whatever the script held is freed. Sampling is spaced out because it
    // walks the whole heap; the last sample is all there is when the watchdog (not QuickJS) stops it.
    this.dns.missing = undefined;
    this.alerts.length = 0;
    this.deadline = deadline;
    this.running = qjs;
    this.heap.baseline = memoryInUse(qjs);
    this.heap.peak = this.heap.baseline;
    this.heap.sampledAt = performance.now();
    let value: string;
    try {
      value = job();
    } catch (err) {
      if (this.dns.missing !== undefined) return { kind: 'needDns', host: this.dns.missing };
      const growth = { bytes: this.heap.peak - this.heap.baseline, limit: this.settings.memoryLimit };
      this.drop(qjs);
      throw classify(err, phase, deadline, this.settings.timeoutMs, this.engine, growth);
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

  private drop(qjs: QuickJS): void {
    if (this.current === qjs) {
      this.current = undefined;
      this.starting = null;
    }
    qjs.dispose();
  }
}
