// The WinINet/WinHTTP `ProxyServer` string (FACTS §5): entries
// `[scheme=][protocol://]host[:port]` separated by `;` or whitespace. Pure: no I/O.
//
// Strict on purpose: the string comes from the admin's registry and a typo in it is
// the answer to "why can't the sensor connect", so a malformed entry is an
// MdiInputError naming the entry rather than something silently skipped.

import { domainToASCII } from 'node:url';
import ipaddr from 'ipaddr.js';
import { ErrorCode, MdiInputError } from '../errors.js';

/** The `xxx=` prefix: which URL scheme the entry serves (null = every scheme). */
export type ProxyScheme = 'http' | 'https' | 'ftp' | 'socks';
/** The `xxx://` prefix: how to talk to the proxy itself. */
export type ProxyProtocol = 'http' | 'https' | 'socks';

export interface ProxyEntry {
  scheme: ProxyScheme | null;
  /** Lower-cased; an IPv6 address is stored without its brackets. */
  host: string;
  port: number;
  protocol?: ProxyProtocol;
}

/** Which entry of the string was chosen for a URL. */
export type ProxyVia = 'http=' | 'https=' | 'ftp=' | 'socks=' | 'default';

export interface ProxyChoice {
  host: string;
  port: number;
  via: ProxyVia;
  protocol?: ProxyProtocol;
}

export interface ProxyForUrlOptions {
  /**
   * Use a `socks=` entry for a scheme that has neither its own entry nor a default one
   * (default true, WinINet). WinHTTP has no SOCKS support at all: pass false for it.
   */
  socksFallback?: boolean;
}

const SCHEMES: ReadonlySet<string> = new Set<ProxyScheme>(['http', 'https', 'ftp', 'socks']);
// socks4/socks5 are not WinINet spellings, but admins paste them from other tools and
// they can only mean SOCKS; anything else (ftp://, gopher://) is refused.
const PROTOCOLS: Readonly<Record<string, ProxyProtocol>> = {
  http: 'http',
  https: 'https',
  socks: 'socks',
  socks4: 'socks',
  socks5: 'socks',
};
const HOST_CHARS = /^[\p{L}\p{M}\p{N}_.-]+$/u;
const MAX_HOST = 255; // INTERNET_MAX_HOST_NAME_LENGTH (wininet.h) less the terminator
const SHOWN = 80; // entries quoted in messages are cut here: one line, whatever the input

/** Quote an entry for an error message: one line, and never the userinfo part. */
function quote(entry: string): string {
  const safe = entry.includes('@') ? entry.replace(/^((?:[^=@/]*=)?(?:[^@/]*:\/\/)?)[^]*@/, '$1***@') : entry;
  return `'${safe.length > SHOWN ? `${safe.slice(0, SHOWN)}…` : safe}'`;
}

function fail(entry: string, why: string): never {
  throw new MdiInputError(ErrorCode.ProxyStringInvalid, `Proxy server entry ${quote(entry)} is not usable: ${why}.`);
}

function parsePort(text: string, entry: string): number {
  if (text === '') fail(entry, 'the port after ":" is empty');
  if (!/^\d{1,5}$/.test(text)) fail(entry, 'the port must be a number');
  const port = Number(text);
  if (port < 1 || port > 65535) fail(entry, 'the port must be between 1 and 65535');
  return port;
}

function checkHost(host: string, entry: string): string {
  if (host === '') fail(entry, 'the host name is empty');
  if (host.length > MAX_HOST) fail(entry, `the host name is longer than ${MAX_HOST} characters`);
  if (!HOST_CHARS.test(host)) fail(entry, 'the host name holds characters a host name cannot have');
  // A trailing dot is legal (an absolute DNS name) and kept; an empty label is not.
  if (host.startsWith('.') || host.includes('..')) fail(entry, 'the host name has an empty label');
  if (/^[a-z0-9_.-]+$/i.test(host)) return host.toLowerCase();
  // An internationalised name goes to DNS as punycode, the form URL hosts take too.
  const ascii = domainToASCII(host);
  if (ascii === '') fail(entry, 'the host name is not a valid internationalised name');
  return ascii;
}

/** `host`, `host:port`, `[v6]`, `[v6]:port`. Returns the port text, undefined when absent. */
function splitHostPort(rest: string, entry: string): { host: string; portText: string | undefined } {
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) fail(entry, 'the "[" of an IPv6 address is never closed');
    const inside = rest.slice(1, close);
    if (!ipaddr.IPv6.isValid(inside)) fail(entry, 'the bracketed part is not an IPv6 address');
    const after = rest.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) fail(entry, 'only ":port" may follow "]"');
    return { host: ipaddr.IPv6.parse(inside).toString(), portText: after === '' ? undefined : after.slice(1) };
  }
  const colon = rest.indexOf(':');
  if (colon < 0) return { host: checkHost(rest, entry), portText: undefined };
  if (rest.indexOf(':', colon + 1) >= 0) {
    // `::1:8080` could be an address or an address plus port: refuse rather than guess.
    fail(entry, ipaddr.IPv6.isValid(rest) ? 'write an IPv6 proxy in brackets, e.g. [::1]:3128' : 'it has more than one ":"');
  }
  return { host: checkHost(rest.slice(0, colon), entry), portText: rest.slice(colon + 1) };
}

