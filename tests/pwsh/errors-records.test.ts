// Defects 5 and 7 of issue 9: one failure is exactly one error in -ErrorVariable (and in $Error), and it is the
// MDI_* record, under -ErrorAction Stop, Continue and SilentlyContinue; every file parameter that names no
// file is MDI_FILE_NOT_FOUND. In real pwsh, against the built engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { psString, repo, run, skipPwsh, useModuleShell } from '../support/pwsh.js';
import { LAYOUTS, sensorConfigText } from '../support/sensor-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mdi-errors-'));
const missing = (name: string): string => psString(join(dir, name));
const sensorConfig = join(dir, 'SensorConfiguration.json');
writeFileSync(sensorConfig, sensorConfigText(LAYOUTS[0]!, '{ "$type": "SensorProxyConfiguration", "Url": "http://127.0.0.1:9" }', 'AB'.repeat(20)));
const tagsFile = join(dir, 'ServiceTags_Public_20260101.json');
writeFileSync(tagsFile, '{ "changeNumber": 1, "cloud": "Public", "values": [ ] }');
const url = 'https://contoso-corpsensorapi.atp.azure.com';
// Stand-ins for the runtime: each passes the picker's "--version" check, then is not the engine.
const fakeNode = (name: string, body: string): string => {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo v24.0.0; exit 0; fi\ncat >/dev/null\n${body}\n`, { mode: 0o755 });
  return file;
};
const oldContract = fakeNode('old-contract-node', `echo '{"schemaVersion":1}'`);
const brokenEngine = fakeNode('broken-node', 'echo "Segmentation fault" >&2; exit 139');
// A prefix run before the command (and undone after it): where the runtime picker is sent.
const withNode = (node: string, path = ''): string => `$env:MDI_NODE = ${psString(node)}; $env:PATH = ${psString(path)}; `;

// Each command, with the id the user must find, alone, in -ErrorVariable.
const cases: Array<[string, string, string] | [string, string, string, string]> = [
  ['Test-MDIConnectivity -TrustedRootCertificate <missing>', `Test-MDIConnectivity -SensorApiUrl ${url} -SkipAllowlist -TrustedRootCertificate ${missing('root.pem')}`, 'MDI_FILE_NOT_FOUND'],
  ['Test-MDIConnectivity -TrustedRootCertificate <wildcard matching nothing>', `Test-MDIConnectivity -SensorApiUrl ${url} -SkipAllowlist -TrustedRootCertificate ${missing('*.nothing')}`, 'MDI_FILE_NOT_FOUND'],
  ['Test-MDIConnectivity -PacUrl <missing>', `Test-MDIConnectivity -SensorApiUrl ${url} -SkipAllowlist -PacUrl ${missing('proxy.pac')}`, 'MDI_FILE_NOT_FOUND'],
  ['Test-MDIConnectivity -RootStorePath <missing>', `Test-MDIConnectivity -SensorApiUrl ${url} -RootStorePath ${missing('roots.pem')}`, 'MDI_FILE_NOT_FOUND'],
  ['Test-MDIConnectivity -Path <missing>', `Test-MDIConnectivity -SensorApiUrl ${url} -SkipAllowlist -Path ${missing('dc01.reg')}`, 'MDI_FILE_NOT_FOUND'],
  ['Test-MDIConnectivity -Path <a folder>', `Test-MDIConnectivity -SensorApiUrl ${url} -SkipAllowlist -Path ${psString(dir)}`, 'MDI_FILE_NOT_FOUND'],
  ['Test-MDIConnectivity -CertificatePath <missing>', `Test-MDIConnectivity -SensorApiUrl ${url} -SkipAllowlist -ProxySource SensorConfiguration -SensorConfigurationPath ${psString(sensorConfig)} -CertificatePath ${missing('sensor.pfx')}`, 'MDI_FILE_NOT_FOUND'],
  ['Test-MDIConnectivity -SensorConfigurationPath <missing>', `Test-MDIConnectivity -SensorApiUrl ${url} -SkipAllowlist -ProxySource SensorConfiguration -SensorConfigurationPath ${missing('nowhere')}`, 'MDI_SENSOR_CONFIG_NOT_FOUND'],
  ['Test-MDIConnectivity with an engine-refused URL', `Test-MDIConnectivity -SensorApiUrl 'ftp://contoso' -SkipAllowlist`, 'MDI_INVALID_ARGUMENT'],
  ['Test-MDISensorApiConnection -SensorConfigurationPath <missing>', `Test-MDISensorApiConnection -SensorConfigurationPath ${missing('nowhere')}`, 'MDI_SENSOR_CONFIG_NOT_FOUND'],
  ...(process.platform === 'win32' ? [] : [['Test-MDISensorApiConnection off Windows without -SensorConfigurationPath', 'Test-MDISensorApiConnection', 'MDI_SENSOR_CONFIG_NOT_FOUND'] as [string, string, string]]),
  ['Test-MDISensorApiConnection -ProxyUrl with -PacUrl', `Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl ${url} -ProxyUrl http://127.0.0.1:9 -PacUrl http://127.0.0.1:9/p.pac`, 'MDI_INVALID_ARGUMENT'],
  ['Test-MDISensorApiConnection -TrustedRootCertificate <missing>', `Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl ${url} -TrustedRootCertificate ${missing('root.pem')}`, 'MDI_FILE_NOT_FOUND'],
  ['Test-MDISensorApiConnection -Path <missing>', `Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl ${url} -Path ${missing('dc01.reg')}`, 'MDI_FILE_NOT_FOUND'],
  ['Test-MDEConnectivity -Path <missing>', `Test-MDEConnectivity -Region US -Path ${missing('dc01.reg')}`, 'MDI_FILE_NOT_FOUND'],
  ['Test-MDEConnectivity -TrustedRootCertificate <missing>', `Test-MDEConnectivity -Region US -TrustedRootCertificate ${missing('root.pem')}`, 'MDI_FILE_NOT_FOUND'],
  ['Get-MDIEndpointCatalog -Service MDE -Cloud GCC', 'Get-MDIEndpointCatalog -Service MDE -Cloud GCC', 'MDI_INVALID_ARGUMENT'],
  ['Test-MDIServiceTag -Path <missing>', `Test-MDIServiceTag -Path ${missing('ServiceTags_Public_20250101.json')}`, 'MDI_FILE_NOT_FOUND'],
  ['Test-MDIServiceTag -FirewallRangePath <missing>', `Test-MDIServiceTag -Path ${psString(tagsFile)} -FirewallRangePath ${missing('ranges.txt')}`, 'MDI_FILE_NOT_FOUND'],
  // The runtime and the engine themselves (issue 9, defect 5): no Node.js, a broken one, one from another build.
  ...(existsSync(join(repo, 'module', 'runtime'))
    ? [] // A bundled runtime would (rightly) be found, whatever MDI_NODE and PATH say.
    : ([
        ['Get-MDIEndpointCatalog with no Node.js anywhere', 'Get-MDIEndpointCatalog -Service MDI', 'MDI_NODE_NOT_FOUND', withNode(join(dir, 'no-such-node'))],
        ['Test-MDIConnectivity with no Node.js anywhere', `Test-MDIConnectivity -SensorApiUrl ${url} -SkipAllowlist`, 'MDI_NODE_NOT_FOUND', withNode(join(dir, 'no-such-node'))],
        ['Get-MDIEndpointCatalog with an engine that dies', 'Get-MDIEndpointCatalog -Service MDI', 'MDI_ENGINE_FAILED', withNode(brokenEngine)],
        ['Test-MDIConnectivity with an engine that dies', `Test-MDIConnectivity -SensorApiUrl ${url} -SkipAllowlist`, 'MDI_ENGINE_FAILED', withNode(brokenEngine)],
        ['Get-MDIEndpointCatalog with an engine of another contract', 'Get-MDIEndpointCatalog -Service MDI', 'MDI_CONTRACT_MISMATCH', withNode(oldContract, '/usr/bin:/bin')],
        ['Test-MDIServiceTag with an engine of another contract', `Test-MDIServiceTag -Path ${psString(tagsFile)}`, 'MDI_CONTRACT_MISMATCH', withNode(oldContract, '/usr/bin:/bin')],
      ] as Array<[string, string, string, string]>)),
];

