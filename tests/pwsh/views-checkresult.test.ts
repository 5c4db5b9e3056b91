// Defects 3 and 14 of issue 9, in real pwsh against the harness's Squid and TLS peers:
// - the default CheckResult table reads at 80 and 120 columns (no verdict broken, the README's columns in
//   the order printed), and the list view carries the why (Detail, Remediation);
// - every property that can be empty is a real $null after serialisation (PSSerializer, as remoting does,
//   and ConvertTo-Json), not PowerShell's "nothing", which turns into an empty object {}.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PowerShell } from 'node-powershell';
import { moduleShell, psString, repo, run, skipPwsh } from '../support/pwsh.js';

const h = inject('harness');
const root = psString(h.pki.root.certPath);
const through = `-ProxyUrl ${psString(h.squid.urls.open)} -TrustedRootCertificate ${root} -SkipAllowlist -TimeoutSec 10`;
const tagsFile = fileURLToPath(new URL('../fixtures/service-tags/ServiceTags_Public_20261116.json', import.meta.url));

async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The columns of the command reference's "table view:" list for Test-MDIConnectivity (docs/commands.md, moved there from the README). */
function readmeColumns(): string[] {
  const reference = readFileSync(join(repo, 'docs', 'commands.md'), 'utf8');
  const list = /table view: ([A-Za-z, ]+?)[;)]/.exec(reference)?.[1];
  if (!list) throw new Error('docs/commands.md no longer names the table view columns of Test-MDIConnectivity');
  return list.split(',').map((name) => name.trim());
}

describe.skipIf(skipPwsh)('CheckResult views and empty values', () => {
  let shell: PowerShell;
  beforeAll(async () => {
    shell = await moduleShell();
    // One passing result, one failing after TLS (CertificateNameMismatch, the longest verdict), one failing before any HTTP.
    const port = await closedPort();
    const setup = await run(
      shell,
      `$global:pass = @(Test-MDIConnectivity -SensorApiUrl ${psString(h.targets.ok.url)} ${through})[0]; ` +
        `$global:mismatch = @(Test-MDIConnectivity -SensorApiUrl ${psString(h.targets.wrongName.url)} ${through})[0]; ` +
        `$global:refused = @(Test-MDIConnectivity -SensorApiUrl https://127.0.0.1:${port} -ProxySource Direct -SkipAllowlist -TimeoutSec 5)[0]; ` +
        `@($global:pass.Verdict, $global:mismatch.Verdict, $global:refused.Verdict)`,
    );
    expect(setup.value).toEqual(['Pass', 'CertificateNameMismatch', 'ConnectFailed']);
  }, 90_000);
  afterAll(async () => {
    await shell?.dispose();
  });

  it.each([80, 120])('the table at %i columns: the README columns in order, no verdict broken', async (width) => {
    const result = await run(shell, `@($global:pass, $global:mismatch, $global:refused) | Out-String -Width ${width}`);
    const lines = (result.value as string[])[0]!.split('\n').map((line) => line.trimEnd());
    const header = lines.find((line) => line.startsWith('Verdict'))!;
    expect(header.split(/\s+/)).toEqual(readmeColumns());
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(width);
    for (const verdict of ['Pass', 'CertificateNameMismatch', 'ConnectFailed']) {
      expect(lines.some((line) => line.split(/\s+/)[0] === verdict), verdict).toBe(true);
    }
    // Each row's Target is all there, once the wrapped pieces of its column are put together.
    const start = header.indexOf('Target');
    const target = lines.slice(lines.indexOf(header) + 2).map((line) => line.slice(start)).join('');
    for (const item of [h.targets.ok.url, h.targets.wrongName.url]) expect(target).toContain(`${item}/tri/sensor/api/ping`);
  });

  it('the list view puts the why first: Detail and Remediation, not every property', async () => {
    const result = await run(shell, `$global:mismatch | Format-List | Out-String -Width 120`);
    const names = (result.value as string[])[0]!.split('\n').map((line) => /^(\w+)\s+:/.exec(line)?.[1]).filter(Boolean);
    expect(names).toEqual(['Category', 'Target', 'Verdict', 'HttpStatus', 'Proxy', 'TotalMs', 'Detail', 'Remediation', 'FailedPhase', 'RouteSource', 'RouteReason']);
  });

  it('empty properties are a real $null after a PSSerializer round trip and in ConvertTo-Json', async () => {
    const probe = (name: string, properties: string[]) =>
      `$copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize(${name})); ` +
      `$json = ConvertTo-Json -InputObject ${name} -Depth 4 -Compress | ConvertFrom-Json; ` +
      `[pscustomobject]@{ name = '${name}'; values = @(${properties.map((p) => `'${p}=' + ($null -eq $copy.${p}) + '/' + [bool]$copy.${p} + '/' + ($null -eq $json.${p})`).join(', ')}) }`;
    const result = await run(
      shell,
      [
        probe('$global:refused', ['HttpStatus', 'ResponseBody', 'TlsProtocol', 'ProxyAnswer', 'Proxy']),
        probe('$global:pass', ['FailedPhase']),
        probe('$global:mismatch', ['HttpStatus', 'ResponseBody']),
        probe('@($global:pass.CertificateChain)[0]', ['RecognizedAs']),
        probe('$global:pass.ProxyAnswer', ['AuthScheme']),
      ].join('; '),
    );
    expect(result.ok, result.message).toBe(true);
    for (const row of result.value as Array<{ name: string; values: string[] }>) {
      for (const value of row.values) expect(value, row.name).toMatch(/=True\/False\/True$/);
    }
    const json = await run(shell, `$global:refused | ConvertTo-Json -Depth 2 -Compress`);
    expect((json.value as string[])[0]).toContain('"HttpStatus":null');
    expect((json.value as string[])[0]).not.toMatch(/":\{\}/);
  });

  it('catalog entries and service-tag addresses keep their empty values $null too', async () => {
    const result = await run(
      shell,
      `$entry = Get-MDIEndpointCatalog -Region US | Where-Object { $null -eq $_.TestUrl } | Select-Object -First 1; ` +
        `$tag = Test-MDIServiceTag -Path ${psString(tagsFile)} -WorkspaceName contoso-corp -Resolve 'contoso-corpsensorapi.atp.azure.com:443:192.0.2.10'; ` +
        `$address = $tag.Hosts[0].Addresses[0]; ` +
        `$copies = @($entry, $address) | ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($_)) }; ` +
        `[pscustomobject]@{ allowlist = $entry.Allowlist; testUrl = $null -eq $copies[0].TestUrl; testUrlJson = (ConvertTo-Json -InputObject $entry -Compress) -match '"TestUrl":null'; ` +
        `address = $address.Address; prefix = $null -eq $copies[1].Prefix; tag = $null -eq $copies[1].Tag; prefixJson = (ConvertTo-Json -InputObject $address -Compress) -match '"Prefix":null' }`,
    );
    expect(result.ok, result.message).toBe(true);
    expect(result.value).toEqual([{ allowlist: expect.stringContaining('*'), testUrl: true, testUrlJson: true, address: '192.0.2.10', prefix: true, tag: true, prefixJson: true }]);
  }, 60_000);
});
