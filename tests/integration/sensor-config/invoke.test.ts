// The module's seam for the new commands (request JSON on stdin, answer JSON on stdout,
// both checked against the generated schema), and Test-MDISensorApiConnection
// -UseCurrentConfiguration: endpoint and proxy from SensorConfiguration.json, the stored
// password decrypted with the sensor certificate, through the harness's real Squid.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { SCHEMA_VERSION, type EngineRequest, type EngineResponse, type TestRequest } from '../../../src/contract/types.js';
import { asTest, invokeEngine, runEngine } from '../../support/engine.js';
import { hostPort, regExportBase64 } from '../../support/reg-fixtures.js';
import { requestSchemaErrors, responseSchemaErrors } from '../../support/schema.js';
import { LAYOUTS, makeSensorCertificate, sensorConfigText, type SensorCertificate } from '../../support/sensor-fixtures.js';

type Request = EngineRequest extends infer R ? (R extends unknown ? Omit<R, 'schemaVersion'> : never) : never;

const h = inject('harness');
const dir = mkdtempSync(join(tmpdir(), 'mdi-sensor-invoke-'));
const [svc] = h.credentials.basic;
let cert: SensorCertificate;
beforeAll(async () => {
  cert = await makeSensorCertificate(dir, 'sensor');
});

async function invoke(request: Request): Promise<EngineResponse> {
  expect(requestSchemaErrors({ schemaVersion: SCHEMA_VERSION, ...request })).toEqual([]);
  const run = await invokeEngine(request);
  expect(responseSchemaErrors(run.response), run.stdout).toEqual([]);
  return run.response;
}

/** A sensor whose workspace endpoint is the harness's healthy target. */
function sensorFile(name: string, endpoint = { address: h.targets.ok.host, port: h.targets.ok.port }): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, sensorConfigText(LAYOUTS[0]!, 'null', cert.thumbprint, endpoint));
  return path;
}

