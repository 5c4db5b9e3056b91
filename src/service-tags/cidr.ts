// Addresses and CIDR prefixes for the service-tag checks. Parsing and containment go
// through ipaddr.js; the syntax check in front of it is ours, because a public service
// tags file holds tens of thousands of prefixes and ipaddr's own validators cost
// microseconds each (see the note in src/wininet/bypass.ts).
//
// Rules (each has a test):
//  - IPv4 is four decimal octets without leading zeros (no 10.1, 010.0.0.1, 0x0a...):
//    the only spelling Microsoft publishes and a firewall export writes.
//  - IPv6 is the usual hex groups with at most one "::" and an optional dotted IPv4 tail;
//    no zone id ("%eth0"): a prefix has no interface.
//  - The two families never mix: an IPv4 address is never inside an IPv6 prefix, and an
//    IPv6 prefix written over the IPv4-mapped space (::ffff:0:0/96) is still IPv6.
//  - A resolved IPv4-mapped IPv6 address (::ffff:20.36.120.113) is checked as the IPv4
//    address it carries: that is where a dual-stack socket really connects.

import ipaddr from 'ipaddr.js';

export type Family = 'IPv4' | 'IPv6';
type Address = ipaddr.IPv4 | ipaddr.IPv6;

export interface Prefix {
  /** As written in the file or the firewall list (trimmed). */
  text: string;
  family: Family;
  network: Address;
  bits: number;
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const DOTTED_QUAD = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const BITS = /^(?:0|[1-9]\d{0,2})$/;
/** The common case of a published file, checked in one step. */
const IPV4_CIDR = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}/(?:3[0-2]|[12]\\d|\\d)$`);

function isIPv6Text(text: string): boolean {
  if (text.length > 45 || !/^[0-9a-f:.]+$/i.test(text)) return false;
  let groups = text;
  if (text.includes('.')) {
    // A dotted IPv4 tail stands for the last two groups.
    const colon = text.lastIndexOf(':');
    if (colon < 0 || !DOTTED_QUAD.test(text.slice(colon + 1))) return false;
    groups = `${text.slice(0, colon + 1)}0:0`;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return false;
  const parts = halves.map((half) => (half === '' ? [] : half.split(':')));
  if (!parts.every((part) => part.every((group) => HEX_GROUP.test(group)))) return false;
  const count = parts.reduce((sum, part) => sum + part.length, 0);
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** The family of an address written the strict way, or null. */
export function addressFamily(text: string): Family | null {
  if (DOTTED_QUAD.test(text)) return 'IPv4';
  return text.includes(':') && isIPv6Text(text) ? 'IPv6' : null;
}

/**
 * Why `text` is not a prefix (address/bits; a bare address too when `bareAllowed`),
 * or null when it is one. Cheap: no allocation beyond a split.
 */
export function prefixProblem(text: string, bareAllowed = false): string | null {
  if (IPV4_CIDR.test(text)) return null;
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const family = addressFamily(addressText);
  if (!family) {
    if (/^\d+(\.\d+){1,3}$/.test(addressText)) return 'an IPv4 address is four decimal octets from 0 to 255, without leading zeros';
    return 'not an IPv4 or IPv6 address';
  }
  if (slash < 0) return bareAllowed ? null : 'the prefix length (/bits) is missing';
  const bitsText = text.slice(slash + 1);
  const max = family === 'IPv4' ? 32 : 128;
  if (!BITS.test(bitsText) || Number(bitsText) > max) return `the prefix length must be a number from 0 to ${max}`;
  return null;
}

/** Parses a prefix that passed prefixProblem(); a bare address becomes /32 or /128. */
export function parsePrefix(text: string): Prefix {
  const slash = text.indexOf('/');
  const network = ipaddr.parse(slash < 0 ? text : text.slice(0, slash));
  const family: Family = network.kind() === 'ipv4' ? 'IPv4' : 'IPv6';
  const bits = slash < 0 ? (family === 'IPv4' ? 32 : 128) : Number(text.slice(slash + 1));
  return { text, family, network, bits };
}

/** A resolved address: its family for the report and the form to match (IPv4 for a mapped address). */
export function parseAddress(text: string): { family: Family; address: Address } | null {
  if (!ipaddr.isValid(text)) return null;
  // process() turns ::ffff:a.b.c.d into a.b.c.d and keeps everything else as it is.
  const address = ipaddr.process(text);
  return { family: address.kind() === 'ipv4' ? 'IPv4' : 'IPv6', address };
}

export function prefixHolds(prefix: Prefix, address: Address): boolean {
  return prefix.network.kind() === address.kind() && address.match(prefix.network, prefix.bits);
}

/** `outer` contains every address of `inner` (equal prefixes contain each other). */
export function prefixContains(outer: Prefix, inner: Prefix): boolean {
  return outer.family === inner.family && outer.bits <= inner.bits && prefixHolds(outer, inner.network);
}

/** CIDR blocks either nest or are disjoint, so two overlap exactly when one contains the other. */
export function prefixesOverlap(a: Prefix, b: Prefix): boolean {
  return prefixContains(a, b) || prefixContains(b, a);
}

/** First and last address as integers, for adding up several small blocks. */
export function prefixRange(prefix: Prefix): [bigint, bigint] {
  const width = prefix.family === 'IPv4' ? 32 : 128;
  let value = 0n;
  for (const byte of prefix.network.toByteArray()) value = (value << 8n) | BigInt(byte);
  const hostBits = BigInt(width - prefix.bits);
  const first = (value >> hostBits) << hostBits;
  return [first, first + (1n << hostBits) - 1n];
}

/** The canonical text of a prefix, for de-duplicating "20.36.120.112/29" and its other spellings. */
export function prefixKey(prefix: Prefix): string {
  return `${prefix.network.toString()}/${prefix.bits}`;
}
