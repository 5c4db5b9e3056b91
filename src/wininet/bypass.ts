// The WinINet/WinHTTP proxy bypass list (`ProxyOverride`, FACTS §5). Pure: no I/O.
//
// Lenient on purpose, unlike the proxy string: WinINet skips an entry it cannot read and
// bypasses on the rest, so one junk entry must not hide what the others do. Junk is kept
// as an `unusable` rule with a reason so the report can show it.
//
// Decisions where the sources disagree or are silent (each has a test naming it):
//  - `*` is a glob anywhere in a host entry: any run of characters (dots included, empty
//    allowed), whole-host match, case-insensitive. IE documents leading `*.x` and
//    trailing `10.*`; Wine's WinHTTP reads only a leading `*.`; Chromium's reader of the
//    Windows list globs (base::MatchPattern). The glob is the superset of these, so
//    `a*.contoso.com` and `*.contoso.*` work.
//  - `*.contoso.com` matches subdomains but not `contoso.com` itself (Wine's
//    domain_matches says so explicitly); `*contoso.com` matches both. A bare name
//    matches that name only, never its subdomains.
//  - `<local>`: a host name without a dot that is not an IP literal. `localhost` and
//    `intranet` match; `127.0.0.1`, `[::1]` and `a.b` do not; `intranet.` (trailing dot)
//    does not either: names are compared as text, and the dot is in the text.
//  - Implicit loopback: Windows bypasses localhost, 127.0.0.1, ::1 and link-local
//    (169.254/16, fe80::/10) on its own unless the list holds `<-loopback>` (the set
//    Chromium records for Windows). Reported as rule '<implicit loopback>'.
//  - CIDR (`10.0.0.0/8`, `[2001:db8::]/32`) is supported through ipaddr.js. Classic
//    WinINet compares entries as text and may not honour CIDR; Chromium does.
//    The route reason flags a CIDR match so nobody mistakes it for a WinINet certainty.
//  - `https://host` applies to that scheme only; `host:8080` to that port only (the URL's
//    default port counts). An IPv6 literal takes a port only in brackets.
//  - A leading dot (`.contoso.com`), an IPv4 address not written as four decimal octets
//    (`010.0.0.1`, `10.1`), an IPv6 wildcard, a path, `@` are unusable: URL hosts are
//    canonical, so such an entry could never match and is better reported than kept.
//  - Internationalised names are converted to punycode, the form URL hosts arrive in.
//  - An IPv4-mapped IPv6 URL host (`[::ffff:10.0.0.1]`) is not matched by IPv4 entries:
//    Windows compares the host as written, and so do we.

import { domainToASCII } from 'node:url';
import ipaddr from 'ipaddr.js';

interface Scoped {
  text: string;
  /** Only URLs of this scheme (from an `https://` prefix). */
  scheme?: string;
  /** Only URLs to this port (explicit or the scheme's default). */
  port?: number;
}

export type BypassRule =
  | { kind: 'local'; text: string }
  | { kind: 'no-loopback'; text: string }
  | (Scoped & { kind: 'host'; pattern: string })
  | (Scoped & { kind: 'ip'; address: string; prefix: number })
  | { kind: 'unusable'; text: string; reason: string };

export interface BypassResult {
  bypassed: boolean;
  /** The entry as written, or '<implicit loopback>'. */
  rule?: string;
}

export interface BypassOptions {
  /** Apply Windows' implicit loopback/link-local bypass (default true). */
  implicitLoopback?: boolean;
}

export const IMPLICIT_LOOPBACK_RULE = '<implicit loopback>';

const RULE_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'ftp', 'ws', 'wss']);
const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ftp: 21, ws: 80, wss: 443 };
const HOST_CHARS = /^[\p{L}\p{M}\p{N}_.*-]+$/u;
const MAX_HOST = 255;

// Four decimal octets, no leading zeros: the only IPv4 spelling a URL host arrives in.
// Checked by hand: ipaddr's isValidFourPartDecimal throws internally on a name and costs
// ~20 µs each, which the fuzz and 64 KiB tests noticed.
const DOTTED_QUAD = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function unusable(text: string, reason: string): BypassRule {
  return { kind: 'unusable', text, reason };
}

/** Split a `:port` off; undefined port text when there is none. */
function takePort(rest: string): { head: string; portText: string | undefined } {
  const colon = rest.lastIndexOf(':');
  return colon < 0 ? { head: rest, portText: undefined } : { head: rest.slice(0, colon), portText: rest.slice(colon + 1) };
}

function parsePort(portText: string | undefined): number | undefined | null {
  if (portText === undefined) return undefined;
  if (!/^\d{1,5}$/.test(portText)) return null;
  const port = Number(portText);
  return port >= 1 && port <= 65535 ? port : null;
}

