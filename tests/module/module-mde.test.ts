// The module's side of issue 5 in real PowerShell: Test-MDEConnectivity (the Client Analyzer's five routes),
// the allowlist and root-certificate results of Test-MDIConnectivity, and Test-MDISensorApiConnection kept to
// the sensor API. Request keys and views against the contract: module-contract.test.ts.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PowerShell } from 'node-powershell';
import { nodeForModule, newShell, psArray, psString, repo, run, skipPwsh } from '../support/pwsh.js';
import { buildRegFile, regBinary, regSz, writeRegFile } from '../../src/codecs/reg-file.js';
import { encodeWinHttpSettings, newWinHttpSettings } from '../../src/codecs/winhttp-settings.js';
import { TELEMETRY_VALUE } from '../../src/sensor-config/unified-values.js';
import { locationOf } from '../../src/settings/scopes.js';
import { SCHEMA_VERSION } from '../../src/contract/types.js';

// ---- in real PowerShell ------------------------------------------------------------------------------

const engine = join(repo, 'module', 'engine', 'mdi-connectivity.mjs');

/** The engine's own answer to a request, straight through its stdin (what the module's seam does). */
function engineAnswer(request: Record<string, unknown>): Record<string, unknown> {
  const child = spawnSync(process.execPath, [engine, 'invoke'], { input: JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...request }), encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(child.stdout) as Record<string, unknown>;
}

interface CatalogEntry { id: string; category: string; testUrl: string | null; port: number; required: boolean }
const catalog = (request: Record<string, unknown>): CatalogEntry[] => (engineAnswer({ command: 'catalog', ...request }).entries ?? []) as CatalogEntry[];
/** host:port:127.0.0.1 for every URL, so the direct route never leaves the machine. */
const loopback = (entries: CatalogEntry[], except: string[] = []): string[] =>
  [...new Set(entries.filter((e) => e.testUrl).map((e) => new URL(e.testUrl!)).filter((u) => !except.includes(u.hostname)).map((u) => `${u.hostname}:${u.port || (u.protocol === 'http:' ? 80 : 443)}:127.0.0.1`))];

