import { invalidArgument } from '../errors.js';

// 32: every URL of a data location (32 at most, US) through one proxy in one wave, where 16 took
// two (the MDE matrix ran 15-25% faster); still a handful beside what an office proxy carries.
export const DEFAULT_MAX_CONNECTIONS_PER_PROXY = 32;
const MAX_CONNECTIONS_PER_PROXY = 64;

/** Validated up front like every other option: 1 to 64, default 32. */
export function maxConnectionsFrom(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_CONNECTIONS_PER_PROXY;
  if (!Number.isInteger(value) || value < 1 || value > MAX_CONNECTIONS_PER_PROXY) {
    throw invalidArgument(`Connections per proxy must be a whole number from 1 to ${MAX_CONNECTIONS_PER_PROXY}, not ${value}.`);
  }
  return value;
}

/**
 * Runs many probes at once without flooding anyone: at most `perProxy` probes are
 * in flight through any one proxy (and at most that many go direct), and a probe
 * asked for twice (same URL, same proxy: two routes that agree) runs once.
 */
export class ProbeScheduler {
  private readonly perProxy: number;
  private readonly lanes = new Map<string, Lane>();
  private readonly started = new Map<string, Promise<unknown>>();

  constructor(perProxy: number) {
    this.perProxy = perProxy;
  }

  /** Runs `task` in the lane of `proxyKey`; the same `probeKey` again gets the first run's promise. */
  run<T>(proxyKey: string, probeKey: string, task: () => Promise<T>): { result: Promise<T>; shared: boolean } {
    const existing = this.started.get(probeKey) as Promise<T> | undefined;
    if (existing) return { result: existing, shared: true };
    let lane = this.lanes.get(proxyKey);
    if (!lane) this.lanes.set(proxyKey, (lane = new Lane(this.perProxy)));
    const result = lane.run(task);
    this.started.set(probeKey, result);
    return { result, shared: false };
  }
}

/** A counting semaphore: `limit` tasks at a time, the rest wait in order. */
class Lane {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