function parseEntry(entry: string): ProxyEntry {
  let rest = entry;
  let scheme: ProxyScheme | null = null;
  const eq = rest.indexOf('=');
  if (eq >= 0) {
    const name = rest.slice(0, eq).toLowerCase();
    if (!SCHEMES.has(name)) fail(entry, `'${name.slice(0, 20)}=' is not a scheme WinINet knows (http=, https=, ftp=, socks=)`);
    scheme = name as ProxyScheme;
    rest = rest.slice(eq + 1);
  }
  let protocol: ProxyProtocol | undefined;
  const prefix = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
  if (prefix) {
    const name = (prefix[1] ?? '').toLowerCase();
    protocol = PROTOCOLS[name];
    if (protocol === undefined) fail(entry, `'${name.slice(0, 20)}://' is not a protocol to reach a proxy with`);
    rest = rest.slice(prefix[0].length);
  }
  if (rest.includes('@')) fail(entry, 'credentials do not belong in the proxy string');
  if (rest.endsWith('/')) rest = rest.slice(0, -1); // `http://proxy:8080/` as copied from a browser
  if (/[/?#]/.test(rest)) fail(entry, 'a proxy entry is host[:port], without a path');
  const { host, portText } = splitHostPort(rest, entry);
  const port = portText === undefined ? defaultPort(scheme, protocol) : parsePort(portText, entry);
  return protocol === undefined ? { scheme, host, port } : { scheme, host, port, protocol };
}

// WinINet fills INTERNET_DEFAULT_HTTP_PORT (80) for a port-less proxy (Wine's
// HTTP_DealWithProxy does the same, 443 when the proxy URL is https://); 1080 is
// INTERNET_DEFAULT_SOCKS_PORT from wininet.h.
function defaultPort(scheme: ProxyScheme | null, protocol: ProxyProtocol | undefined): number {
  if (protocol === 'socks' || (protocol === undefined && scheme === 'socks')) return 1080;
  return protocol === 'https' ? 443 : 80;
}

/**
 * Parse a `ProxyServer` string. Empty entries (stray `;`, runs of blanks) are skipped;
 * the empty string gives []. Throws MdiInputError (MDI_PROXY_STRING_INVALID) naming the
 * first malformed entry. Linear in the input length.
 */
export function parseProxyServer(text: string): ProxyEntry[] {
  const entries: ProxyEntry[] = [];
  for (const token of text.split(/[;\s]+/)) {
    if (token !== '') entries.push(parseEntry(token));
  }
  return entries;
}

/** `host:port`, bracketing an IPv6 address. */
export function formatHostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Write entries back as a `ProxyServer` string; the port is always written out. */
export function formatProxyServer(entries: readonly ProxyEntry[]): string {
  return entries
    .map((e) => `${e.scheme === null ? '' : `${e.scheme}=`}${e.protocol === undefined ? '' : `${e.protocol}://`}${formatHostPort(e.host, e.port)}`)
    .join(';');
}

function urlScheme(url: URL): 'http' | 'https' | 'ftp' | null {
  switch (url.protocol) {
    case 'http:':
    case 'ws:': // WebSockets ride on the http/https handshake, so they share its entry
      return 'http';
    case 'https:':
    case 'wss:':
      return 'https';
    case 'ftp:':
      return 'ftp';
    default:
      return null;
  }
}

function choose(entry: ProxyEntry, via: ProxyVia): ProxyChoice {
  const choice: ProxyChoice = { host: entry.host, port: entry.port, via };
  // A `socks=` entry speaks SOCKS even without `socks://`: the caller must not CONNECT to it.
  const protocol = entry.protocol ?? (entry.scheme === 'socks' ? 'socks' : undefined);
  if (protocol !== undefined) choice.protocol = protocol;
  return choice;
}

/**
 * The proxy WinINet would use for `url`, or null for DIRECT. Order (Wine's
 * INTERNET_FindProxyForProtocol, matching the documented "listing proxy servers" form):
 *  1. the first entry for the URL's own scheme (`https=` for https/wss URLs);
 *  2. else the first scheme-less entry, wherever it stands in the string;
 *  3. else, when `socksFallback` (default), the first `socks=` entry: IE's SOCKS field is
 *     the catch-all for protocols without a proxy of their own, so it never wins over (1)
 *     or (2), but it does carry https when only `http=`/`ftp=` are listed;
 *  4. else null: a string listing only other schemes (e.g. only `http=`) leaves this
 *     URL DIRECT — WinINet connects directly rather than borrowing another scheme's proxy.
 * URL schemes WinINet does not proxy (file:, mailto:, …) give null.
 */
export function proxyForUrl(entries: readonly ProxyEntry[], url: URL, options: ProxyForUrlOptions = {}): ProxyChoice | null {
  const scheme = urlScheme(url);
  if (scheme === null) return null;
  const own = entries.find((e) => e.scheme === scheme);
  if (own) return choose(own, `${scheme}=`);
  const bare = entries.find((e) => e.scheme === null);
  if (bare) return choose(bare, 'default');
  if (options.socksFallback ?? true) {
    const socks = entries.find((e) => e.scheme === 'socks');
    if (socks) return choose(socks, 'socks=');
  }
  return null;
}
