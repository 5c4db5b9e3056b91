// Resolves the names to check, at most 8 at once, all within one budget (--timeout-sec
// bounds the whole check, as it does for `test`). A name that does not resolve, or not in
// time, is a result with its reason, never an exception.

import { Deadline } from '../probe/deadline.js';
import { resolveHost } from '../probe/resolve.js';
import type { HostTarget } from './host-selection.js';
import { term } from '../front-end.js';

export type Resolver = (host: string, port: number, overrides: Map<string, string[]>) => Promise<string[]>;

export interface Resolution {
  target: HostTarget;
  addresses: string[] | null;
  error: string | null;
}

export const MAX_PARALLEL_LOOKUPS = 8;

export async function resolveTargets(
  targets: readonly HostTarget[],
  overrides: Map<string, string[]>,
  timeoutMs: number,
  resolver: Resolver = resolveHost,
): Promise<Resolution[]> {
  const deadline = new Deadline(timeoutMs);
  const results: Resolution[] = new Array<Resolution>(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const index = next++;
      results[index] = await resolveOne(targets[index]!, overrides, deadline, resolver);
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL_LOOKUPS, targets.length) }, worker));
  return results;
}

async function resolveOne(target: HostTarget, overrides: Map<string, string[]>, deadline: Deadline, resolver: Resolver): Promise<Resolution> {
  if (deadline.remainingMs() === 0) {
    return { target, addresses: null, error: `Not resolved: the ${deadline.timeoutMs / 1000} s budget (${term('timeout')}) ran out before its turn.` };
  }
  try {
    // A lookup cannot be cancelled; past the deadline its answer is simply ignored.
    const addresses = await deadline.race('dns', resolver(target.host, target.port, overrides), () => undefined);
    return { target, addresses, error: null };
  } catch (error) {
    return { target, addresses: null, error: error instanceof Error ? error.message : String(error) };
  }
}
