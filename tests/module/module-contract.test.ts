// Drift checks between the module and the engine contract (src/contract, generated into module/schema):
// every request the module really sends, caught on its way to the engine, must validate against the
// request schema; the objects it returns must carry the contract's fields; and every property a default
// view shows (module/MDIConnectivity.Format.ps1xml, read back with Get-FormatData) must exist on them.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PowerShell } from 'node-powershell';
import { SCHEMA_VERSION } from '../../src/contract/types.js';
import { captureNode } from '../support/capture-node.js';
import { manifest, newShell, psString, repo, run, skipPwsh } from '../support/pwsh.js';
import { regExport } from '../support/reg-fixtures.js';
import { requestSchemaErrors } from '../support/schema.js';
import { LAYOUTS, makeSensorCertificate, sensorConfigText } from '../support/sensor-fixtures.js';

interface SchemaNode { properties?: Record<string, unknown> }
const responseSchema = JSON.parse(readFileSync(join(repo, 'module', 'schema', 'engine-response.schema.json'), 'utf8')) as { definitions: Record<string, SchemaNode> };
const fieldsOf = (name: string): string[] => Object.keys(responseSchema.definitions[name]?.properties ?? {});
const pascal = (field: string): string => field[0]!.toUpperCase() + field.slice(1);

/** The output type names that have a default view, and the response type whose fields they carry. */
const VIEW_TYPES: Record<string, string | null> = {
  'MDIConnectivity.CheckResult': 'CheckResult',
  'MDIConnectivity.MdeUrlResult': 'MdeUrlResult',
  'MDIConnectivity.CatalogEntry': 'CatalogEntry',
  'MDIConnectivity.ProxySetting': null,
  'MDIConnectivity.SensorProxyConfiguration': null,
};

const requestSchema = JSON.parse(readFileSync(join(repo, 'module', 'schema', 'engine-request.schema.json'), 'utf8')) as { definitions: Record<string, { enum?: string[] }> };
/** Parameters whose [ValidateSet] must offer exactly the values of a contract enum. */
const ENUM_PARAMETERS: Array<[string, string, string[]]> = [
  ['Test-MDIConnectivity', 'ProxySource', requestSchema.definitions.ProxySource?.enum ?? []],
  ['Test-MDIConnectivity', 'Cloud', requestSchema.definitions.Cloud?.enum ?? []],
  ['Test-MDEConnectivity', 'Region', requestSchema.definitions.MdeRegion?.enum ?? []],
  ['Get-MDIEndpointCatalog', 'Service', requestSchema.definitions.Service?.enum ?? []],
  ['Get-MDIEndpointCatalog', 'Cloud', requestSchema.definitions.Cloud?.enum ?? []],
  ['Get-MDIEndpointCatalog', 'Region', requestSchema.definitions.MdeRegion?.enum ?? []],
  ['Test-MDIServiceTag', 'Service', requestSchema.definitions.Service?.enum ?? []],
  ['Test-MDIServiceTag', 'Cloud', requestSchema.definitions.Cloud?.enum ?? []],
  ['Test-MDIServiceTag', 'Region', requestSchema.definitions.MdeRegion?.enum ?? []],
  ['Get-MDIProxySetting', 'Scope', (responseSchema.definitions.SettingsScope as { enum?: string[] } | undefined)?.enum ?? []],
];

describe('the request schema check can fail', () => {
  it('rejects a request with a key the contract does not have, and accepts one without', () => {
    const request = { schemaVersion: SCHEMA_VERSION, command: 'catalog', service: 'MDI', workspace: 'contoso-corp' };
    expect(requestSchemaErrors(request)).toEqual([]);
    expect(requestSchemaErrors({ ...request, skipAllowlist: true }).length).toBeGreaterThan(0);
  });
});

