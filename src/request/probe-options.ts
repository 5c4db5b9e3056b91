import { isIP } from 'node:net';
import { X509Certificate } from 'node:crypto';
import type { TestRequest } from '../contract/types.js';
import { cloudFrom } from '../catalog/names.js';
import { sensorEndpointFor } from '../endpoints/sensor-api.js';
import { ErrorCode, MdiInputError, invalidArgument } from '../errors.js';
import { frontEnd } from '../front-end.js';

export interface ProxySpec {
  /** http://host:port, never with credentials: safe to print. */
  display: string;
  host: string;
  port: number;
  user?: string;
  password?: string;
}

/** What every probing command takes: extra roots, --resolve, the timeout. */
export interface CommonProbeOptions {
  trustedRoots: X509Certificate[];
  /** "host:port" (lower-case) → addresses, from --resolve. */
  resolve: Map<string, string[]>;
  timeoutMs: number;
}

export interface ProbeOptions extends CommonProbeOptions {
  target: URL;
  endpointNote: string;
  proxy: ProxySpec | null;
}

export const DEFAULT_TIMEOUT_SEC = 10;
const MAX_TIMEOUT_SEC = 300;

/** Validates everything up front, so a probe never starts on half-valid input. */
export function probeOptionsFrom(request: TestRequest): ProbeOptions {
  const endpoint = sensorEndpointFor({ ...request, cloud: cloudFrom(request.cloud) });
  return {
    target: endpoint.url,
    endpointNote: endpoint.note,
    proxy: request.proxyUrl ? proxySpecFrom(request.proxyUrl, request.proxyUser, request.proxyPassword) : null,
    ...commonProbeOptions(request),
  };
}

export function commonProbeOptions(input: { trustedRoots?: string[]; resolve?: string[]; timeoutSec?: number }): CommonProbeOptions {
  return {
    trustedRoots: (input.trustedRoots ?? []).flatMap(parsePemBundle),
    resolve: resolveOverrides(input.resolve ?? []),
    timeoutMs: timeoutMs(input.timeoutSec),
  };
}

export function proxySpecFrom(raw: string, user?: string, password?: string): ProxySpec {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw invalidArgument(`Proxy URL '${raw}' is not valid: use http://host:port.`);
  }
  if (url.username || url.password) {
    // Never echo the URL here: it holds a secret.
    throw invalidArgument(frontEnd() === 'PowerShell'
      ? 'Put proxy credentials in -ProxyCredential, not in the proxy URL.'
      : 'Put proxy credentials in --proxy-user and the password on stdin or MDI_PROXY_PASSWORD, not in the proxy URL.');
  }
  if (url.protocol !== 'http:') {
    throw invalidArgument(`Proxy URL '${raw}' uses ${url.protocol.replace(':', '')}: the sensor talks to its proxy over plain http:// (HTTPS goes through a CONNECT tunnel).`);
  }
  if (url.pathname !== '/' || url.search) throw invalidArgument(`Proxy URL '${raw}' must be just http://host:port.`);
  if (user !== undefined && user.trim() === '') throw invalidArgument('Proxy user name is empty.');
  if (user && password === undefined) {
    throw new MdiInputError(ErrorCode.SecretMissing, frontEnd() === 'PowerShell'
      ? `No password for proxy user '${user}': give -ProxyCredential with the user's password.`
      : `No password for proxy user '${user}': pipe it on stdin or set MDI_PROXY_PASSWORD.`);
  }
  const port = url.port ? Number(url.port) : 80;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const spec: ProxySpec = { display: `http://${url.host}`, host, port };
  if (user) {
    spec.user = user;
    spec.password = password;
  }
  return spec;
}

function parsePemBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!blocks) throw invalidArgument('A trusted root certificate holds no PEM certificate (-----BEGIN CERTIFICATE-----).');
  return blocks.map((block) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw invalidArgument('A trusted root certificate is not a readable PEM certificate.');
    }
  });
}

function resolveOverrides(entries: string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of entries) {
    const match = /^([^:\s]+):(\d{1,5}|\*):(.+)$/.exec(entry.trim());
    const addresses = match?.[3]?.split(',').map((a) => a.trim().replace(/^\[(.*)\]$/, '$1')) ?? [];
    if (!match || addresses.length === 0 || !addresses.every((a) => isIP(a) !== 0)) {
      throw invalidArgument(`Resolve entry '${entry}' must look like host:port:address (e.g. contososensorapi.atp.azure.com:443:127.0.0.1).`);
    }
    map.set(`${match[1]!.toLowerCase()}:${match[2]}`, addresses);
  }
  return map;
}

function timeoutMs(timeoutSec: number | undefined): number {
  const seconds = timeoutSec ?? DEFAULT_TIMEOUT_SEC;
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SEC) {
    throw invalidArgument(`Timeout must be between 1 and ${MAX_TIMEOUT_SEC} seconds, not ${timeoutSec}.`);
  }
  return seconds * 1000;
}