const ROUTE_LINES = ['1 - Default proxy', '2 - Proxy auto discovery (WPAD)', '3 - Proxy disabled', '4 - Named proxy', '5 - Command line proxy'];
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(skipPwsh)('Test-MDEConnectivity and the allowlist in real PowerShell', () => {
  const h = inject('harness');
  let shell: PowerShell;
  let regPath = '';
  let euUrls: string[] = [];
  let euResolve: string[] = [];
  const proxy = (): string => h.squid.urls.open;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdi-mde-'));
    // Routes 1 and 4 through the open Squid: it knows no Microsoft name (its resolver is the NXDOMAIN
    // server), so nothing leaves the machine and every probe fails the same way.
    const winHttp = locationOf('WinHttp');
    const proxyHost = new URL(proxy()).host;
    regPath = join(dir, 'device.reg');
    writeFileSync(regPath, writeRegFile(buildRegFile([
      { path: winHttp.key, values: [{ name: winHttp.value, data: regBinary(encodeWinHttpSettings(newWinHttpSettings({ proxyServer: proxyHost }))) }] },
      { path: TELEMETRY_VALUE.key, values: [{ name: TELEMETRY_VALUE.name, data: regSz(proxyHost) }] },
    ])));
    const eu = catalog({ service: 'MDE', region: 'EU' });
    euUrls = eu.filter((e) => e.testUrl).map((e) => e.testUrl!);
    euResolve = loopback(eu);
    expect(euUrls.length).toBeGreaterThan(10);

    shell = newShell();
    const setup = await run(shell, `$ProgressPreference = 'SilentlyContinue'; $global:ProgressPreference = 'SilentlyContinue'; $env:MDI_NODE = ${psString(nodeForModule)}; Import-Module ${psString(join(repo, 'MDIConnectivity.psd1'))} -Force; 'ok'`);
    expect(setup).toEqual({ ok: true, value: ['ok'] });
  }, 120_000);

  afterAll(async () => {
    await shell?.dispose();
  });

  const mdeArgs = (): string => `-Region EU -Path ${psString(regPath)} -ProxyUrl ${psString(proxy())} -Resolve ${psArray(euResolve)} -TimeoutSec 5`;

  it('-AsAnalyzerText returns the engine\'s analyzer text exactly: one block of five numbered routes per URL', async () => {
    const result = await run(shell, `$t = @(Test-MDEConnectivity ${mdeArgs()} -AsAnalyzerText -WarningAction SilentlyContinue); [pscustomobject]@{ count = $t.Count; isString = $t[0] -is [string]; text = $t[0] }`);
    expect(result.ok, result.message).toBe(true);
    const [answer] = result.value as Array<{ count: number; isString: boolean; text: string }>;
    expect(answer).toMatchObject({ count: 1, isString: true });
    const direct = engineAnswer({
      command: 'mde-test', region: 'EU', proxyUrl: proxy(), resolve: euResolve, timeoutSec: 5,
      regFileBase64: readFileSync(regPath).toString('base64'),
    });
    expect(answer!.text).toBe(direct.analyzerText);
    for (const url of euUrls) {
      const block = new RegExp(`Testing URL : ${escape(url)}\\r?\\n${ROUTE_LINES.map((label) => `${escape(label)}: ([^\\r\\n]+)`).join('\\r?\\n')}`).exec(answer!.text);
      expect(block, url).not.toBeNull();
      const outcomes = block!.slice(1);
      for (const outcome of outcomes) expect(outcome).toMatch(/^(Succeeded \(\d+\)|Failed( \(\d+\))?|Doesn't exist)$/);
      // Routes 1 and 4 come from the export and 5 from -ProxyUrl, so they exist; the export names no DNS
      // suffix, so WPAD does not.
      for (const index of [0, 3, 4]) expect(outcomes[index], `${url} ${ROUTE_LINES[index]}`).not.toBe("Doesn't exist");
      expect(outcomes[1], url).toBe("Doesn't exist");
    }
  }, 180_000);

  it('returns one MDIConnectivity.MdeUrlResult per URL with its five typed route results, and warns with the count', async () => {
    const result = await run(
      shell,
      `$all = @(Test-MDEConnectivity ${mdeArgs()} 3>&1); ` +
        `$urls = @($all | Where-Object { $_.PSObject.TypeNames -contains 'MDIConnectivity.MdeUrlResult' }); ` +
        `[pscustomobject]@{ warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message }); ` +
        `table = ($urls | Out-String -Width 400); ` +
        `urls = @($urls | ForEach-Object { $u = $_; [pscustomobject]@{ url = $u.Url; passed = $u.Passed; category = $u.Category; entryId = $u.EntryId; ` +
        `routes = @($u.Results | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Route, $_.Kind, $_.Outcome, $_.PSObject.TypeNames[0] }); ` +
        `byKind = @('DefaultProxy', 'Wpad', 'Direct', 'NamedProxy', 'CommandLineProxy' | ForEach-Object { $u.$_.Kind }) } }) }`,
    );
    expect(result.ok, result.message).toBe(true);
    const [answer] = result.value as Array<{ warnings: string[]; table: string; urls: Array<{ url: string; passed: boolean; category: string; entryId: string; routes: string[]; byKind: string[] }> }>;
    expect(answer!.urls.map((u) => u.url).sort()).toEqual([...euUrls].sort());
    // The same request straight to the engine: the module keeps its per-URL answer and its order.
    const direct = engineAnswer({ command: 'mde-test', region: 'EU', proxyUrl: proxy(), resolve: euResolve, timeoutSec: 5, regFileBase64: readFileSync(regPath).toString('base64') });
    const engineUrls = direct.urls as Array<{ url: string; passed: boolean; entryId: string; category: string }>;
    expect(answer!.urls.map((u) => [u.url, u.passed, u.entryId, u.category])).toEqual(engineUrls.map((u) => [u.url, u.passed, u.entryId, u.category]));
    const failed = engineUrls.filter((u) => !u.passed).length;
    expect(direct.passed).toBe(false);
    expect(failed).toBeGreaterThan(0);
    for (const url of answer!.urls) {
      expect(url.entryId).toMatch(/^mde\./);
      expect(url.routes.map((r) => r.split('|').slice(0, 2).join('|'))).toEqual(['1|DefaultProxy', '2|Wpad', '3|Direct', '4|NamedProxy', '5|CommandLineProxy']);
      for (const route of url.routes) expect(route).toMatch(/\|(Succeeded|Failed|DoesNotExist)\|MDIConnectivity\.MdeRouteResult$/);
      expect(url.byKind).toEqual(['DefaultProxy', 'Wpad', 'Direct', 'NamedProxy', 'CommandLineProxy']);
    }
    expect(answer!.warnings).toHaveLength(1);
    expect(answer!.warnings[0]).toMatch(new RegExp(`^${failed} of ${euUrls.length} Defender for Endpoint URLs \\(EU\\)`));
    expect(answer!.table).toMatch(/Passed\s+Category\s+Url\s+DefaultProxy\s+Wpad\s+Direct\s+NamedProxy\s+CommandLineProxy/);
    expect(answer!.table).toMatch(/Failed/);
  }, 180_000);

  it('-Quiet returns exactly one $false, and the route results survive serialization (remoting depth)', async () => {
    const quiet = await run(shell, `$q = @(Test-MDEConnectivity ${mdeArgs()} -Quiet -WarningAction SilentlyContinue); [pscustomobject]@{ count = $q.Count; isBool = $q[0] -is [bool]; value = $q[0] }`);
    expect(quiet.value).toEqual([{ count: 1, isBool: true, value: false }]);
    const copy = await run(
      shell,
      `$u = @(Test-MDEConnectivity ${mdeArgs()} -WarningAction SilentlyContinue)[0]; ` +
        `$d = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($u, 1)); ` +
        `[pscustomobject]@{ type = $d.PSObject.TypeNames[0]; outcome = [string]$d.DefaultProxy.Outcome; results = @($d.Results | ForEach-Object { [string]$_.Kind }) -join ',' }`,
    );
    expect(copy.value).toEqual([{ type: 'Deserialized.MDIConnectivity.MdeUrlResult', outcome: expect.stringMatching(/^(Succeeded|Failed|DoesNotExist)$/), results: 'DefaultProxy,Wpad,Direct,NamedProxy,CommandLineProxy' }]);
  }, 180_000);

  it.skipIf(process.platform === 'win32')('off Windows without -Path: routes 1, 2 and 4 do not exist, and -Verbose says so', async () => {
    const uk = catalog({ service: 'MDE', region: 'UK' });
    const result = await run(
      shell,
      `$all = @(Test-MDEConnectivity -Region uk -Resolve ${psArray(loopback(uk))} -TimeoutSec 5 -Verbose -WarningAction SilentlyContinue 4>&1); ` +
        `[pscustomobject]@{ verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message }) -join [char]10; ` +
        `outcomes = @($all | Where-Object { $_.PSObject.TypeNames -contains 'MDIConnectivity.MdeUrlResult' } | ForEach-Object { '{0},{1},{2},{3}' -f $_.DefaultProxy.Outcome, $_.Wpad.Outcome, $_.NamedProxy.Outcome, $_.CommandLineProxy.Outcome } | Sort-Object -Unique) }`,
    );
    expect(result.ok, result.message).toBe(true);
    const [answer] = result.value as Array<{ verbose: string; outcomes: string[] }>;
    expect(answer!.verbose).toMatch(/Not on Windows and no -Path[^\n]*route 1[^\n]*route 4[^\n]*do not exist[^\n]*WPAD \(route 2\)/);
    expect(answer!.outcomes).toEqual(['DoesNotExist,DoesNotExist,DoesNotExist,DoesNotExist']);
  }, 180_000);

  it('Test-MDIConnectivity: the sensor API first (SensorApi, mdi.sensor-api), then the allowlist, then one result per required root', async () => {
    const target = h.targets.ok;
    const mdi = catalog({ service: 'MDI', workspace: target.workspace });
    const resolve = [`${target.host}:${target.port}:127.0.0.1`, ...loopback(mdi, [target.host])];
    const common = `-SensorApiUrl ${psString(target.url)} -ProxySource Direct -Resolve ${psArray(resolve)} -TrustedRootCertificate ${psString(h.pki.root.certPath)} -TimeoutSec 5`;
    const summary = `ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.Category, $_.EndpointId, $_.Required, $_.Verdict, $_.PSObject.TypeNames[0] }`;
    const only = await run(shell, `Test-MDIConnectivity ${common} -SkipAllowlist | ${summary}`);
    expect(only.value).toEqual(['SensorApi|mdi.sensor-api|True|Pass|MDIConnectivity.CheckResult']);
    const quietOnly = await run(shell, `Test-MDIConnectivity ${common} -SkipAllowlist -Quiet`);
    expect(quietOnly.value).toEqual([true]);

    // With the allowlist: the lab root bundle stands for the machine store, so the required roots are missing.
    const all = await run(shell, `Test-MDIConnectivity ${common} -RootStorePath ${psString(h.pki.root.certPath)} -ThrottleLimit 4 | ${summary}`);
    expect(all.ok, all.message).toBe(true);
    const rows = (all.value as string[]).map((row) => row.split('|'));
    expect(rows[0]).toEqual(['SensorApi', 'mdi.sensor-api', 'True', 'Pass', 'MDIConnectivity.CheckResult']);
    const categories = rows.map((row) => row[0]!);
    expect(categories).toContain('CertificateAllowlist');
    expect(categories).not.toContain('LegacyRegional');
    const roots = rows.filter((row) => row[0] === 'RootCertificate');
    expect(roots.length).toBeGreaterThan(0);
    expect(categories.slice(categories.length - roots.length)).toEqual(roots.map(() => 'RootCertificate'));
    // The commercial cloud requires one root (DigiCert Global Root G2); the informational Azure roots stay on the verbose stream.
    expect(roots).toEqual([['RootCertificate', 'root.DF3C24F9BFD666761B268073FE06D1CC8D4F82A4', 'True', 'CertificateUntrusted', 'MDIConnectivity.CheckResult']]);
    const quiet = await run(shell, `Test-MDIConnectivity ${common} -RootStorePath ${psString(h.pki.root.certPath)} -Quiet`);
    expect(quiet.value).toEqual([false]);
  }, 180_000);

  it('Test-MDISensorApiConnection -Detailed returns the sensor API checks only', async () => {
    const target = h.targets.ok;
    const result = await run(
      shell,
      `Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl ${psString(target.url)} -Resolve ${psString(`${target.host}:${target.port}:127.0.0.1`)} ` +
        `-TrustedRootCertificate ${psString(h.pki.root.certPath)} -TimeoutSec 5 -Detailed | ForEach-Object { '{0}|{1}' -f $_.Category, $_.Verdict }`,
    );
    expect(result.value).toEqual(['SensorApi|Pass']);
  }, 60_000);
});
