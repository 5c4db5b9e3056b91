// Issue 5: the Defender for Endpoint matrix — every URL of a data location through the
// Client Analyzer's five routes, against real Squids, a loopback WPAD server and a
// named proxy from a .reg export; plus what the analyzer cannot see (TLS inspection,
// proxies that want credentials).
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MdeTestRequest, MdeTestResponse, MdeUrlResult } from '../../../src/contract/types.js';
import { invokeEngine, runEngine } from '../../support/engine.js';
import { hostPort, regExportBase64 } from '../../support/reg-fixtures.js';
import { responseSchemaErrors } from '../../support/schema.js';

const h = inject('harness');
const endpoints = h.endpoints;
const available = endpoints.address !== null;
if (!available) console.warn(`[MDE matrix tests] skipped: ${'reason' in endpoints ? endpoints.reason : ''}`);
const resolve = available ? [...endpoints.hosts.map((host) => `${host}:*:${endpoints.address}`), 'wpad.contoso.test:*:127.0.0.1'] : [];
const open = hostPort(h.squid.urls.open);

let wpad: Server;
let wpadPort = 0;
const PAC = `function FindProxyForURL(url, host) { if (shExpMatch(host, "*.blob.core.windows.net")) return "DIRECT"; return "PROXY ${open}"; }`;
// Served to wpad.broken.test: one throw and one endless loop, each for one URL only.
const BROKEN_PAC = `function FindProxyForURL(url, host) {
  if (host == "winatp-gw-eus.microsoft.com") throw new Error("no rule for " + host);
  if (host == "winatp-gw-cus.microsoft.com") for (;;) {}
  return "PROXY ${open}"; }`;
