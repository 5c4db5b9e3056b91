// One PAC script, evaluated once in one QuickJS VM, then asked FindProxyForURL for as many URLs
// as the caller has (WinHTTP's auto-proxy does the same: one script, many calls). Creating a VM
// and running the top-level code costs milliseconds; a call costs microseconds, and the calls
// asked for at the same time run one after another under one watchdog (starting the watchdog's
// thread costs more than a call).
//
// Each call keeps the bounds a fresh evaluation had: its own deadline (started when the call
// first runs, DNS waits included), the VM's memory limit, the watchdog. A call that fails in any
// way (a throw, a timeout, the memory limit) is that URL's PacError, and the VM is thrown away:
// the calls after it get a fresh one, its top-level code run again, because a VM stopped
// mid-instruction by the watchdog is in no state to be trusted.
import { ErrorCode, invalidArgument } from '../errors.js';
import type { QuickJS } from 'quickjs-wasi';
import { PacError } from './pac-error.js';
import { answerWithin, lookUp, underWatchdog } from './pac-containment.js';
import { PacVm, type PacVmSettings, type Outcome } from './pac-vm.js';
import type { PacEngine } from './quickjs-module.js';

/** When a call's time is up; set when it first runs. */
export type Clock = { deadline: number | undefined };

/** Distinct names one call may look up; each costs a re-run. */
const MAX_LOOKUPS = 32;

interface Call {
  url: URL;
  clock: Clock;
  lookups: number;
  resolve: (value: string) => void;
  reject: (reason: unknown) => void;
}

export class PacProgram {
  private readonly vm: PacVm;
  private readonly settings: PacVmSettings;
  private readonly lookups = new Map<string, Promise<string | null>>();
  private readonly queue: Call[] = [];
  private flushing = false;

  constructor(engine: PacEngine, script: string, settings: PacVmSettings) {
    this.settings = settings;
    this.vm = new PacVm(engine, script, settings, (host, lookups, deadline) => this.resolve(host, lookups, deadline));
  }

  /** Runs the top-level code; PacError for a script that cannot be used at all. */
  async start(clock: Clock): Promise<void> {
    await this.vm.ready(clock);
  }

  /** FindProxyForURL(url, host) as a string; PacError for what the script does wrong with this URL. */
  findProxyForUrl(url: URL, clock: Clock = { deadline: undefined }): Promise<string> {
    if (url.hostname === '') return Promise.reject(invalidArgument(`Not an absolute URL with a host: ${url.href}`));
    return new Promise((resolve, reject) => this.enqueue({ url, clock, lookups: 0, resolve, reject }));
  }

  dispose(): void {
    this.vm.dispose();
  }

  private enqueue(call: Call): void {
    this.queue.push(call);
    if (this.flushing) return;
    this.flushing = true;
    // Calls asked for in the same turn (mde-test asks for every URL at once) share one batch.
    queueMicrotask(() => void this.flush());
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        let qjs: QuickJS;
        try {
          qjs = await this.vm.ready(this.queue[0]!.clock);
        } catch (err) {
          // The top-level code failed when run again: every waiting URL gets that answer.
          for (const call of this.queue.splice(0)) call.reject(err);
          continue;
        }
        if (!this.vm.isCurrent(qjs)) continue;
        const left = this.runBatch(qjs, this.queue.splice(0));
        this.queue.unshift(...left);
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * The calls one after another under one watchdog window of one call's length. A call the
   * window cut short (it started late in the batch) has not failed: it runs again, first in the
   * next batch and with its full time. Returns the calls still to run, in order.
   */
  private runBatch(qjs: QuickJS, batch: Call[]): Call[] {
    const windowEnd = performance.now() + this.settings.timeoutMs;
    batch[0]!.clock.deadline ??= windowEnd;
    let index = 0;
    let failure: { call: Call; error: PacError } | null = null;
    try {
      underWatchdog(windowEnd, () => {
        for (; index < batch.length && !failure; index++) {
          const call = batch[index]!;
          call.clock.deadline ??= performance.now() + this.settings.timeoutMs;
          try {
            this.settle(call, this.vm.call(qjs, call.url, Math.min(call.clock.deadline, windowEnd)));
          } catch (err) {
            failure = { call, error: err as PacError };
          }
        }
      });
    } catch (err) {
      // The watchdog stopped the call at `index` inside a long builtin.
      failure = { call: batch[index]!, error: this.vm.stopped(qjs, err, windowEnd) };
      index++;
    }
    if (!failure) return [];
    // Every failure throws the VM away: the calls after this one wait for a fresh one.
    const { call, error } = failure as { call: Call; error: PacError };
    const rest = batch.slice(index);
    if (error.code === ErrorCode.PacTimeout && (call.clock.deadline ?? 0) > windowEnd) {
      call.clock.deadline = undefined;
      return [call, ...rest];
    }
    call.reject(error);
    return rest;
  }

  private settle(call: Call, outcome: Outcome): void {
    if (outcome.kind === 'done') {
      call.resolve(outcome.value);
      return;
    }
    // The name is looked up outside the VM; the call is asked again once it is known.
    this.resolve(outcome.host, call.lookups++, call.clock.deadline!).then(() => this.enqueue(call), call.reject);
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
      void answer.then((address) => this.vm.learn(host, address));
    }
    this.vm.learn(host, await answerWithin(host, answer, deadline, this.settings.timeoutMs));
  }
}
