import { describe, expect, it } from 'vitest';
import { ProbeScheduler, maxConnectionsFrom } from '../../../src/probe/scheduler.js';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('ProbeScheduler', () => {
  it.each([1, 2, 5, 16])('never has more than %i probes in flight through one proxy', async (limit) => {
    const scheduler = new ProbeScheduler(limit);
    const inFlight = new Map<string, number>();
    const peak = new Map<string, number>();
    const task = (proxy: string) => async (): Promise<string> => {
      inFlight.set(proxy, (inFlight.get(proxy) ?? 0) + 1);
      peak.set(proxy, Math.max(peak.get(proxy) ?? 0, inFlight.get(proxy)!));
      await tick(2);
      inFlight.set(proxy, inFlight.get(proxy)! - 1);
      return proxy;
    };
    const runs = ['a', 'b', 'direct'].flatMap((proxy) => Array.from({ length: 23 }, (_, i) => scheduler.run(proxy, `${proxy}-${i}`, task(proxy)).result));
    expect((await Promise.all(runs)).length).toBe(69);
    // Each lane reaches its bound (the work is parallel) and never passes it.
    for (const proxy of ['a', 'b', 'direct']) expect(peak.get(proxy)).toBe(Math.min(limit, 23));
  });

  it('runs an identical probe once and tells the second caller it shares the result', async () => {
    const scheduler = new ProbeScheduler(4);
    let calls = 0;
    const task = async (): Promise<number> => ++calls;
    const first = scheduler.run('p', 'url p', task);
    const second = scheduler.run('p', 'url p', task);
    expect([first.shared, second.shared]).toEqual([false, true]);
    expect(await second.result).toBe(await first.result);
    expect(calls).toBe(1);
  });

  it('frees the slot of a failed probe', async () => {
    const scheduler = new ProbeScheduler(1);
    const failed = scheduler.run('p', 'x', async () => { throw new Error('boom'); }).result;
    await expect(failed).rejects.toThrow('boom');
    await expect(scheduler.run('p', 'y', async () => 'next').result).resolves.toBe('next');
  });

  it.each([[undefined, 32], [1, 1], [64, 64]])('takes %s connections per proxy as %i', (given, expected) => {
    expect(maxConnectionsFrom(given)).toBe(expected);
  });

  it.each([0, 65, 2.5, Number.NaN, -1])('refuses %s connections per proxy', (given) => {
    expect(() => maxConnectionsFrom(given)).toThrow(/Connections per proxy must be a whole number from 1 to 64/);
  });
});
