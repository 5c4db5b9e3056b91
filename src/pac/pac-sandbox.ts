// The host-side PAC helpers that replace pac-resolver's networked ones.
//
// pac-resolver's own `myIpAddress` opens a TCP socket to 8.8.8.8:53 and its
// `dnsResolve`/`isResolvable`/`isInNet` call the system resolver. A diagnostics
// tool must not do either behind the admin's back, so those four (and the
// Microsoft `…Ex` variants) are replaced here by functions that only read a
// cache filled from the caller's `resolveHost`.
//
// The helpers are synchronous on purpose. A PAC that asks for a name not yet in
// the cache gets `null` and the evaluation is flagged to be aborted and re-run
// once the name is resolved (the way Chromium's "non-blocking DNS" PAC mode
// works). Handing host promises into QuickJS instead (pac-resolver's async
// mode) lets an interrupted continuation surface as an unhandled rejection in
// Node, which would crash the CLI.
import { isIP } from 'node:net';
import type { JSValueHandle, QuickJS } from 'quickjs-wasi';

/** pac-resolver helpers that touch the network; each must be replaced below. */
export const NETWORKED_HELPERS = ['dnsResolve', 'isResolvable', 'isInNet', 'myIpAddress'] as const;

/** What one run of the script learned about names: answers known so far, and the first unknown name. */
export interface DnsState {
  readonly cache: ReadonlyMap<string, string | null>;
  missing: string | undefined;
}

export interface SandboxOptions {
  myIpAddress: string;
  dns: DnsState;
  alerts: string[];
}

const MAX_ALERTS = 100;
const MAX_ALERT_CHARS = 1000;

type HostFunction = (...args: unknown[]) => unknown;

/** Lower-cased host name without a trailing dot or IPv6 brackets: the cache key. */
export function normalizeHost(value: unknown): string {
  let host = String(value ?? '').trim().toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host;
}

/** Dotted IPv4 to an unsigned 32-bit number; null for anything else. */
export function parseIPv4(value: unknown): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(String(value ?? '').trim());
  if (!m) return null;
  let n = 0;
  for (const part of m.slice(1)) {
    const octet = Number(part);
    if (octet > 255) return null;
    n = n * 256 + octet;
  }
  return n;
}

export function makeSandbox(options: SandboxOptions): Record<string, HostFunction> {
  const { dns, alerts } = options;

  function lookup(value: unknown): string | null {
    const host = normalizeHost(value);
    if (host === '') return null;
    if (isIP(host) !== 0) return host;
    const known = dns.cache.get(host);
    if (known !== undefined || dns.cache.has(host)) return known ?? null;
    // Remember only the first miss: the run is aborted right after, and the
    // next run asks again for whatever comes next.
    dns.missing ??= host;
    return null;
  }

  function isInNet(host: unknown, pattern: unknown, mask: unknown): boolean {
    const address = parseIPv4(lookup(host));
    const net = parseIPv4(pattern);
    const bits = parseIPv4(mask);
    if (address === null || net === null || bits === null) return false;
    // `>>> 0` keeps the bitwise results unsigned so they compare equal.
    return (address & bits) >>> 0 === (net & bits) >>> 0;
  }

  return {
    alert: (message: unknown) => {
      if (alerts.length < MAX_ALERTS) alerts.push(String(message ?? '').slice(0, MAX_ALERT_CHARS));
    },
    myIpAddress: () => options.myIpAddress,
    dnsResolve: (host: unknown) => lookup(host),
    isResolvable: (host: unknown) => lookup(host) !== null,
    isInNet,
    // Microsoft's IPv6-aware extensions, which some corporate PACs call from
    // FindProxyForURL too; they return '' rather than null when unknown.
    myIpAddressEx: () => options.myIpAddress,
    dnsResolveEx: (host: unknown) => lookup(host) ?? '',
    isResolvableEx: (host: unknown) => lookup(host) !== null,
  };
}

/**
 * Puts each helper on the VM's global object. Arguments arrive as plain values and results go
 * back as strings, numbers, booleans or null: the helpers never hand the script a host object.
 */
export function installHelpers(qjs: QuickJS, helpers: Record<string, (...args: never[]) => unknown>): void {
  for (const [name, helper] of Object.entries(helpers)) {
    const call = helper as (...args: unknown[]) => unknown;
    const fn = qjs.newFunction(name, (...args: JSValueHandle[]) => toHandle(qjs, call(...args.map((arg) => qjs.dump(arg)))));
    qjs.setProp(qjs.global, name, fn);
    fn.dispose();
  }
}

function toHandle(qjs: QuickJS, value: unknown): JSValueHandle {
  switch (typeof value) {
    case 'string':
      return qjs.newString(value);
    case 'number':
      return qjs.newNumber(value);
    case 'boolean':
      return value ? qjs.true : qjs.false;
    default:
      return value === null ? qjs.null : qjs.undefined;
  }
}
