// WPAD discovery against a real loopback web server. DNS is an injected map,
// so `wpad.corp.contoso.test` "resolves" to 127.0.0.1 without any DNS server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { evaluatePac } from '../../../src/pac/evaluate-pac.js';
import { PacError } from '../../../src/pac/pac-error.js';
import { discoverWpad } from '../../../src/pac/wpad.js';
import { startPacServer, type PacServer } from './pac-server.js';

const WPAD_PAC = 'function FindProxyForURL(url, host) { return "PROXY proxy.corp.contoso.test:3128; DIRECT"; }';
let server: PacServer;

beforeAll(async () => {
  server = await startPacServer({
    // Serves wpad.dat only to requests addressed to the corp name, like a name-based virtual host.
    '/wpad.dat': (req, res) => {
      if (req.headers.host?.startsWith('wpad.corp.contoso.test:')) {
        res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' }).end(WPAD_PAC);
      } else {
        res.writeHead(404).end();
      }
    },
  });
});

afterAll(async () => {
  await server?.close();
});

function resolverFor(map: Record<string, string[]>) {
  const asked: string[] = [];
  return {
    asked,
    resolveHost: async (host: string) => {
      asked.push(host);
      return map[host] ?? [];
    },
  };
}

describe('discoverWpad over HTTP', () => {
  it('finds wpad.corp.contoso.test, sending the wpad name as Host', async () => {
    const dns = resolverFor({ 'wpad.corp.contoso.test': ['127.0.0.1'] });
    const seenBefore = server.seen.length;
    const found = await discoverWpad({ dnsSuffix: 'corp.contoso.test', resolveHost: dns.resolveHost, port: server.port, timeoutMs: 2000 });
    expect(found.url).toBe(`http://wpad.corp.contoso.test:${server.port}/wpad.dat`);
    expect(found.candidatesTried).toEqual(['wpad.corp.contoso.test']);
    expect(found.pac).toMatchObject({ script: WPAD_PAC, status: 200, address: '127.0.0.1' });
    expect(server.seen.slice(seenBefore)).toEqual([{ path: '/wpad.dat', host: `wpad.corp.contoso.test:${server.port}` }]);
    expect(await evaluatePac(found.pac.script, 'https://sensor.atp.azure.com/', { myIpAddress: '10.0.0.5' })).toBe(
      'PROXY proxy.corp.contoso.test:3128; DIRECT',
    );
  });

  it('devolves from a.corp.contoso.test, skipping a host that answers 404', async () => {
    // wpad.a.corp… has no address; wpad.corp… is found. wpad.contoso.test would be next, wpad.test never.
    const dns = resolverFor({ 'wpad.corp.contoso.test': ['127.0.0.1'], 'wpad.contoso.test': ['127.0.0.1'] });
    const found = await discoverWpad({ dnsSuffix: 'a.corp.contoso.test', resolveHost: dns.resolveHost, port: server.port, timeoutMs: 2000 });
    expect(found.candidatesTried).toEqual(['wpad.a.corp.contoso.test', 'wpad.corp.contoso.test']);
    expect(dns.asked).toEqual(['wpad.a.corp.contoso.test', 'wpad.corp.contoso.test']);
    expect(found.attempts.map((a) => a.outcome)).toEqual(['no-address', 'found']);
  });

  it('reports every candidate when none works, and never asks for wpad.test', async () => {
    // Every name resolves to the server, which 404s all but the corp name (not in this suffix chain).
    const dns = resolverFor({ 'wpad.x.y.contoso.test': ['127.0.0.1'], 'wpad.y.contoso.test': ['127.0.0.1'], 'wpad.contoso.test': ['127.0.0.1'] });
    const err = await discoverWpad({ dnsSuffix: 'x.y.contoso.test', resolveHost: dns.resolveHost, port: server.port, timeoutMs: 2000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PacError);
    expect((err as PacError).code).toBe(ErrorCode.WpadNotFound);
    expect((err as PacError).message).toMatch(/wpad\.x\.y\.contoso\.test:\d+\/wpad\.dat via 127\.0\.0\.1: .*HTTP 404/);
    expect((err as PacError).message).toMatch(/wpad\.contoso\.test:\d+\/wpad\.dat via 127\.0\.0\.1: .*HTTP 404/);
    expect(dns.asked).toEqual(['wpad.x.y.contoso.test', 'wpad.y.contoso.test', 'wpad.contoso.test']);
  });

  it('a closed port is a failed candidate, not a crash', async () => {
    const closed = await startPacServer({});
    const port = closed.port;
    await closed.close();
    const dns = resolverFor({ 'wpad.corp.contoso.test': ['127.0.0.1'] });
    const err = await discoverWpad({ dnsSuffix: 'corp.contoso.test', resolveHost: dns.resolveHost, port, timeoutMs: 2000 }).catch((e: unknown) => e);
    expect((err as PacError).code).toBe(ErrorCode.WpadNotFound);
    expect((err as PacError).message).toMatch(/ECONNREFUSED/);
  });
});
