// The firewall's allowed list against the service's tag. Pure.
//  - missing: tag prefixes the list does not cover. A prefix counts as covered when one
//    entry contains it, or when several smaller entries together fill it (two /30s make
//    a /29: traffic to every address of the /29 is allowed either way).
//  - stale: entries that overlap no tag prefix, e.g. left over from an older file.
//  - broader: entries that strictly contain a tag prefix: they open more than the service needs.
//  - covered: how many tag prefixes are covered.
// IPv4 entries never cover IPv6 prefixes, and the other way round.

import type { FirewallComparison } from '../contract/types.js';
import { prefixContains, prefixKey, prefixRange, prefixesOverlap, type Prefix } from './cidr.js';
import type { FirewallEntry } from './firewall-list.js';

export function compareFirewall(tagPrefixes: readonly Prefix[], entries: readonly FirewallEntry[]): FirewallComparison {
  const tags = unique(tagPrefixes);
  const firewall = unique(entries.map((entry) => entry.prefix));
  const missing: string[] = [];
  let covered = 0;
  for (const tag of tags) {
    if (isCovered(tag, firewall)) covered++;
    else missing.push(tag.text);
  }
  const stale = firewall.filter((entry) => !tags.some((tag) => prefixesOverlap(entry, tag))).map((entry) => entry.text);
  const broader = firewall.filter((entry) => tags.some((tag) => entry.bits < tag.bits && prefixContains(entry, tag))).map((entry) => entry.text);
  return { missing, stale, broader, covered, passed: missing.length === 0 && stale.length === 0 };
}

function isCovered(tag: Prefix, firewall: readonly Prefix[]): boolean {
  if (firewall.some((entry) => prefixContains(entry, tag))) return true;
  // Smaller entries inside the tag prefix: do they add up to all of it?
  const inside = firewall.filter((entry) => prefixContains(tag, entry)).map(prefixRange).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const [first, last] = prefixRange(tag);
  let next = first;
  for (const [start, end] of inside) {
    if (start > next) return false;
    if (end >= next) next = end + 1n;
    if (next > last) return true;
  }
  return false;
}

/** First spelling of each block, in order. */
function unique(prefixes: readonly Prefix[]): Prefix[] {
  const seen = new Set<string>();
  return prefixes.filter((prefix) => {
    const key = prefixKey(prefix);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