describe.skipIf(skipPwsh)('the module against the contract, in real PowerShell', () => {
  const h = inject('harness');
  const capture = captureNode();
  let shell: PowerShell;
  /** Property names of every object each command returned, by type name. */
  let produced: Record<string, string[][]> = {};

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdi-contract-'));
    const reg = join(dir, 'dc01-proxy.reg');
    writeFileSync(reg, regExport({ CurrentUser: { proxyServer: new URL(h.squid.urls.open).host }, LocalService: { proxyServer: new URL(h.squid.urls.open).host }, WinHttp: { proxyServer: new URL(h.squid.urls.open).host } }));
    const cert = await makeSensorCertificate(dir, 'sensor');
    const sensorConfig = join(dir, 'SensorConfiguration.json');
    writeFileSync(sensorConfig, sensorConfigText(LAYOUTS[0]!, 'null', cert.thumbprint));
    const target = h.targets.ok;
    const resolve = psString(`${target.host}:${target.port}:127.0.0.1`);
    const sensor = `-SensorApiUrl ${psString(target.url)} -Resolve ${resolve} -TrustedRootCertificate ${psString(h.pki.root.certPath)} -TimeoutSec 5`;
    const endpoints = 'address' in h.endpoints && h.endpoints.address ? h.endpoints.address : '127.0.0.1';

    shell = newShell();
    const setup = await run(shell, `$ProgressPreference = 'SilentlyContinue'; $global:ProgressPreference = 'SilentlyContinue'; $env:MDI_NODE = ${psString(capture.path)}; Import-Module ${psString(manifest)} -Force; 'ok'`);
    expect(setup).toEqual({ ok: true, value: ['ok'] });
    // One call per command and parameter set; failed verdicts warn, which is not what is checked here.
    const calls = [
      `Test-MDIConnectivity ${sensor} -ProxySource Direct -SkipAllowlist`,
      `Test-MDIConnectivity ${sensor} -ProxyUrl ${psString(h.squid.urls.basic)} -ProxyCredential ([pscredential]::new('CONTOSO\\svc', (ConvertTo-SecureString 'Canary-Pw-1' -AsPlainText -Force))) -SkipAllowlist -Quiet`,
      `Test-MDIConnectivity ${sensor} -ProxySource LocalService -Path ${psString(reg)} -DnsSuffix corp.contoso.com -SkipAllowlist`,
      `Test-MDISensorApiConnection -BypassConfiguration ${sensor} -Detailed`,
      `Get-MDIEndpointCatalog -WorkspaceName contoso-corp`,
      `Test-MDIServiceTag -Path ${psString(join(repo, 'tests', 'fixtures', 'service-tags', 'ServiceTags_Public_20261116.json'))} -WorkspaceName contoso-corp`,
      `$r = @(Get-MDIEndpointCatalog -Service MDE -Region EU | Where-Object TestUrl | ForEach-Object { $u = [uri]$_.TestUrl; '{0}:{1}:${endpoints}' -f $u.Host, $u.Port } | Sort-Object -Unique); ` +
        `Test-MDEConnectivity -Region EU -Path ${psString(reg)} -Resolve $r -TimeoutSec 3`,
      `Get-MDIProxySetting -Path ${psString(reg)} -WorkspaceName contoso-corp`,
      `Copy-MDIProxySetting -Path ${psString(reg)} -OutputPath ${psString(join(dir, 'dc01-import.reg'))} -Confirm:$false`,
      `Get-MDISensorProxyConfiguration -SensorConfigurationPath ${psString(dir)}`,
      `Set-MDISensorProxyConfiguration -ProxyUrl p:1 -SensorConfigurationPath ${psString(sensorConfig)} -CertificatePath ${psString(cert.certPath)} -WhatIf`,
      `ConvertTo-MDIDeployerArgument -ProxyUrl p:1 -ProxyCredential ([pscredential]::new('CONTOSO\\svc', (ConvertTo-SecureString 'Canary-Pw-1' -AsPlainText -Force)))`,
    ];
    const result = await run(
      shell,
      `$WarningPreference = 'SilentlyContinue'; $seen = @{}; foreach ($call in @(${calls.map(psString).join(', ')})) { ` +
        `foreach ($o in @(& ([scriptblock]::Create($call)) 2>$null)) { if ($null -eq $o -or $o -is [bool]) { continue }; ` +
        `$t = $o.PSObject.TypeNames[0]; if (-not $seen.ContainsKey($t)) { $seen[$t] = New-Object System.Collections.Generic.List[object] }; $seen[$t].Add(@($o.PSObject.Properties.Name)) } }; ` +
        `$out = [ordered]@{}; foreach ($k in $seen.Keys) { $out[$k] = @($seen[$k] | Select-Object -First 3) }; [pscustomobject]$out`,
    );
    expect(result.ok, result.message).toBe(true);
    produced = (result.value as Array<typeof produced>)[0]!;
  }, 300_000);

  afterAll(async () => {
    await shell?.dispose();
  });

  it('sends only requests the generated schema accepts, for every engine command the module uses', () => {
    const requests = capture.requests();
    const commands = [...new Set(requests.map((r) => String(r.command)))].sort();
    expect(commands).toEqual(expect.arrayContaining(['catalog', 'copy-settings', 'deployer-syntax', 'mde-test', 'sensor-config', 'service-tags', 'settings', 'test']));
    for (const request of requests) {
      expect(requestSchemaErrors(request), `${String(request.command)}: ${Object.keys(request).join(', ')}`).toEqual([]);
      expect(request.schemaVersion).toBe(SCHEMA_VERSION);
    }
  });

  it('hands the proxy password to the engine on stdin only: never in its arguments or environment', () => {
    const withPassword = capture.requests().filter((r) => r.proxyPassword !== undefined);
    expect(withPassword.map((r) => r.proxyPassword)).toEqual(expect.arrayContaining(['Canary-Pw-1']));
    const launches = capture.launches();
    expect(launches.length).toBe(capture.requests().length);
    for (const launch of launches) {
      expect(launch.args).toMatch(/mdi-connectivity\.mjs\ninvoke\n$/);
      expect(launch.args).not.toContain('Canary-Pw-1');
      expect(launch.env).not.toContain('Canary-Pw-1');
    }
  });

  it.each(ENUM_PARAMETERS)('%s -%s offers exactly the contract\'s values', async (command, parameter, values) => {
    expect(values.length).toBeGreaterThan(1);
    const result = await run(shell, `@((Get-Command ${command}).Parameters[${psString(parameter)}].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object { $_.ValidValues })`);
    expect(result.value).toEqual(values);
  });

  it('CheckResult objects carry exactly the contract fields, PascalCase', () => {
    const expected = fieldsOf('CheckResult').map(pascal).sort();
    expect(expected.length).toBeGreaterThan(10);
    const seen = produced['MDIConnectivity.CheckResult'] ?? [];
    expect(seen.length).toBeGreaterThan(0);
    for (const names of seen) expect([...names].sort()).toEqual(expected);
  });

  it.each(['MdeUrlResult', 'CatalogEntry'])('%s objects carry every contract field, PascalCase', (type) => {
    const seen = produced[`MDIConnectivity.${type}`] ?? [];
    expect(seen.length).toBeGreaterThan(0);
    for (const names of seen) expect(names).toEqual(expect.arrayContaining(fieldsOf(type).map(pascal)));
  });

  it.each(Object.keys(VIEW_TYPES))('the %s view shows only properties its objects have (also deserialized)', async (type) => {
    const result = await run(
      shell,
      `$d = @(Get-FormatData -TypeName ${psString(type)}); $views = @($d | ForEach-Object { $_.FormatViewDefinition }); ` +
        `$names = foreach ($v in $views) { foreach ($c in @($v.Control.Rows | ForEach-Object { $_.Columns })) { $e = $c.DisplayEntry; ` +
        `if ($e.ValueType -eq 'Property') { $e.Value } else { [scriptblock]::Create($e.Value).Ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.MemberExpressionAst] -and ` +
        `$n.Expression -is [System.Management.Automation.Language.VariableExpressionAst] -and $n.Expression.VariablePath.UserPath -eq '_' }, $true) | ForEach-Object { $_.Member.Value } } } }; ` +
        `[pscustomobject]@{ views = $views.Count; deserialized = @(Get-FormatData -TypeName ${psString(`Deserialized.${type}`)}).Count; shown = @($names | Sort-Object -Unique) }`,
    );
    expect(result.ok, result.message).toBe(true);
    const [view] = result.value as Array<{ views: number; deserialized: number; shown: string[] }>;
    expect(view!.views).toBeGreaterThan(0);
    expect(view!.deserialized).toBeGreaterThan(0);
    expect(view!.shown.length).toBeGreaterThan(2);
    const seen = produced[type] ?? [];
    expect(seen.length, `no ${type} was produced`).toBeGreaterThan(0);
    for (const names of seen) expect(names).toEqual(expect.arrayContaining(view!.shown));
  });
});
