// The check commands in real pwsh against the harness's Squid and TLS peers: the happy path through a real
// proxy, an authenticating proxy, pipeline binding (defect 4 of issue 9: a piped string binds), the
// official command's URL set chosen without a prompt (defect 10), -Verbose content and output types.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { psString, skipPwsh, useModuleShell } from '../support/pwsh.js';

const h = inject('harness');
const root = psString(h.pki.root.certPath);
const target = h.targets.ok;
const basic = h.credentials.basic[0]!;
const credential = `([pscredential]::new(${psString(basic.user)}, (ConvertTo-SecureString ${psString(basic.password)} -AsPlainText -Force)))`;
/** Squid resolves the workspace name through its NXDOMAIN server: a fast, deterministic DnsFailure. */
const unknownWorkspace = 'contoso-piped';

describe.skipIf(skipPwsh)('the check commands in real PowerShell', () => {
  const ps = useModuleShell();

  it('Test-MDIConnectivity through Squid: Pass, typed, and -Verbose shows every phase', async () => {
    const result = await ps(`$all = @(Test-MDIConnectivity -SensorApiUrl ${psString(target.url)} -ProxyUrl ${psString(h.squid.urls.open)} -TrustedRootCertificate ${root} -SkipAllowlist -Verbose 4>&1); ` +
        `$r = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }); ` +
        `[pscustomobject]@{ count = $r.Count; type = $r[0].PSObject.TypeNames[0]; verdict = $r[0].Verdict; status = $r[0].HttpStatus; proxy = $r[0].Proxy; ` +
        `phases = @($r[0].Phases | ForEach-Object { $_.PSObject.TypeNames[0] + ':' + $_.Name }) -join ','; ` +
        `verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message }) -join [char]10 }`,
    );
    expect(result.ok, result.message).toBe(true);
    const [answer] = result.value as Array<Record<string, string | number>>;
    expect(answer).toMatchObject({ count: 1, type: 'MDIConnectivity.CheckResult', verdict: 'Pass', status: 200, proxy: h.squid.urls.open });
    expect(answer!.phases).toBe(['dns', 'tcp', 'proxyConnect', 'tls', 'http'].map((name) => `MDIConnectivity.PhaseResult:${name}`).join(','));
    for (const line of [/^proxyConnect ok in .* 200 Connection established$/m, /^tls ok in .*MDI Test Root CA$/m, /^http ok in .*HTTP 200$/m, /^Trusting the root certificate\(s\) in /m]) {
      expect(answer!.verbose).toMatch(line);
    }
  }, 60_000);

  it('Test-MDIConnectivity -ProxyCredential through the Basic Squid: Pass; without it ProxyAuthRequired', async () => {
    const common = `-SensorApiUrl ${psString(target.url)} -ProxyUrl ${psString(h.squid.urls.basic)} -TrustedRootCertificate ${root} -SkipAllowlist`;
    const result = await ps(`(Test-MDIConnectivity ${common} -ProxyCredential ${credential}).Verdict; (Test-MDIConnectivity ${common}).Verdict`);
    expect(result.value).toEqual(['Pass', 'ProxyAuthRequired']);
  }, 60_000);

  it('a workspace name piped as a string binds, one result per name', async () => {
    const result = await ps(`'${unknownWorkspace}', '${unknownWorkspace}2' | Test-MDIConnectivity -ProxyUrl ${psString(h.squid.urls.open)} -SkipAllowlist -TimeoutSec 10 | ForEach-Object { $_.Target }`,
    );
    expect(result.ok, result.message).toBe(true);
    expect(result.value).toEqual([`https://${unknownWorkspace}sensorapi.atp.azure.com/tri/sensor/api/ping`, `https://${unknownWorkspace}2sensorapi.atp.azure.com/tri/sensor/api/ping`]);
  }, 60_000);

  it('objects with a WorkspaceName property bind by property name, to Test-MDIConnectivity and Get-MDIEndpointCatalog', async () => {
    const result = await ps(`$item = [pscustomobject]@{ WorkspaceName = '${unknownWorkspace}' }; ` +
        `($item | Test-MDIConnectivity -ProxyUrl ${psString(h.squid.urls.open)} -SkipAllowlist -TimeoutSec 10).Target; ` +
        `($item | Get-MDIEndpointCatalog | Where-Object Id -eq 'mdi.sensor-api').Allowlist`,
    );
    expect(result.value).toEqual([`https://${unknownWorkspace}sensorapi.atp.azure.com/tri/sensor/api/ping`, `${unknownWorkspace}sensorapi.atp.azure.com`]);
  }, 60_000);

  it('Test-MDISensorApiConnection -SensorApiUrl without -BypassConfiguration never prompts: it tests the URL', async () => {
    // The shell runs -NonInteractive: a prompt for the switch would fail the call.
    const result = await ps(`Test-MDISensorApiConnection -SensorApiUrl ${psString(target.url)} -ProxyUrl ${psString(h.squid.urls.open)} -TrustedRootCertificate ${root}; ` +
        `Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl ${psString(target.url)} -ProxyUrl ${psString(h.squid.urls.open)} -TrustedRootCertificate ${root}`,
    );
    expect(result.ok, result.message).toBe(true);
    expect(result.value).toEqual([true, true]);
  }, 60_000);

  it('Test-MDISensorApiConnection returns $false and says why on the verbose stream; -Detailed returns the CheckResult', async () => {
    const common = `-SensorApiUrl ${psString(target.url)} -ProxyUrl ${psString(h.squid.urls.basic)} -TrustedRootCertificate ${root}`;
    const result = await ps(`$all = @(Test-MDISensorApiConnection ${common} -Verbose 4>&1); ` +
        `$detailed = @(Test-MDISensorApiConnection ${common} -Detailed); ` +
        `[pscustomobject]@{ value = @($all | Where-Object { $_ -is [bool] }); why = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*ProxyAuthRequired*' }).Count; ` +
        `detailed = $detailed[0].PSObject.TypeNames[0] + ':' + $detailed[0].Verdict }`,
    );
    expect(result.value).toEqual([{ value: [false], why: 1, detailed: 'MDIConnectivity.CheckResult:ProxyAuthRequired' }]);
  }, 60_000);

  it('Get-MDIEndpointCatalog: typed entries, and -AllowlistOnly strings', async () => {
    const result = await ps(`$e = @(Get-MDIEndpointCatalog -WorkspaceName contoso-corp); $a = @(Get-MDIEndpointCatalog -WorkspaceName contoso-corp -AllowlistOnly); ` +
        `[pscustomobject]@{ type = $e[0].PSObject.TypeNames[0]; first = $e[0].Id; strings = @($a | Where-Object { $_ -is [string] }).Count -eq $a.Count; sensor = $a[0] }`,
    );
    expect(result.value).toEqual([{ type: 'MDIConnectivity.CatalogEntry', first: 'mdi.sensor-api', strings: true, sensor: 'contoso-corpsensorapi.atp.azure.com' }]);
  });

  it('Test-MDIServiceTag: ranges piped by value and by property name reach the check', async () => {
    const tags = psString(new URL('../fixtures/service-tags/ServiceTags_Public_20261116.json', import.meta.url).pathname);
    const pin = `'contoso-corpsensorapi.atp.azure.com:443:20.36.120.113'`;
    const result = await ps(`$byValue = '20.36.120.112/29' | Test-MDIServiceTag -Path ${tags} -WorkspaceName contoso-corp -Resolve ${pin}; ` +
        `$byName = [pscustomobject]@{ AddressPrefix = '20.36.120.112/29' } | Test-MDIServiceTag -Path ${tags} -WorkspaceName contoso-corp -Resolve ${pin}; ` +
        `[pscustomobject]@{ type = $byValue.PSObject.TypeNames[0]; host = $byValue.Hosts[0].Passed; covered = @($byValue.Covered, $byName.Covered) }`,
    );
    expect(result.ok, result.message).toBe(true);
    expect(result.value).toEqual([{ type: 'MDIConnectivity.ServiceTagResult', host: true, covered: [1, 1] }]);
  }, 60_000);
});
