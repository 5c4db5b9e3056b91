// Is a resolved address inside the service's tag? Pure. The most specific prefix that
// holds the address is reported (tags may overlap: OneDsCollector and
// MicrosoftDefenderForEndpoint both hold some ranges).

import type { ServiceTagAddress, ServiceTagHostResult } from '../contract/types.js';
import { parseAddress, prefixHolds } from './cidr.js';
import type { TagPrefix } from './tag-selection.js';

export function locateAddress(text: string, prefixes: readonly TagPrefix[]): ServiceTagAddress {
  const parsed = parseAddress(text);
  if (!parsed) {
    // resolveHost only returns what isIP() accepts, so this is a guard, not a path users meet.
    return { address: text, family: text.includes(':') ? 'IPv6' : 'IPv4', inTag: false, prefix: null, tag: null };
  }
  let best: TagPrefix | null = null;
  for (const candidate of prefixes) {
    if (prefixHolds(candidate.prefix, parsed.address) && (!best || candidate.prefix.bits > best.prefix.bits)) best = candidate;
  }
  return { address: text, family: parsed.family, inTag: best !== null, prefix: best?.prefix.text ?? null, tag: best?.tag ?? null };
}

/** One host's result: passed when it resolved to at least one address and every one is in the tag. */
export function hostResult(host: string, addresses: string[] | null, error: string | null, prefixes: readonly TagPrefix[]): ServiceTagHostResult {
  if (!addresses) return { host, addresses: [], passed: false, error: error ?? 'The name did not resolve.' };
  const located = addresses.map((address) => locateAddress(address, prefixes));
  if (located.length === 0) return { host, addresses: [], passed: false, error: 'The name resolved to no address.' };
  return { host, addresses: located, passed: located.every((a) => a.inTag), error: null };
}
