// The module in real PowerShell, through node-powershell (tests/support/pwsh.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PowerShell } from 'node-powershell';
import { manifest, newShell, nodeForModule, psString, pwsh, run, skipPwsh } from '../support/pwsh.js';
import { LAYOUTS, makeSensorCertificate, sensorConfigText } from '../support/sensor-fixtures.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const engineBuilt = existsSync(join(repo, 'module', 'engine', 'mdi-connectivity.mjs'));
const publicCommands = readdirSync(join(repo, 'module', 'Public'))
  .filter((name) => name.endsWith('.ps1'))
  .map((name) => basename(name, '.ps1'))
  .sort();

async function freePort(): Promise<number> {
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

describe.skipIf(skipPwsh)('MDIConnectivity in real PowerShell', () => {
  let shell: PowerShell;
  let closedUrl = '';

  beforeAll(async () => {
    shell = newShell();
    closedUrl = `https://127.0.0.1:${await freePort()}`;
    const setup = await run(
      shell,
      `$ProgressPreference = 'SilentlyContinue'; $global:ProgressPreference = 'SilentlyContinue'; ` +
        `$env:MDI_NODE = ${psString(nodeForModule)}; Import-Module ${psString(manifest)} -Force; (Get-Module MDIConnectivity).Version.ToString()`,
    );
    expect(setup).toEqual({ ok: true, value: ['0.1.0'] });
  }, 60_000);

  afterAll(async () => {
    await shell?.dispose();
  });

  it('exports exactly the module/Public commands', async () => {
    const result = await run(shell, '(Get-Command -Module MDIConnectivity).Name | Sort-Object');
    expect(result.value).toEqual(publicCommands);
  });

  // A help line starting with "." and an unknown word (".reg export") makes PowerShell drop the whole block:
  // the synopsis then falls back to the syntax line and the description, examples and parameters go empty.
  it.each(publicCommands)('Get-Help %s shows a synopsis and examples', async (name) => {
    const result = await run(
      shell,
      `$h = Get-Help ${name} -Full; $declared = @((Get-Command ${name}).Parameters.Keys | Where-Object { [System.Management.Automation.PSCmdlet]::CommonParameters -notcontains $_ -and [System.Management.Automation.PSCmdlet]::OptionalCommonParameters -notcontains $_ }); ` +
        `$documented = @($h.parameters.parameter | Where-Object { ([string]($_.description | Out-String)).Trim() } | ForEach-Object { $_.name }); ` +
        `[pscustomobject]@{ synopsis = [string]$h.Synopsis; description = ([string]($h.description | Out-String)).Trim(); examples = @($h.examples.example).Count; ` +
        `undocumented = @($declared | Where-Object { $documented -notcontains $_ }) -join ',' }`,
    );
    const [help] = result.value as Array<{ synopsis: string; description: string; examples: number; undocumented: string }>;
    expect(help!.synopsis).not.toMatch(new RegExp(`^\\s*${name}\\s+\\[`));
    expect(help!.synopsis.length).toBeGreaterThan(20);
    expect(help!.description.length).toBeGreaterThan(40);
    expect(help!.examples).toBeGreaterThanOrEqual(1);
    expect(help!.undocumented, `parameters of ${name} without a description`).toBe('');
  });

  describe.skipIf(!engineBuilt)('against the engine', () => {
    it('returns an MDIConnectivity.CheckResult with verdict ConnectFailed for a closed port', async () => {
      const result = await run(shell, `$r = @(Test-MDIConnectivity -SensorApiUrl ${closedUrl} -TimeoutSec 5 -SkipAllowlist); $r | ForEach-Object { [pscustomobject]@{ type = $_.PSObject.TypeNames[0]; verdict = $_.Verdict; passed = $_.Passed; failedPhase = $_.FailedPhase; phases = @($_.Phases).Count } }`);
      expect(result.ok, result.message).toBe(true);
      const checks = result.value as Array<Record<string, unknown>>;
      expect(checks.length).toBeGreaterThanOrEqual(1);
      expect(checks[0]).toMatchObject({ type: 'MDIConnectivity.CheckResult', verdict: 'ConnectFailed', passed: false });
    }, 60_000);

    it('returns exactly $false with -Quiet', async () => {
      const result = await run(shell, `$q = @(Test-MDIConnectivity -SensorApiUrl ${closedUrl} -TimeoutSec 5 -Quiet -SkipAllowlist); [pscustomobject]@{ count = $q.Count; isBool = $q[0] -is [bool]; value = $q[0] }`);
      expect(result.value).toEqual([{ count: 1, isBool: true, value: false }]);
    }, 60_000);

    it('Test-MDISensorApiConnection -BypassConfiguration returns $false, and -Detailed the same verdict', async () => {
      const plain = await run(shell, `$b = @(Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl ${closedUrl} -TimeoutSec 5); [pscustomobject]@{ count = $b.Count; isBool = $b[0] -is [bool]; value = $b[0] }`);
      expect(plain.value).toEqual([{ count: 1, isBool: true, value: false }]);
      const detailed = await run(shell, `Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl ${closedUrl} -SensorType Modern -Detailed -TimeoutSec 5 | ForEach-Object { [pscustomobject]@{ type = $_.PSObject.TypeNames[0]; verdict = $_.Verdict } }`);
      expect(detailed.value).toEqual([{ type: 'MDIConnectivity.CheckResult', verdict: 'ConnectFailed' }]);
    }, 60_000);

    it('re-emits engine progress as verbose and never shows the proxy password', async () => {
      const canary = 'Canary-Pw-7f3a9c';
      const proxy = `http://127.0.0.1:${await freePort()}`;
      const result = await run(
        shell,
        `$c = [pscredential]::new('CONTOSO\\svc', (ConvertTo-SecureString ${psString(canary)} -AsPlainText -Force)); ` +
          `$all = Test-MDIConnectivity -SensorApiUrl ${closedUrl} -ProxyUrl ${proxy} -ProxyCredential $c -TimeoutSec 5 -Verbose *>&1; ` +
          `$messages = @($all | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.Message } elseif ($_.PSObject.Properties['Message']) { $_.Message } }); ` +
          `$results = @($all | Where-Object { $_.PSObject.TypeNames -contains 'MDIConnectivity.CheckResult' }); ` +
          `[pscustomobject]@{ verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count; results = $results.Count; text = ($messages -join [char]10) + ($results | ConvertTo-Json -Depth 6) + ($all | Out-String -Width 400) }`,
      );
      expect(result.ok, result.message).toBe(true);
      const [streams] = result.value as Array<{ verbose: number; results: number; text: string }>;
      expect(streams!.verbose).toBeGreaterThan(0);
      expect(streams!.results).toBeGreaterThan(0);
      expect(streams!.text).not.toContain(canary);
    }, 60_000);

    it('Get/Set/Clear-MDISensorProxyConfiguration on a SensorConfiguration.json copy: -WhatIf writes nothing, Set and Clear do', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mdi-ps-sensor-'));
      const cert = await makeSensorCertificate(dir, 'sensor');
      const path = join(dir, 'SensorConfiguration.json');
      writeFileSync(path, sensorConfigText(LAYOUTS[0]!, 'null', cert.thumbprint));
      const before = readFileSync(path);
      const get = await run(shell, `Get-MDISensorProxyConfiguration -SensorConfigurationPath ${psString(dir)} | ForEach-Object { [pscustomobject]@{ type = $_.PSObject.TypeNames[0]; enabled = $_.IsProxyEnabled; sensorType = $_.SensorType; names = @($_.PSObject.Properties.Name)[0..5] -join ',' } }`);
      expect(get.value).toEqual([{ type: 'MDIConnectivity.SensorProxyConfiguration', enabled: false, sensorType: 'Classic', names: 'IsProxyEnabled,IsAuthenticationProxyEnabled,Url,UserName,EncryptedUserPasswordData,CertificateThumbprint' }]);
      const credential = `[pscredential]::new('CONTOSO\\svc', (ConvertTo-SecureString 'Canary-Pw-7f3a9c' -AsPlainText -Force))`;
      const whatIf = await run(shell, `(Set-MDISensorProxyConfiguration -ProxyUrl p:1 -ProxyCredential (${credential}) -SensorConfigurationPath ${psString(path)} -CertificatePath ${psString(cert.certPath)} -WhatIf -PassThru).Url`);
      expect(whatIf.value).toEqual(['http://p:1']);
      expect(readFileSync(path).equals(before)).toBe(true);
      const set = await run(shell, `Set-MDISensorProxyConfiguration -ProxyUrl p:1 -ProxyCredential (${credential}) -SensorConfigurationPath ${psString(path)} -CertificatePath ${psString(cert.certPath)} -Confirm:$false -PassThru | ForEach-Object { $_.UserName + '|' + $_.Url }`);
      expect(set.value).toEqual(['CONTOSO\\svc|http://p:1']);
      expect(readFileSync(path, 'utf8')).not.toContain('Canary-Pw-7f3a9c');
      const clear = await run(shell, `(Clear-MDISensorProxyConfiguration -SensorConfigurationPath ${psString(path)} -Confirm:$false -PassThru).IsProxyEnabled`);
      expect(clear.value).toEqual([false]);
      const missing = await run(shell, `$r = @(Get-MDISensorProxyConfiguration -SensorConfigurationPath ${psString(join(dir, 'none.json'))} -ErrorAction SilentlyContinue -ErrorVariable e); [pscustomobject]@{ count = $r.Count; id = [string]$e[0].FullyQualifiedErrorId }`);
      expect(missing.value).toEqual([{ count: 0, id: expect.stringMatching(/^MDI_SENSOR_CONFIG_NOT_FOUND,Get-MDISensorProxyConfiguration$/) }]);
    }, 120_000);

    it('ConvertTo-/ConvertFrom-MDIDeployerArgument round-trip, the password masked and returned only as a PSCredential', async () => {
      const credential = `[pscredential]::new('CONTOSO\\svc', (ConvertTo-SecureString 'Canary-Pw-7f3a9c' -AsPlainText -Force))`;
      const to = await run(shell, `(ConvertTo-MDIDeployerArgument -ProxyUrl p:1 -ProxyCredential (${credential})).Arguments`);
      expect(to.value).toEqual(['ProxyUrl="http://p:1" ProxyUserName="CONTOSO\\svc" ProxyUserPassword="********"']);
      const from = await run(shell, `$p = ConvertFrom-MDIDeployerArgument 'Deployer.exe ProxyUrl="http://p:1" ProxyUserName="CONTOSO\\svc" ProxyUserPassword="Canary-Pw-7f3a9c" AccessKey=secret'; [pscustomobject]@{ url = $p.ProxyUrl; isCredential = $p.ProxyCredential -is [pscredential]; same = $p.ProxyCredential.GetNetworkCredential().Password -eq 'Canary-Pw-7f3a9c'; ignored = @($p.Ignored) -join ','; shown = ($p | Out-String) -match 'Canary' }`);
      expect(from.value).toEqual([{ url: 'http://p:1', isCredential: true, same: true, ignored: expect.stringMatching(/^AccessKey=/), shown: false }]);
    }, 60_000);

    it('turns an engine input error (exit 2) into an InvalidArgument ErrorRecord with the engine code', async () => {
      const result = await run(shell, `Test-MDIConnectivity -SensorApiUrl ${closedUrl} -Resolve 'not-a-resolve-entry' -TimeoutSec 5`);
      expect(result.ok).toBe(false);
      expect(result.id).toMatch(/^MDI_[A-Z_]+,Test-MDIConnectivity$/);
      expect(result.category).toBe('InvalidArgument');
      const quiet = await run(shell, `Test-MDIConnectivity -SensorApiUrl ${closedUrl} -Resolve 'not-a-resolve-entry' -Quiet -ErrorAction SilentlyContinue`);
      expect(quiet.value).toEqual([false]);
    }, 60_000);
  });

  it('throws MDI_NODE_NOT_FOUND, naming what it looked for, when no Node.js can be found', async () => {
    const runtimeDir = join(repo, 'module', 'runtime');
    if (existsSync(runtimeDir)) return; // A bundled runtime would (rightly) be found.
    const isolated = newShell();
    try {
      const result = await run(
        isolated,
        `$ProgressPreference = 'SilentlyContinue'; Import-Module ${psString(manifest)} -Force; ` +
          `$env:MDI_NODE = '/nonexistent/node'; $env:PATH = ''; Test-MDIConnectivity -SensorApiUrl https://127.0.0.1:9`,
      );
      expect(result.ok).toBe(false);
      expect(result.id).toMatch(/^MDI_NODE_NOT_FOUND(,|$)/);
      expect(result.message).toContain('/nonexistent/node');
      expect(result.message).toMatch(/MDI_NODE/);
    } finally {
      await isolated.dispose();
    }
  }, 60_000);
});