describe('invoke: the new commands answer the contract', () => {
  it('sensor-config get, set (what-if and real), clear', async () => {
    const path = sensorFile('contract');
    const get = await invoke({ command: 'sensor-config', action: 'get', sensorConfigurationPath: path });
    expect(get).toMatchObject({ command: 'sensor-config', sensorType: 'Classic', proxy: null, sensorApiUrl: `https://${h.targets.ok.host}:${h.targets.ok.port}/tri/sensor/api/ping` });
    const whatIf = await invoke({ command: 'sensor-config', action: 'set', sensorConfigurationPath: path, proxyUrl: 'p:1', proxyUser: 'u', proxyPassword: 'pw', certificatePem: cert.certPem, whatIf: true });
    expect(whatIf).toMatchObject({ change: { changed: true, written: false, whatIf: true } });
    const set = await invoke({ command: 'sensor-config', action: 'set', sensorConfigurationPath: path, proxyUrl: 'p:1', proxyUser: 'u', proxyPassword: 'pw', certificatePem: cert.certPem });
    expect(set).toMatchObject({ change: { written: true }, proxy: { url: 'http://p:1', userName: 'u', certificateThumbprint: cert.thumbprint } });
    expect(JSON.stringify(set)).not.toContain('"pw"');
    const clear = await invoke({ command: 'sensor-config', action: 'clear', sensorConfigurationPath: path });
    expect(clear).toMatchObject({ proxy: null, previous: { url: 'http://p:1' } });
  });

  it('deployer-syntax format and parse, unified-proxy get and set', async () => {
    const format = await invoke({ command: 'deployer-syntax', action: 'format', proxyUrl: 'http://p:1', proxyUser: 'u', proxyPassword: 'pw' });
    expect(format).toMatchObject({ arguments: 'ProxyUrl="http://p:1" ProxyUserName="u" ProxyUserPassword="********"', proxyPassword: null });
    const parse = await invoke({ command: 'deployer-syntax', action: 'parse', commandLine: 'ProxyUrl="http://p:1" ProxyUserName="u" ProxyUserPassword="pw"', revealPassword: true });
    expect(parse).toMatchObject({ proxyPassword: 'pw', passwordRevealed: true });
    const get = await invoke({ command: 'unified-proxy', action: 'get', unifiedRegistry: { telemetryProxyServer: 'p:1', defenderProxyServer: null } });
    expect(get).toMatchObject({ proxyUrl: 'http://p:1' });
    const set = await invoke({ command: 'unified-proxy', action: 'set', unifiedRegistry: { telemetryProxyServer: null, defenderProxyServer: null }, proxyUrl: 'p:2' });
    expect(set).toMatchObject({ changes: [{ new: 'p:2' }, { new: 'http://p:2' }] });
  });

  it('errors come back as the contract\'s error document, the file untouched', async () => {
    const path = sensorFile('mismatch');
    const other = await makeSensorCertificate(dir, 'other');
    const before = readFileSync(path);
    const answer = await invoke({ command: 'sensor-config', action: 'set', sensorConfigurationPath: path, proxyUrl: 'p:1', proxyUser: 'u', proxyPassword: 'pw', certificatePem: other.certPem });
    expect(answer).toMatchObject({ error: { code: 'MDI_CERTIFICATE_MISMATCH' } });
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

describe('test -ProxySource SensorConfiguration (-UseCurrentConfiguration)', () => {
  const trust = { trustedRoots: [h.pki.root.certPem], timeoutSec: 5 };
  async function configured(name: string, password: string): Promise<string> {
    const path = sensorFile(name);
    const set = await invoke({ command: 'sensor-config', action: 'set', sensorConfigurationPath: path, proxyUrl: h.squid.urls.basic, proxyUser: svc!.user, proxyPassword: password, certificatePem: cert.certPem });
    expect(set).toMatchObject({ change: { written: true } });
    return path;
  }
  const test = async (request: Omit<TestRequest, 'schemaVersion' | 'command'>) => asTest(await invoke({ command: 'test', ...trust, ...request }));

  it('takes endpoint, proxy and user from the file and decrypts the password with the PFX: Pass through authenticating Squid', async () => {
    const path = await configured('auth-ok', svc!.password);
    const answer = await test({ proxySource: 'SensorConfiguration', sensorConfigurationPath: path, certificatePath: cert.aesPfxPath, certificatePassword: cert.pfxPassword });
    expect(answer.endpointNote).toMatch(/workspace endpoint in .*auth-ok\.json/);
    expect(answer.checks).toHaveLength(1);
    expect(answer.checks[0]).toMatchObject({ verdict: 'Pass', proxy: h.squid.urls.basic, routeSource: 'SensorConfiguration', routeAccounts: ['LocalService', 'LocalSystem'] });
    expect(answer.checks[0]!.target).toBe(`https://${h.targets.ok.host}:${h.targets.ok.port}/tri/sensor/api/ping`);
    expect(answer.checks[0]!.proxyAnswer?.authScheme).toBe('Basic');
    expect(JSON.stringify(answer)).not.toContain(svc!.password);
  });

  it('Auto uses the sensor configuration first; a wrong stored password is ProxyAuthFailed', async () => {
    const path = await configured('auth-bad', 'not the password');
    const answer = await test({ sensorConfigurationPath: path, certificatePath: cert.combinedPath });
    expect(answer.checks[0]).toMatchObject({ verdict: 'ProxyAuthFailed', routeSource: 'SensorConfiguration' });
    expect(answer.notes.join(' ')).toMatch(/Auto: the proxy in the sensor configuration is used/);
  });

  it('the password may come from the module instead (decrypted on Windows with the machine key)', async () => {
    const path = await configured('auth-module', svc!.password);
    const answer = await test({ proxySource: 'SensorConfiguration', sensorConfigurationPath: path, proxyPassword: svc!.password });
    expect(answer.checks[0]).toMatchObject({ verdict: 'Pass' });
  });

  it('without password or certificate it says what to give', async () => {
    const path = await configured('auth-none', svc!.password);
    const run = await invokeEngine({ ...trust, proxySource: 'SensorConfiguration', sensorConfigurationPath: path });
    expect(run.response).toMatchObject({ error: { code: 'MDI_PROXY_PASSWORD_MISSING' } });
  });

  it('a configuration without proxy tests direct, and says so', async () => {
    const path = sensorFile('no-proxy');
    const answer = await test({ proxySource: 'SensorConfiguration', sensorConfigurationPath: path, resolve: [`${h.targets.ok.host}:${h.targets.ok.port}:127.0.0.1`] });
    expect(answer.checks[0]).toMatchObject({ verdict: 'Pass', proxy: null, routeSource: 'SensorConfiguration' });
    expect(answer.notes.join(' ')).toMatch(/names no proxy/);
  });

  it('Auto with a configuration that names no proxy goes on to the service accounts\' settings', async () => {
    const path = sensorFile('auto-no-proxy');
    const open = hostPort(h.squid.urls.open);
    const answer = await test({ sensorConfigurationPath: path, regFileBase64: regExportBase64({ LocalService: { proxyServer: open }, LocalSystem: { proxyServer: open } }) });
    expect(answer.checks[0]).toMatchObject({ verdict: 'Pass', routeSource: 'LocalService', proxy: h.squid.urls.open });
    expect(answer.notes[0]).toMatch(/sensor configuration names no proxy, so the sensor follows its accounts' proxy settings/);
  });

  it('an explicit sensor API URL still wins over the file\'s endpoint', async () => {
    const path = sensorFile('explicit', { address: 'elsewhere.invalid', port: 1 });
    const answer = await test({ sensorApiUrl: h.targets.ok.url, proxySource: 'SensorConfiguration', sensorConfigurationPath: path, resolve: [`${h.targets.ok.host}:${h.targets.ok.port}:127.0.0.1`] });
    expect(answer.checks[0]!.target).toBe(`${h.targets.ok.url}/tri/sensor/api/ping`);
  });

  it('from the CLI: --sensor-configuration-path with --certificate-path, PFX password from MDI_CERTIFICATE_PASSWORD', async () => {
    const path = await configured('cli', svc!.password);
    const run = await runEngine(['test', '--proxy-source', 'SensorConfiguration', '--sensor-configuration-path', path, '--certificate-path', cert.legacyPfxPath, '--trusted-root', h.pki.root.certPath],
      { env: { ...process.env, MDI_CERTIFICATE_PASSWORD: cert.pfxPassword } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Verdict\s+Pass \(HTTP 200\)$/m);
    expect(run.stdout).toMatch(/^Route\s+SensorConfiguration \[LocalService, LocalSystem\]: proxy from the sensor configuration: http:\/\/127\.0\.0\.1:\d+ as CONTOSO\\svc-mdi$/m);
    expect(run.stdout + run.stderr).not.toContain(svc!.password);
  });
});