type ScopedBody = { kind: 'host'; pattern: string } | { kind: 'ip'; address: string; prefix: number };

function scoped(text: string, scheme: string | undefined, port: number | undefined, body: ScopedBody): BypassRule {
  const rule: BypassRule = { text, ...body };
  if (scheme !== undefined) rule.scheme = scheme;
  if (port !== undefined) rule.port = port;
  return rule;
}

function ipRule(text: string, scheme: string | undefined, port: number | undefined, addr: string, bits?: number): BypassRule {
  const parsed = ipaddr.parse(addr);
  const prefix = bits ?? (parsed.kind() === 'ipv4' ? 32 : 128);
  return scoped(text, scheme, port, { kind: 'ip', address: parsed.toString(), prefix });
}

// `[v6]`, `[v6]:port`, `[v6]/bits`.
function parseBracketed(text: string, rest: string, scheme: string | undefined): BypassRule {
  const close = rest.indexOf(']');
  if (close < 0) return unusable(text, 'the "[" of an IPv6 address is never closed');
  const inside = rest.slice(1, close);
  const after = rest.slice(close + 1);
  if (!ipaddr.IPv6.isValid(inside)) return unusable(text, 'the bracketed part is not an IPv6 address');
  if (after.startsWith('/')) {
    if (!ipaddr.IPv6.isValidCIDR(`${inside}${after}`)) return unusable(text, 'not an IPv6 CIDR block');
    return ipRule(text, scheme, undefined, inside, Number(after.slice(1)));
  }
  if (after !== '' && !after.startsWith(':')) return unusable(text, 'only ":port" or "/bits" may follow "]"');
  const port = parsePort(after === '' ? undefined : after.slice(1));
  if (port === null) return unusable(text, 'the port must be a number between 1 and 65535');
  return ipRule(text, scheme, port, inside);
}

