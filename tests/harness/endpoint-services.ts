// Stand-ins for every host in the endpoint catalog: one HTTPS listener on :443 and
// one plain-HTTP listener on :80 of a dedicated loopback address, answering the way
// each endpoint class answers (FACTS §6): the sensor ping "Ok", the MDE gateway and
// telemetry 200, blob storage 400, the streamlined AV path 404, CRL/CTL files 200.
// Real names reach it through Squid's hosts_file or the engine's --resolve.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mdeCatalog } from '../../src/catalog/mde-catalog.js';
import { MDE_REGIONS } from '../../src/catalog/names.js';
import { mdiCatalog } from '../../src/catalog/mdi-catalog.js';
import { CLOUDS } from '../../src/endpoints/sensor-api.js';
import type { TestPki } from './pki.js';

/** Loopback addresses tried for the stand-ins (another harness, e.g. the bench's, may hold the first). */
const ADDRESSES = Array.from({ length: 16 }, (_, i) => `127.0.80.${i + 1}`);
/** Workspace whose sensor API the stand-ins answer for, in every cloud. */
export const CATALOG_WORKSPACE = 'contoso-catalog';

export interface EndpointServices {
  address: string;
  /** Every catalog host (all clouds, regions, legacy records), lower-case. */
  hosts: string[];
  close(): Promise<void>;
}

export interface EndpointOptions {
  address?: string;
  /** Milliseconds to wait before answering a request for `host` (the bench's WAN stand-in). */
  delayMs?: (host: string) => number;
}

/** Every host name the catalog can produce, so one certificate and one hosts_file cover them. */
export function catalogHosts(): string[] {
  const urls = [
    ...CLOUDS.flatMap((cloud) => mdiCatalog({ cloud, workspace: CATALOG_WORKSPACE, includeLegacy: true })),
    ...MDE_REGIONS.flatMap((region) => [...mdeCatalog({ region }), ...mdeCatalog({ region, streamlined: true })]),
  ].flatMap((entry) => (entry.testUrl ? [new URL(entry.testUrl).hostname] : []));
  return [...new Set(urls)].sort();
}

/** What each endpoint class answers (FACTS §6). */
export function answerFor(host: string, path: string, secure: boolean): { status: number; body: string } {
  if (!secure) return /\.(crl|cab|crt)$|\/pki\/$|\/ocsp$|^\/$/.test(path) ? { status: 200, body: 'certificate data' } : { status: 404, body: 'not found' };
  if (path === '/tri/sensor/api/ping') return { status: 200, body: 'Ok' };
  if (/\.blob\.core\.(windows|usgovcloudapi)\.net$/.test(host)) return { status: 400, body: 'InvalidQueryParameterValue' };
  if (path === '/mdav/test') return { status: 404, body: '' };
  return { status: 200, body: 'OK' };
}

export async function startEndpointServices(pki: TestPki, options: EndpointOptions = {}): Promise<EndpointServices> {
  const hosts = catalogHosts();
  // SANs: one wildcard per parent domain keeps the certificate small; TLS matches one label only.
  const sans = [...new Set(hosts.map((host) => `*.${host.split('.').slice(1).join('.')}`)), ...hosts];
  const leaf = await pki.issueLeaf('catalog-endpoints', sans);
  const handler = (secure: boolean) => (request: IncomingMessage, response: ServerResponse): void => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = (request.url ?? '/').replace(/^https?:\/\/[^/]+/, '');
    const { status, body } = answerFor(host, path, secure);
    const send = (): void => void response.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) }).end(body);
    const delay = options.delayMs?.(host) ?? 0;
    if (delay > 0) setTimeout(send, delay);
    else send();
  };
  const https = createHttpsServer({ cert: leaf.certPem, key: leaf.keyPem }, handler(true));
  const http = createHttpServer(handler(false));
  let address = '';
  let lastError: unknown = null;
  for (const candidate of options.address ? [options.address] : ADDRESSES) {
    try {
      await listen(https, candidate, 443);
    } catch (error) {
      lastError = error;
      continue;
    }
    try {
      await listen(http, candidate, 80);
      address = candidate;
      break;
    } catch (error) {
      lastError = error;
      await close(https);
    }
  }
  if (!address) throw lastError;
  return {
    address,
    hosts,
    close: async () => void (await Promise.all([close(https), close(http)])),
  };
}

function listen(server: Server, address: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve(server.address() as AddressInfo));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** --resolve entries sending every catalog host, on any port, to the stand-ins. */
export function resolveEntries(services: { address: string; hosts: string[] }): string[] {
  return services.hosts.map((host) => `${host}:*:${services.address}`);
}
