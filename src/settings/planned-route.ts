import type { ProxySource } from '../contract/types.js';
import type { ProxySpec } from '../request/probe-options.js';

/** One route to probe, and who would take it. */
export interface PlannedRoute {
  source: Exclude<ProxySource, 'Auto'>;
  /** Accounts that take this route (empty for a route given as a parameter). */
  accounts: string[];
  reason: string;
  proxy: ProxySpec | null;
}