function parseRule(text: string): BypassRule {
  const lower = text.toLowerCase();
  if (lower === '<local>') return { kind: 'local', text };
  if (lower === '<-loopback>') return { kind: 'no-loopback', text };
  if (lower.startsWith('<')) return unusable(text, 'not a special entry Windows knows (<local>, <-loopback>)');
  let rest = lower;
  let scheme: string | undefined;
  const prefix = /^([a-z][a-z0-9+.-]*):\/\//.exec(rest);
  if (prefix) {
    scheme = prefix[1] ?? '';
    if (!RULE_SCHEMES.has(scheme)) return unusable(text, `'${scheme.slice(0, 20)}://' is not a scheme a request can have here`);
    rest = rest.slice(prefix[0].length);
    if (rest.endsWith('/')) rest = rest.slice(0, -1); // `https://host/` as copied from a browser
  }
  if (/[@?#\\]/.test(rest)) return unusable(text, 'an entry is a host pattern, not a URL with credentials or a path');
  if (rest.startsWith('[')) return parseBracketed(text, rest, scheme);
  if (rest.indexOf(':') !== rest.lastIndexOf(':')) {
    // Two colons or more: a bare IPv6 address or block, which cannot take a port.
    if (ipaddr.IPv6.isValid(rest)) return ipRule(text, scheme, undefined, rest);
    if (ipaddr.IPv6.isValidCIDR(rest)) {
      const [addr, bits] = rest.split('/');
      return ipRule(text, scheme, undefined, addr ?? '', Number(bits));
    }
    return unusable(text, rest.includes('*') ? 'IPv6 wildcards are not supported; use a CIDR block' : 'not an IPv6 address');
  }
  const { head, portText } = takePort(rest);
  const port = parsePort(portText);
  if (port === null) return unusable(text, 'the port must be a number between 1 and 65535');
  if (head.includes('/')) {
    if (!/^[0-9.]+\/\d+$/.test(head)) return unusable(text, 'an entry is a host pattern, not a URL with credentials or a path');
    const [addr = '', bits = ''] = head.split('/');
    if (!DOTTED_QUAD.test(addr) || Number(bits) > 32) return unusable(text, 'not an IPv4 CIDR block (a.b.c.d/bits)');
    return ipRule(text, scheme, port, addr, Number(bits));
  }
  return parseHostPattern(text, head, scheme, port);
}

function parseHostPattern(text: string, head: string, scheme: string | undefined, port: number | undefined): BypassRule {
  if (head === '') return unusable(text, 'no host');
  if (head.length > MAX_HOST) return unusable(text, `longer than ${MAX_HOST} characters`);
  if (!HOST_CHARS.test(head)) return unusable(text, 'holds characters a host name cannot have');
  if (DOTTED_QUAD.test(head)) return ipRule(text, scheme, port, head);
  if (/^[0-9.]+$/.test(head)) return unusable(text, 'not an IPv4 address written as four decimal octets, so no URL host can equal it');
  if (head.startsWith('.')) return unusable(text, 'a leading dot matches nothing on Windows; write *' + head.slice(0, 60));
  if (head.includes('..')) return unusable(text, 'an empty label matches no host');
  let pattern = head;
  if (!/^[a-z0-9_.*-]+$/.test(head)) {
    pattern = domainToASCII(head);
    if (pattern === '') return unusable(text, 'not a valid internationalised name');
  }
  return scoped(text, scheme, port, { kind: 'host', pattern });
}

/**
 * Parse a bypass list. Separators: `;`, whitespace, and `,` (not a Windows separator,
 * but it turns up in lists pasted from no_proxy, and no host contains a comma).
 * Never throws; unreadable entries come back as `unusable` with a reason.
 */
export function parseBypassList(text: string): BypassRule[] {
  const rules: BypassRule[] = [];
  for (const token of text.split(/[;,\s]+/)) {
    if (token !== '') rules.push(parseRule(token));
  }
  return rules;
}

/** The entries that will be ignored, for the report. */
export function unusableRules(rules: readonly BypassRule[]): Array<{ text: string; reason: string }> {
  return rules.flatMap((r) => (r.kind === 'unusable' ? [{ text: r.text, reason: r.reason }] : []));
}

/**
 * Glob match, `*` = any run of characters. Iterative with one backtrack point, so
 * O(pattern × host) at worst and never exponential (unlike a RegExp built from the entry).
 */
export function globMatch(pattern: string, host: string): boolean {
  let p = 0;
  let h = 0;
  let star = -1;
  let mark = 0;
  while (h < host.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = h;
    } else if (p < pattern.length && pattern[p] === host[h]) {
      p++;
      h++;
    } else if (star >= 0) {
      p = star + 1;
      h = ++mark;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

interface Target {
  host: string; // as the URL canonicalised it, brackets included for IPv6
  scheme: string;
  port: number;
  ip: ipaddr.IPv4 | ipaddr.IPv6 | null;
}

function targetOf(url: URL): Target {
  const scheme = url.protocol.slice(0, -1);
  const host = url.hostname.toLowerCase();
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  const ip = DOTTED_QUAD.test(bare) || (host.startsWith('[') && ipaddr.IPv6.isValid(bare)) ? ipaddr.parse(bare) : null;
  return { host, scheme, port: url.port === '' ? (DEFAULT_PORTS[scheme] ?? 0) : Number(url.port), ip };
}

/** Whether one rule matches the URL (ignores the implicit loopback set). */
export function ruleMatches(rule: BypassRule, url: URL): boolean {
  return matches(rule, targetOf(url));
}

function matches(rule: BypassRule, t: Target): boolean {
  switch (rule.kind) {
    case 'local':
      return t.host !== '' && t.ip === null && !t.host.includes('.');
    case 'no-loopback':
    case 'unusable':
      return false;
    case 'host':
      return inScope(rule, t) && globMatch(rule.pattern, t.host);
    case 'ip': {
      if (!inScope(rule, t) || t.ip === null) return false;
      const net = ipaddr.parse(rule.address);
      return net.kind() === t.ip.kind() && t.ip.match(net, rule.prefix);
    }
  }
}

function inScope(rule: Scoped, t: Target): boolean {
  return (rule.scheme === undefined || rule.scheme === t.scheme) && (rule.port === undefined || rule.port === t.port);
}

const LINK_LOCAL_V4 = ipaddr.IPv4.parseCIDR('169.254.0.0/16');
const LINK_LOCAL_V6 = ipaddr.IPv6.parseCIDR('fe80::/10');

function implicitlyBypassed(t: Target): boolean {
  if (t.host === 'localhost' || t.host === 'loopback') return true;
  if (t.ip === null) return false;
  if (t.ip.kind() === 'ipv4') return t.ip.toString() === '127.0.0.1' || (t.ip as ipaddr.IPv4).match(LINK_LOCAL_V4);
  return t.ip.toString() === '::1' || (t.ip as ipaddr.IPv6).match(LINK_LOCAL_V6);
}

/**
 * Whether `url` goes DIRECT because of the list. The first matching entry is named;
 * the implicit loopback set is consulted last, so an explicit entry gets the credit.
 */
export function isBypassed(rules: readonly BypassRule[], url: URL, options: BypassOptions = {}): BypassResult {
  const target = targetOf(url);
  const hit = rules.find((r) => matches(r, target));
  if (hit) return { bypassed: true, rule: hit.text };
  const implicit = (options.implicitLoopback ?? true) && !rules.some((r) => r.kind === 'no-loopback');
  if (implicit && implicitlyBypassed(target)) return { bypassed: true, rule: IMPLICIT_LOOPBACK_RULE };
  return { bypassed: false };
}
