import { ErrorCode, MdiInputError } from '../errors.js';

export interface CheckedProxyUrl {
  /** What is stored: the URL as given, with http:// added when it had no scheme (as the official 1.0.0.4 does). */
  url: string;
  host: string;
  /** The port, 80 when the URL names none. */
  port: number;
  /** host:port, as TelemetryProxyServer wants it (IPv6 in brackets). */
  hostPort: string;
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * A proxy URL the sensor can use: http://host[:port] and nothing else. The classic
 * sensor (.NET Framework) reaches its proxy over plain HTTP and tunnels HTTPS with
 * CONNECT, so https:// or socks URLs, credentials, paths and queries are mistakes
 * to point out now, not after the sensor has stopped reporting.
 */
export function checkProxyUrl(raw: string): CheckedProxyUrl {
  const trimmed = raw.trim();
  if (trimmed === '') throw bad(raw, 'it is empty');
  // Never quote a URL that may hold a password: check for user info before any message echoes it.
  if (/^(?:[a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i.test(trimmed)) throw credentials();
  if (/\s/.test(trimmed)) throw bad(raw, 'it contains spaces');
  const withScheme = HAS_SCHEME.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw bad(raw, 'it is not a URL');
  }
  if (url.username || url.password) throw credentials();
  if (url.protocol !== 'http:') throw bad(raw, `the sensor talks to its proxy over http://, not ${url.protocol.replace(':', '')}:// (HTTPS goes through a CONNECT tunnel)`);
  if (!url.hostname) throw bad(raw, 'it names no host');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) throw bad(raw, 'a proxy URL is just http://host:port, without a path or query');
  if (url.port === '0') throw bad(raw, 'port 0 is not a port');
  // URL accepts a trailing ':' with no port ("http://proxy:"): that is a typo, not port 80.
  if (/:\/\/[^/]*:\/?$/.test(withScheme)) throw bad(raw, 'the port is missing after the colon');
  const port = url.port ? Number(url.port) : 80;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const hostPort = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return { url: withScheme, host, port, hostPort };
}

function credentials(): MdiInputError {
  return new MdiInputError(ErrorCode.ProxyUrlInvalid, 'The proxy URL must not contain credentials: give the user and password separately (the password is stored encrypted).');
}

function bad(raw: string, why: string): MdiInputError {
  return new MdiInputError(ErrorCode.ProxyUrlInvalid, `Proxy URL '${raw.trim()}' is not usable: ${why}. Use http://host:port, e.g. http://proxy.contoso.com:8080.`);
}