describe.skipIf(skipPwsh)('one failure, one MDI_* error record', () => {
  const ps = useModuleShell();

  it.each(cases)('%s', async (_label, command, id, setup = '') => {
    // A terminating error reaches -ErrorVariable as the exception that carries the record (PowerShell's
    // way for every cmdlet); a non-terminating one as the record itself. Either way: one entry, the MDI_* one.
    const script =
      `$savedNode = $env:MDI_NODE; $savedPath = $env:PATH; try { ${setup}` +
      `foreach ($action in 'Stop', 'Continue', 'SilentlyContinue') { ` +
      `$Error.Clear(); $e = $null; ` +
      `try { $null = ${command} -ErrorAction $action -ErrorVariable e 2>$null } catch { $null = $_ }; ` +
      `$records = @($e | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_ } else { $_.ErrorRecord } }); ` +
      `[pscustomobject]@{ action = $action; count = @($e).Count; ids = @($records | ForEach-Object { [string]$_.FullyQualifiedErrorId }) -join ' | '; ` +
      `errorCount = $Error.Count; first = [string]@($Error | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_ } else { $_.ErrorRecord } })[0].FullyQualifiedErrorId } } ` +
      `} finally { $env:MDI_NODE = $savedNode; $env:PATH = $savedPath }`;
    const result = await ps(script);
    expect(result.ok, result.message).toBe(true);
    const name = command.split(' ')[0];
    for (const row of result.value as Array<{ action: string; count: number; ids: string; errorCount: number; first: string }>) {
      expect(row, row.action).toEqual({ action: row.action, count: 1, ids: `${id},${name}`, errorCount: 1, first: `${id},${name}` });
    }
  }, 60_000);
});