beforeAll(async () => {
  wpad = createServer((req, res) => {
    const pac = req.headers.host?.startsWith('wpad.broken.test') ? BROKEN_PAC : PAC;
    res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' }).end(pac);
  });
  await new Promise<void>((done) => wpad.listen(0, '127.0.0.1', done));
  wpadPort = (wpad.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((done) => wpad.close(() => done())));

async function mde(extra: Partial<Omit<MdeTestRequest, 'schemaVersion' | 'command'>>): Promise<MdeTestResponse & { exitCode: number | null }> {
  const run = await invokeEngine({ command: 'mde-test', region: 'US', trustedRoots: [h.pki.root.certPem], timeoutSec: 5, resolve, ...extra });
  expect(responseSchemaErrors(run.response)).toEqual([]);
  if ('error' in run.response) throw new Error(run.response.error.message);
  if (run.response.command !== 'mde-test') throw new Error('not an mde-test answer');
  return { ...run.response, exitCode: run.exitCode };
}

const url = (r: MdeTestResponse, id: string): MdeUrlResult => {
  const found = r.urls.find((u) => u.entryId === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};

/** All five routes configured: WinHTTP → open Squid, WPAD → PAC, named → Basic Squid, command line → ssl-bump Squid. */
const everyRoute = () => ({
  regFileBase64: regExportBase64({ WinHttp: { proxyServer: open }, telemetryProxyServer: hostPort(h.squid.urls.basic) }),
  dnsSuffix: 'contoso.test',
  wpadPort,
  proxyUrl: h.squid.urls.bump,
});

describe.skipIf(!available)('Defender for Endpoint five-way matrix', () => {
  it('tests every URL through all five routes and adds what the analyzer cannot see', async () => {
    const r = await mde(everyRoute());
    expect(r.routes.map((route) => [route.number, route.kind, route.exists])).toEqual([
      [1, 'DefaultProxy', true], [2, 'Wpad', true], [3, 'Direct', true], [4, 'NamedProxy', true], [5, 'CommandLineProxy', true],
    ]);
    expect(r.urls.length).toBeGreaterThanOrEqual(30);
    const gateway = url(r, 'mde.us.gateway.cus');
    expect(gateway.results.map((x) => [x.outcome, x.analyzerCode, x.verdict])).toEqual([
      ['Succeeded', 200, 'Pass'],
      ['Succeeded', 200, 'Pass'],
      ['Succeeded', 200, 'Pass'],
      ['Failed', 407, 'ProxyAuthRequired'],
      ['Failed', 12175, 'TlsInspected'],
    ]);
    expect(gateway.results[3]!.detail).toMatch(/anonymous access/);
    // WPAD's PAC sends this URL to the same Squid as WinHTTP: one probe, shared.
    expect(gateway.results[1]!.shared).toBe(true);
    expect(gateway.passed).toBe(true);
    // Blob storage answers 400, and the PAC sends it direct (shared with route 3).
    const blob = url(r, 'mde.us.storage.cus');
    expect(blob.results.map((x) => x.analyzerCode)).toEqual([400, 400, 400, 407, 12175]);
    expect(blob.results[1]!.proxy).toBeNull();
    // Plain HTTP through the intercepting Squid is not TLS: it passes.
    expect(url(r, 'mde.ww.crl').results[4]).toMatchObject({ outcome: 'Succeeded', httpStatus: 200 });
    expect(r.passed).toBe(true);
    expect(r.exitCode).toBe(0);
    const connects = readFileSync(h.squid.files.open.accessLog, 'utf8').split('\n').filter((line) => line.includes('CONNECT winatp-gw-cus.microsoft.com:443'));
    expect(connects.length).toBeGreaterThanOrEqual(1);
  });

  it('prints the analyzer layout for runbooks, with indented notes the analyzer never had', async () => {
    const r = await mde(everyRoute());
    const block = r.analyzerText.split('\r\n\r\n').find((b) => b.startsWith('Testing URL : https://winatp-gw-cus.microsoft.com/commands/test'))!;
    expect(block.split('\r\n').slice(0, 6)).toEqual([
      'Testing URL : https://winatp-gw-cus.microsoft.com/commands/test',
      '1 - Default proxy: Succeeded (200)',
      '2 - Proxy auto discovery (WPAD): Succeeded (200)',
      '3 - Proxy disabled: Succeeded (200)',
      '4 - Named proxy: Failed (407)',
      '5 - Command line proxy: Failed (12175)',
    ]);
    expect(block).toMatch(/\r\n {3}4 - .*anonymous access/);
    expect(block).toMatch(/\r\n {3}5 - .*TLS inspection/);
  });

  it("says Doesn't exist for routes nobody configured", async () => {
    const r = await mde({});
    const block = r.analyzerText.split('\r\n\r\n')[0]!.split('\r\n');
    expect(block.slice(1)).toEqual([
      "1 - Default proxy: Doesn't exist",
      "2 - Proxy auto discovery (WPAD): Doesn't exist",
      '3 - Proxy disabled: Succeeded (200)',
      "4 - Named proxy: Doesn't exist",
      "5 - Command line proxy: Doesn't exist",
    ]);
  });

  it('counts 404 as reachable for the streamlined AV path and 200 for the EDR gateway', async () => {
    const r = await mde({ region: 'EU', streamlined: true });
    expect(url(r, 'mde.streamlined.mdav.eu').results[2]).toMatchObject({ outcome: 'Succeeded', httpStatus: 404 });
    expect(url(r, 'mde.streamlined.edr.weu').results[2]).toMatchObject({ outcome: 'Succeeded', httpStatus: 200 });
    expect(r.urls.every((u) => !u.url.includes('*'))).toBe(true);
    expect(r.notes.join(' ')).toMatch(/wildcard/);
  });

  it('fails a URL no route reaches, with the WinHTTP error the analyzer would print', async () => {
    const r = await mde({ resolve: ['winatp-gw-eus.microsoft.com:443:127.0.0.9', ...resolve] });
    const gateway = url(r, 'mde.us.gateway.eus');
    expect(gateway.passed).toBe(false);
    expect(gateway.results[2]).toMatchObject({ outcome: 'Failed', verdict: 'ConnectFailed', analyzerCode: 12029 });
    expect(r.passed).toBe(false);
    expect(r.exitCode).toBe(1);
  });

  it('reports a WPAD that cannot be found as Failed (12180), not as a missing route', async () => {
    const r = await mde({ dnsSuffix: 'nowhere.test' });
    expect(r.routes[1]).toMatchObject({ kind: 'Wpad', exists: true });
    expect(r.urls[0]!.results[1]).toMatchObject({ outcome: 'Failed', analyzerCode: 12180 });
  });

  it('a PAC that fails for one URL fails that URL on the WPAD route only, with the WinHTTP error (12166)', async () => {
    const r = await mde({ dnsSuffix: 'broken.test', wpadPort, resolve: [...resolve, 'wpad.broken.test:*:127.0.0.1'] });
    expect(url(r, 'mde.us.gateway.eus').results[1]).toMatchObject({ outcome: 'Failed', verdict: null, analyzerCode: 12166 });
    expect(url(r, 'mde.us.gateway.eus').results[1]!.detail).toMatch(/MDI_PAC_RUNTIME.*no rule for winatp-gw-eus/);
    expect(url(r, 'mde.us.gateway.cus').results[1]).toMatchObject({ outcome: 'Failed', verdict: null, analyzerCode: 12166 });
    expect(url(r, 'mde.us.gateway.cus').results[1]!.detail).toMatch(/MDI_PAC_TIMEOUT/);
    // Every other URL took the PAC's proxy on that route, and passed.
    const others = r.urls.filter((u) => !['mde.us.gateway.eus', 'mde.us.gateway.cus'].includes(u.entryId));
    expect(others.length).toBeGreaterThanOrEqual(28);
    expect(others.map((u) => [u.entryId, u.results[1]!.outcome, u.results[1]!.proxy])).toEqual(others.map((u) => [u.entryId, 'Succeeded', `http://${open}`]));
    // Direct still reaches the two URLs the PAC failed, so the data location passes.
    expect(url(r, 'mde.us.gateway.eus').passed).toBe(true);
    expect(r.passed).toBe(true);
  });

  it('text CLI: analyzer text, summary and a clear error for an unknown region', async () => {
    const args = ['mde-test', '--region', 'uk', '--trusted-root', h.pki.root.certPath, ...resolve.flatMap((r) => ['--resolve', r])];
    const text = await runEngine([...args, '--analyzer-text']);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/^Testing URL : https:\/\/winatp-gw-uks\.microsoft\.com\/commands\/test\n1 - Default proxy: Doesn't exist\n/m);
    const summary = await runEngine(args);
    expect(summary.stdout).toMatch(/^Defender for Endpoint UK: every URL reachable on every route that exists/);
    expect(summary.stdout).toMatch(/^ {2}1 Default proxy +doesn't exist: no WinHTTP settings given/m);
    expect(summary.stdout).toMatch(/^ {2}3 Proxy disabled +every URL succeeded: no proxy$/m);
    const bad = await runEngine(['mde-test', '--region', 'Mars']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/MDI_INVALID_ARGUMENT.*--region 'Mars'/);
  });
});
