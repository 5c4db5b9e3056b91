// Fetch PAC scripts over real HTTP from a loopback server, then evaluate them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { evaluatePac } from '../../../src/pac/evaluate-pac.js';
import { fetchPac } from '../../../src/pac/fetch-pac.js';
import { PacError } from '../../../src/pac/pac-error.js';
import { parsePacResult } from '../../../src/pac/pac-result.js';
import { servePac, startPacServer, type PacServer } from './pac-server.js';

const CORP_PAC = `function FindProxyForURL(url, host) {
  if (isPlainHostName(host) || dnsDomainIs(host, ".corp.contoso.test")) return "DIRECT";
  if (isInNet(dnsResolve(host), "10.0.0.0", "255.0.0.0")) return "DIRECT";
  if (url.substring(0, 6) == "https:") return "PROXY secure.contoso.test:8443; PROXY proxy.contoso.test:8080";
  return "PROXY proxy.contoso.test:8080; DIRECT";
}`;

let server: PacServer;

beforeAll(async () => {
  server = await startPacServer({
    '/proxy.pac': servePac(CORP_PAC),
    '/text-plain.pac': servePac(CORP_PAC, 'text/plain'),
    '/loop.pac': servePac('function FindProxyForURL() { for (;;) {} }'),
    '/moved.pac': (_req, res) => res.writeHead(302, { location: '/proxy.pac' }).end(),
    '/error.pac': (_req, res) => res.writeHead(500).end('boom'),
    // 2 MiB, streamed without Content-Length: the limit must be enforced while reading.
    '/huge-chunked.pac': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let i = 0; i < 32; i++) res.write(chunk);
      res.end();
    },
    // Declares 2 MiB up front: refused before reading the body.
    '/huge-declared.pac': (_req, res) => {
      res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) });
      res.end(Buffer.alloc(2 * 1024 * 1024, 0x20));
    },
    '/stall-headers.pac': () => undefined, // never answers
    '/stall-body.pac': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' });
      res.write('function FindProxyForURL() {'); // ...and never finishes
    },
  });
});

afterAll(async () => {
  await server?.close();
});

async function fetchFailure(path: string, options: { timeoutMs?: number; maxBytes?: number } = {}) {
  const started = performance.now();
  const err = await fetchPac(`${server.base}${path}`, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PacError);
  expect((err as PacError).code).toBe(ErrorCode.PacFetch);
  return { err: err as PacError, ms: performance.now() - started };
}

describe('fetch + evaluate over HTTP', () => {
  it('fetches, evaluates and parses a corporate PAC', async () => {
    const pac = await fetchPac(`${server.base}/proxy.pac`, { timeoutMs: 2000 });
    expect(pac).toMatchObject({ source: 'http', status: 200, contentType: 'application/x-ns-proxy-autoconfig', script: CORP_PAC });
    expect(pac.bytes).toBe(Buffer.byteLength(CORP_PAC));
    const resolveHost = async (host: string) => (host === 'sensor.atp.azure.com' ? '20.1.2.3' : host === 'files.corp' ? '10.1.1.1' : null);
    const options = { myIpAddress: '10.5.5.5', resolveHost };
    const https = await evaluatePac(pac.script, 'https://sensor.atp.azure.com/tri/sensor/api/ping', options);
    expect(parsePacResult(https)).toEqual([
      { kind: 'PROXY', host: 'secure.contoso.test', port: 8443 },
      { kind: 'PROXY', host: 'proxy.contoso.test', port: 8080 },
    ]);
    expect(parsePacResult(await evaluatePac(pac.script, 'http://dc1.corp.contoso.test/', options))).toEqual([{ kind: 'DIRECT' }]);
    expect(await evaluatePac(pac.script, 'http://files.corp/', options)).toBe('DIRECT');
  });

  it('accepts a wrong Content-Type but reports it', async () => {
    const pac = await fetchPac(`${server.base}/text-plain.pac`);
    expect(pac.contentType).toBe('text/plain');
    expect(pac.script).toBe(CORP_PAC);
  });

  it('turns non-200 answers into PacFetch with the status', async () => {
    expect((await fetchFailure('/missing.pac')).err.message).toMatch(/HTTP 404/);
    expect((await fetchFailure('/error.pac')).err.message).toMatch(/HTTP 500/);
    expect((await fetchFailure('/moved.pac')).err.message).toMatch(/HTTP 302 \(redirect to \/proxy\.pac, not followed\)/);
  });

  it('refuses a PAC over maxBytes, streamed or declared', async () => {
    expect((await fetchFailure('/huge-chunked.pac')).err.message).toMatch(/larger than the 1048576-byte limit/);
    expect((await fetchFailure('/huge-declared.pac')).err.message).toMatch(/larger than the 1048576-byte limit/);
  });

  it('gives up on a server that stalls, before or after the headers', async () => {
    for (const path of ['/stall-headers.pac', '/stall-body.pac']) {
      const { err, ms } = await fetchFailure(path, { timeoutMs: 400 });
      expect(err.message).toMatch(/took longer than 400 ms/);
      expect(ms).toBeLessThan(3000);
    }
  });

  it('reports a refused connection', async () => {
    const closed = await startPacServer({});
    const url = `${closed.base}/proxy.pac`;
    await closed.close();
    const err = await fetchPac(url, { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect((err as PacError).code).toBe(ErrorCode.PacFetch);
    expect((err as PacError).message).toMatch(/ECONNREFUSED/);
  });

  it('a hostile PAC from the network is contained', async () => {
    const pac = await fetchPac(`${server.base}/loop.pac`);
    const started = performance.now();
    const err = await evaluatePac(pac.script, 'http://a.example/', { myIpAddress: '10.5.5.5', timeoutMs: 500 }).catch((e: unknown) => e);
    expect((err as PacError).code).toBe(ErrorCode.PacTimeout);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
