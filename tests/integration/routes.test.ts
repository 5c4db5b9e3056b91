// Issue 3 end to end: a .reg export decides the route of each account, and the probe goes
// through the real Squid it names (or the PAC/WPAD it points to, served from loopback).
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SettingsResponse, TestRequest } from '../../src/contract/types.js';
import { asTest, invokeEngine } from '../support/engine.js';
import { responseSchemaErrors } from '../support/schema.js';
import { hostPort, regExportBase64 } from '../support/reg-fixtures.js';

const h = inject('harness');
const ok = h.targets.ok;
const base = { sensorApiUrl: ok.url, trustedRoots: [h.pki.root.certPem], timeoutSec: 5 };
const open = hostPort(h.squid.urls.open);
const deny = hostPort(h.squid.urls.deny);

/** A loopback web server answering /proxy.pac, /wpad.dat and /hostile.pac, recording Host headers. */
let server: Server;
let pacPort = 0;
const hosts: string[] = [];
const PAC = `function FindProxyForURL(url, host) { if (shExpMatch(host, "*.atp.azure.com")) return "PROXY ${open}; DIRECT"; return "DIRECT"; }`;
beforeAll(async () => {
  server = createServer((req, res) => {
    hosts.push(req.headers.host ?? '');
    const body = req.url === '/hostile.pac' ? 'function FindProxyForURL(u, h) { while (true) {} }' : PAC;
    res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pacPort = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function test(extra: Omit<TestRequest, 'schemaVersion' | 'command'>) {
  const run = await invokeEngine({ ...base, ...extra });
  expect(responseSchemaErrors(run.response)).toEqual([]);
  // Only the engine's own narration on stderr: a Node warning (say, from loading the PAC engine) would
  // reach the admin as engine output.
  expect(run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('VERBOSE: '))).toEqual([]);
  return asTest(run.response);
}

describe('-ProxySource from a .reg export, through real Squid', () => {
  it('Auto: both service accounts name the same Squid, one check for both', async () => {
    const regFileBase64 = regExportBase64({ LocalService: { proxyServer: open }, LocalSystem: { proxyServer: open } });
    const answer = await test({ regFileBase64 });
    expect(answer.checks).toHaveLength(1);
    const [check] = answer.checks;
    expect(check).toMatchObject({ verdict: 'Pass', proxy: h.squid.urls.open, routeSource: 'LocalService', routeAccounts: ['LocalService', 'LocalSystem'] });
    expect(answer.notes.join(' ')).toMatch(/same route/);
  });

  it('Auto: LocalService and LocalSystem differ, so both are tested and the note says so', async () => {
    const regFileBase64 = regExportBase64({ LocalService: { proxyServer: open }, LocalSystem: { proxyServer: `http=x:1;https=${deny}` } });
    const answer = await test({ regFileBase64 });
    expect(answer.checks.map((c) => [c.routeSource, c.verdict])).toEqual([['LocalService', 'Pass'], ['LocalSystem', 'ProxyDenied']]);
    expect(answer.checks[1]!.routeReason).toMatch(/https= entry/);
    expect(answer.notes.join(' ')).toMatch(/take different routes/);
    expect(answer.passed).toBe(false);
  });

  it('a bypass rule sends the sensor direct, and says which rule', async () => {
    const regFileBase64 = regExportBase64({ LocalService: { proxyServer: deny, bypassList: '<local>;*.atp.azure.com' } });
    const answer = await test({ regFileBase64, proxySource: 'LocalService', resolve: [`${ok.host}:${ok.port}:127.0.0.1`] });
    expect(answer.checks[0]).toMatchObject({ verdict: 'Pass', proxy: null, routeSource: 'LocalService' });
    expect(answer.checks[0]!.routeReason).toContain('*.atp.azure.com');
  });

  it('ProxySettingsPerUser = 0 makes the machine-wide settings win', async () => {
    const regFileBase64 = regExportBase64({ LocalService: { proxyServer: deny }, Machine: { proxyServer: open }, proxySettingsPerUser: 0 });
    const answer = await test({ regFileBase64, proxySource: 'LocalService' });
    expect(answer.checks[0]).toMatchObject({ verdict: 'Pass', proxy: h.squid.urls.open });
  });

  it('WinHttp names its proxy with netsh semantics', async () => {
    const answer = await test({ regFileBase64: regExportBase64({ WinHttp: { proxyServer: deny } }), proxySource: 'WinHttp' });
    expect(answer.checks[0]).toMatchObject({ verdict: 'ProxyDenied', routeSource: 'WinHttp', proxy: h.squid.urls.deny });
  });

  it('an account whose settings point at a PAC follows the PAC to Squid', async () => {
    const regFileBase64 = regExportBase64({ LocalService: { autoConfigUrl: `http://127.0.0.1:${pacPort}/proxy.pac` } });
    const answer = await test({ regFileBase64, proxySource: 'LocalService' });
    expect(answer.checks[0]).toMatchObject({ verdict: 'Pass', proxy: h.squid.urls.open });
    expect(answer.checks[0]!.routeReason).toMatch(/FindProxyForURL returned "PROXY/);
  });

  it('automatic detection finds wpad.<suffix> through the DNS answer given, fetches wpad.dat and goes through Squid', async () => {
    hosts.length = 0;
    const regFileBase64 = regExportBase64({ LocalService: { autoDetect: true } });
    const answer = await test({ regFileBase64, proxySource: 'LocalService', dnsSuffix: 'branch.corp.contoso.test', wpadPort: pacPort, resolve: ['wpad.corp.contoso.test:*:127.0.0.1'] });
    expect(answer.checks[0]).toMatchObject({ verdict: 'Pass', proxy: h.squid.urls.open });
    expect(answer.checks[0]!.routeReason).toMatch(/WPAD http:\/\/wpad\.corp\.contoso\.test/);
    expect(hosts).toContain(`wpad.corp.contoso.test:${pacPort}`);
  });

  it('a hostile PAC is contained within its 2 s and the account falls back to its manual proxy', async () => {
    const regFileBase64 = regExportBase64({ LocalService: { autoConfigUrl: `http://127.0.0.1:${pacPort}/hostile.pac`, proxyServer: open } });
    const started = Date.now();
    const answer = await test({ regFileBase64, proxySource: 'LocalService' });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(answer.checks[0]).toMatchObject({ verdict: 'Pass', proxy: h.squid.urls.open, routeReason: expect.stringContaining(open) });
  });

  it('-ProxySource Pac evaluates the given PAC file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdi-pac-'));
    writeFileSync(join(dir, 'proxy.pac'), PAC);
    const answer = await test({ proxySource: 'Pac', pacUrl: join(dir, 'proxy.pac') });
    expect(answer.checks[0]).toMatchObject({ verdict: 'Pass', routeSource: 'Pac', proxy: h.squid.urls.open });
  });

  it('a bare proxy URL is just that proxy; the Auto note appears only when Auto was asked for', async () => {
    const bare = await test({ proxyUrl: h.squid.urls.open });
    expect(bare.notes).toEqual([]);
    const auto = await test({ proxyUrl: h.squid.urls.open, proxySource: 'Auto' });
    expect(auto.notes.join(' ')).toMatch(/proxy given as a parameter is used/);
    expect(auto.checks[0]).toMatchObject({ verdict: 'Pass', routeSource: 'Parameter' });
  });

  it('refuses a .reg that is not one, with a typed error', async () => {
    const run = await invokeEngine({ ...base, regFileBase64: Buffer.from('not a registry export').toString('base64') });
    expect(run.exitCode).toBe(2);
    expect(run.response).toMatchObject({ error: { code: 'MDI_REG_FILE_INVALID' } });
  });
});

describe('settings and copy-settings', () => {
  const fixture = { CurrentUser: { proxyServer: open, bypassList: '<local>' }, LocalService: { proxyServer: deny } };

  it('decodes every scope, routes every account and names where the service accounts differ', async () => {
    const run = await invokeEngine({ command: 'settings', regFileBase64: regExportBase64(fixture), workspace: 'contoso' });
    expect(responseSchemaErrors(run.response)).toEqual([]);
    const answer = run.response as SettingsResponse;
    expect(answer.scopes.find((s) => s.scope === 'CurrentUser')?.settings).toMatchObject({ useProxy: true, proxyServer: open, bypassList: '<local>' });
    expect(answer.scopes.find((s) => s.scope === 'LocalSystem')).toMatchObject({ present: false });
    expect(answer.routes.map((r) => [r.account, r.proxyUrl])).toEqual([
      ['CurrentUser', h.squid.urls.open], ['LocalService', h.squid.urls.deny], ['LocalSystem', null], ['WinHttp', null],
    ]);
    expect(answer.differences.join('\n')).toMatch(/LocalService \(the sensor\) differs from the current user: proxyServer/);
    expect(answer.differences.join('\n')).toMatch(/LocalSystem \(the updater\) has no DefaultConnectionSettings while the current user has some/);
  });

  it('plans a byte-for-byte copy with a backup that restores, and deletes what was absent', async () => {
    const run = await invokeEngine({ command: 'copy-settings', regFileBase64: regExportBase64(fixture), to: ['LocalSystem', 'LocalService'] });
    expect(responseSchemaErrors(run.response)).toEqual([]);
    const plan = run.response as Extract<typeof run.response, { command: 'copy-settings' }>;
    const settingsOf = async (base64: string) => (await invokeEngine({ command: 'settings', regFileBase64: base64 })).response as SettingsResponse;
    const user = (await settingsOf(regExportBase64(fixture))).scopes.find((s) => s.scope === 'CurrentUser')!.rawBase64;
    const imported = await settingsOf(plan.importRegBase64);
    for (const scope of ['LocalSystem', 'LocalService']) expect(imported.scopes.find((s) => s.scope === scope)?.rawBase64).toBe(user);
    const backup = Buffer.from(plan.backupRegBase64, 'base64').toString('utf16le');
    expect(backup).toMatch(/\[HKEY_USERS\\S-1-5-18\\[^\]]+\]\r\n"DefaultConnectionSettings"=-/);
    expect(backup).toMatch(/\[HKEY_USERS\\S-1-5-19\\[^\]]+\]\r\n"DefaultConnectionSettings"=hex:/);
    expect(plan.targets.map((t) => [t.scope, t.unchanged])).toEqual([['LocalSystem', false], ['LocalService', false]]);
  });
});
