// Parses what FindProxyForURL returns ("PROXY a:8080; SOCKS b; DIRECT") into
// the ordered list of routes a client would try. Strict about what a route is
// (an unknown keyword or a bad port is an error naming the token, because a
// silent skip is exactly the PAC bug an admin needs to see) but lenient about
// layout: case, extra whitespace and empty entries are accepted, as browsers
// and WinHTTP accept them.
import { ErrorCode } from '../errors.js';
import { PacError } from './pac-error.js';

export type PacProxyKind = 'PROXY' | 'HTTP' | 'HTTPS' | 'SOCKS' | 'SOCKS4' | 'SOCKS5';

export type PacDirective = { kind: 'DIRECT' } | { kind: PacProxyKind; host: string; port: number };

/** The port a PAC means when it names none. */
export const PAC_DEFAULT_PORTS: Readonly<Record<PacProxyKind, number>> = {
  PROXY: 80,
  HTTP: 80,
  HTTPS: 443,
  SOCKS: 1080,
  SOCKS4: 1080,
  SOCKS5: 1080,
};

function isProxyKind(word: string): word is PacProxyKind {
  return Object.hasOwn(PAC_DEFAULT_PORTS, word);
}

function invalid(token: string, why: string): PacError {
  return new PacError(ErrorCode.PacRuntime, `The PAC result entry "${token}" is not usable: ${why}.`);
}

/**
 * `host`, `host:port`, `[v6]` or `[v6]:port`. A bare IPv6 address is refused:
 * "::1:8080" has no single reading.
 */
function parseHostPort(token: string, text: string, kind: PacProxyKind): { host: string; port: number } {
  if (/[/@]/.test(text)) throw invalid(token, 'expected host[:port], not a URL');
  let host: string;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
  } else {
    const colons = text.split(':').length - 1;
    if (colons > 1) throw invalid(token, 'an IPv6 address must be written in brackets, e.g. [fd00::1]:8080');
    const [h, p] = text.split(':');
    host = h ?? '';
    portText = p;
  }
  if (host === '') throw invalid(token, 'the host is empty');
  if (portText === undefined) return { host, port: PAC_DEFAULT_PORTS[kind] };
  if (!/^\d{1,5}$/.test(portText)) throw invalid(token, `"${portText}" is not a port number`);
  const port = Number(portText);
  if (port < 1 || port > 65535) throw invalid(token, `port ${port} is out of range`);
  return { host, port };
}

/**
 * Splits a FindProxyForURL result into directives, in order. An empty result
 * gives an empty list; what that means (WinHTTP goes direct) is the caller's call.
 */
export function parsePacResult(text: string): PacDirective[] {
  const directives: PacDirective[] = [];
  for (const raw of String(text).split(';')) {
    const token = raw.trim();
    if (token === '') continue;
    const words = token.split(/\s+/);
    const keyword = (words[0] ?? '').toUpperCase();
    if (keyword === 'DIRECT') {
      if (words.length > 1) throw invalid(token, 'DIRECT takes no host');
      directives.push({ kind: 'DIRECT' });
      continue;
    }
    if (!isProxyKind(keyword)) {
      throw invalid(token, `"${words[0] ?? ''}" is not DIRECT, PROXY, HTTP, HTTPS, SOCKS, SOCKS4 or SOCKS5`);
    }
    if (words.length !== 2 || words[1] === undefined) throw invalid(token, `${keyword} needs exactly one host[:port]`);
    directives.push({ kind: keyword, ...parseHostPort(token, words[1], keyword) });
  }
  return directives;
}
