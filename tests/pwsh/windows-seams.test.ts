// The Windows-only paths of the configuration commands, run on any system: after Import-Module, the thin
// private functions that make the OS calls (Test-MDIWindows, Get/Set/Remove-MDIRegistryValue,
// Get-MDIServicePathName, Stop/Start-MDISensorUpdater, Test-MDIProcessRunning, Find-MDIStoreCertificate)
// are replaced in the module's scope by stand-ins over an in-memory registry, service table and
// certificate store. Everything else (which keys, backup first, read back, decryption with the machine
// key, the updater restart and its failures) is the module's own code. Invoke-MDICngMachineKeyDecrypt (a
// legacy CAPI key) is the one seam no stand-in reaches: no RSACryptoServiceProvider key exists here.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PowerShell } from 'node-powershell';
import { encodeConnectionSettings, newConnectionSettings, type NewConnectionSettingsOptions } from '../../src/codecs/connection-settings.js';
import { encodeWinHttpSettings, newWinHttpSettings } from '../../src/codecs/winhttp-settings.js';
import { encryptPassword } from '../../src/sensor-config/password-crypto.js';
import { DEFENDER_VALUE, TELEMETRY_VALUE } from '../../src/sensor-config/unified-values.js';
import { PER_USER_POLICY, SCOPE_LOCATIONS, WINHTTP_WOW64_KEY } from '../../src/settings/scopes.js';
import { moduleShell, psString, run, skipPwsh } from '../support/pwsh.js';
import { LAYOUTS, makeSensorCertificate, officialProxyBlock, sensorConfigText, type SensorCertificate } from '../support/sensor-fixtures.js';
import { CANARY, credential, everythingSaid, failureOf, tempDir, type Failure } from './config-support.js';

const PROXY = 'proxy.contoso.com:8080';
const USER = 'CONTOSO\\svc-mdi-proxy';
const location = (scope: string) => SCOPE_LOCATIONS.find((l) => l.scope === scope)!;
const slot = (key: string, name: string): string => psString(`${key}|${name}`);
const settingsBytes = (options: NewConnectionSettingsOptions): string => `[Convert]::FromBase64String('${Buffer.from(encodeConnectionSettings(newConnectionSettings(options))).toString('base64')}')`;

/** Stand-ins for the Windows-only seams, defined in the module's scope, over state the tests set and read. */
const STAND_IN_LINES = `
. (Get-Module MDIConnectivity) {
  $script:Seen = [System.Collections.Generic.List[string]]::new()
  $script:Registry = @{}
  $script:Services = @{}
  $script:Certificates = @{}
  $script:Running = @()
  $script:Fail = @{}
  $script:BackupProbe = $null
  function script:Test-MDIWindows { $true }
  function script:Get-MDIRegistryValue { param([string] $Key, [string] $Name) $value = $script:Registry[$Key + '|' + $Name]; if ($null -ne $value) { , $value } }
  function script:Set-MDIRegistryValue {
    param([string] $Key, [string] $Name, [object] $Value, [string] $Type)
    $script:Seen.Add(('set {0}|{1} {2} backup-present={3}' -f $Key, $Name, $Type, ($null -ne $script:BackupProbe -and (Test-Path -LiteralPath $script:BackupProbe))))
    if ($script:Fail['write']) { throw 'Requested registry access is not allowed.' }
    if ($script:Fail['verify']) { if ($Type -eq 'Binary') { $Value = [byte[]]@(1, 2, 3) } else { $Value = 'something else' } }
    $script:Registry[$Key + '|' + $Name] = $Value
  }
  function script:Remove-MDIRegistryValue { param([string] $Key, [string] $Name) $script:Seen.Add('remove ' + $Key + '|' + $Name); $script:Registry.Remove($Key + '|' + $Name) }
  function script:Get-MDIServicePathName { param([string] $Name) $script:Services[$Name] }
  function script:Stop-MDISensorUpdater { $script:Seen.Add('stop AATPSensorUpdater'); if ($script:Fail['stop']) { throw 'Cannot stop service AATPSensorUpdater.' } }
  function script:Start-MDISensorUpdater { $script:Seen.Add('start AATPSensorUpdater'); if ($script:Fail['start']) { throw 'Cannot start service AATPSensorUpdater.' } }
  function script:Test-MDIProcessRunning { param([string] $Name) $script:Running -contains $Name }
  function script:Find-MDIStoreCertificate {
    param([string] $Thumbprint)
    $script:Seen.Add('store ' + $Thumbprint)
    if ($script:Fail['store']) { throw 'Access is denied.' }
    $found = $script:Certificates[$Thumbprint]
    if ($null -ne $found) { $found }
  }
}`.trim().split('\n').map((line) => line.trim());
// node-powershell sends one line per command, so the definitions travel as one line; a param block must
// stay the first statement of its function (no ';' after '{' or after param(...)).
const STAND_INS = STAND_IN_LINES.map((line, i) => (i === 0 ? '' : /(\{|^param\(.*\))$/.test(STAND_IN_LINES[i - 1]!) ? ' ' : '; ') + line).join('');
/** Runs a script in the module's scope (where the stand-ins' state lives). */
const inModule = (script: string): string => `& (Get-Module MDIConnectivity) { ${script} }`;

describe.skipIf(skipPwsh)('the Windows-only paths, with stand-ins for the OS calls only', () => {
  let shell: PowerShell;
  let dir = '';
  let cert: SensorCertificate;
  let other: SensorCertificate;
  let serial = 0;

  function serviceFolder(proxyValue: string): string {
    const folder = join(dir, `service${++serial}`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'SensorConfiguration.json'), sensorConfigText(LAYOUTS[0]!, proxyValue, cert.thumbprint));
    return folder;
  }
  const withUser = (): string => officialProxyBlock(`http://${PROXY}`, { name: USER, encrypted: encryptPassword(CANARY, new X509Certificate(cert.certPem), cert.thumbprint), thumbprint: cert.thumbprint });
  /** The AATPSensor service runs from `folder` (quoted, with an argument, as Win32_Service shows it); the updater exists. */
  const services = (folder: string): string =>
    inModule(`$script:Services['AATPSensor'] = '"${join(folder, 'Microsoft.Tri.Sensor.exe')}" -service'; $script:Services['AATPSensorUpdater'] = '"${join(folder, 'Microsoft.Tri.Sensor.Updater.exe')}"'`);
  const storeHas = (which: SensorCertificate): string =>
    inModule(`$script:Certificates[${psString(cert.thumbprint)}] = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new(${psString(which.aesPfxPath)}, ${psString(which.pfxPassword)})`);
  const seen = async (): Promise<string[]> => (await run(shell, inModule('[string[]]$script:Seen'))).value as string[];

  beforeAll(async () => {
    dir = tempDir('seams');
    cert = await makeSensorCertificate(dir, 'sensor');
    other = await makeSensorCertificate(dir, 'other');
    shell = await moduleShell();
  }, 60_000);

  beforeEach(async () => {
    const reset = await run(shell, `${STAND_INS}; 'ok'`);
    expect(reset.ok, reset.message).toBe(true);
  });

  afterAll(async () => {
    await shell?.dispose();
  });

  describe('Get-MDIProxySetting and Copy-MDIProxySetting on the live registry', () => {
    const fill = (): string => inModule(
      `$script:Registry[${slot(location('CurrentUser').key, 'DefaultConnectionSettings')}] = ${settingsBytes({ proxyServer: PROXY })}; ` +
        `$script:Registry[${slot(location('LocalSystem').key, 'DefaultConnectionSettings')}] = ${settingsBytes({ proxyServer: PROXY })}; ` +
        `$script:Registry[${slot(location('LocalService').key, 'DefaultConnectionSettings')}] = ${settingsBytes({})}; ` +
        // Only the 32-bit view holds WinHTTP's proxy: the reader falls back to it.
        `$script:Registry[${slot(WINHTTP_WOW64_KEY, 'WinHttpSettings')}] = [Convert]::FromBase64String('${Buffer.from(encodeWinHttpSettings(newWinHttpSettings({ proxyServer: 'winhttp.contoso.com:3128' }))).toString('base64')}')`,
    );

    it('reads each scope from the key the engine names for it (WinHTTP from its 32-bit view when needed), decodes them and writes nothing', async () => {
      await run(shell, fill());
      const result = await run(shell, `Get-MDIProxySetting -Scope CurrentUser, LocalService, WinHttp -WarningAction SilentlyContinue | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Scope, $_.ProxyServer, $_.Route, $_.Location }`);
      expect(result.ok, result.message).toBe(true);
      expect(result.value).toEqual([
        `CurrentUser|${PROXY}|http://${PROXY}|${location('CurrentUser').key}\\DefaultConnectionSettings`,
        `LocalService||direct|${location('LocalService').key}\\DefaultConnectionSettings`,
        expect.stringMatching(/^WinHttp\|winhttp\.contoso\.com:3128\|http:\/\/winhttp\.contoso\.com:3128\|/),
      ]);
      expect(await seen()).toEqual([]);
      // The machine-wide policy is read too: ProxySettingsPerUser = 0 makes every account use Machine.
      await run(shell, inModule(`$script:Registry[${slot(PER_USER_POLICY.key, PER_USER_POLICY.value)}] = 0`));
      const policy = await run(shell, `@(Get-MDIProxySetting -Scope LocalService 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message })`);
      expect(policy.value).toEqual(expect.arrayContaining([expect.stringMatching(/^ProxySettingsPerUser = 0/)]));
    });

    it('Copy -Confirm:$false writes the backup first, then only the account that differs, and reads it back', async () => {
      await run(shell, fill());
      const backup = join(dir, `copy-backup-${++serial}.reg`);
      await run(shell, inModule(`$script:BackupProbe = ${psString(backup)}`));
      const result = await run(shell, `Copy-MDIProxySetting -BackupPath ${psString(backup)} -Confirm:$false -PassThru | ForEach-Object { '{0}|{1}|{2}' -f $_.Scope, $_.Changed, $_.BackupPath }`);
      expect(result.ok, result.message).toBe(true);
      expect(result.value).toEqual([`LocalSystem|False|${backup}`, `LocalService|True|${backup}`]);
      expect(await seen()).toEqual([`set ${location('LocalService').key}|DefaultConnectionSettings Binary backup-present=True`]);
      const now = await run(shell, inModule(`[Convert]::ToBase64String($script:Registry[${slot(location('LocalService').key, 'DefaultConnectionSettings')}])`));
      const user = await run(shell, inModule(`[Convert]::ToBase64String($script:Registry[${slot(location('CurrentUser').key, 'DefaultConnectionSettings')}])`));
      expect(now.value).toEqual(user.value);
      // The backup restores LocalService's previous (empty) settings.
      const restore = await run(shell, `Get-MDIProxySetting -Path ${psString(backup)} -Scope LocalService -WarningAction SilentlyContinue | ForEach-Object { '<' + $_.ProxyServer + '>' }`);
      expect(restore.value).toEqual(['<>']);
    });

    it('Copy -WhatIf reads but writes nothing, not even the backup', async () => {
      await run(shell, fill());
      const backup = join(dir, `copy-whatif-${++serial}.reg`);
      const result = await run(shell, `@(Copy-MDIProxySetting -BackupPath ${psString(backup)} -WhatIf).Count`);
      expect(result.value).toEqual([0]);
      expect(await seen()).toEqual([]);
      expect(existsSync(backup)).toBe(false);
    });

    it.each([
      ['write', 'MDI_REGISTRY_WRITE_FAILED'],
      ['verify', 'MDI_VERIFY_FAILED'],
    ])('a failed %s is %s, naming the backup to restore with reg import', async (failure, id) => {
      await run(shell, `${fill()}; ${inModule(`$script:Fail['${failure}'] = $true`)}`);
      const backup = join(dir, `copy-fail-${++serial}.reg`);
      const result = await run(shell, failureOf(`Copy-MDIProxySetting -BackupPath ${psString(backup)} -Confirm:$false`));
      const [seenFailure] = result.value as Failure[];
      expect(seenFailure!.caught).toBe(`${id},Copy-MDIProxySetting`);
      expect(seenFailure!.message).toContain(`reg import "${backup}"`);
      expect(existsSync(backup)).toBe(true);
    });

    it('Copy in a non-interactive session without -Confirm:$false: MDI_CONFIRMATION_REQUIRED before the backup or any write', async () => {
      await run(shell, fill());
      const backup = join(dir, `copy-prompt-${++serial}.reg`);
      const result = await run(shell, failureOf(`Copy-MDIProxySetting -BackupPath ${psString(backup)}`));
      expect((result.value as Failure[])[0]!.caught).toBe('MDI_CONFIRMATION_REQUIRED,Copy-MDIProxySetting');
      expect(await seen()).toEqual([]);
      expect(existsSync(backup)).toBe(false);
    });
  });

  describe('the classic sensor found from the AATPSensor service, its certificate in LocalMachine\\My', () => {
    it('Get finds SensorConfiguration.json in the service folder and opens the stored password with the machine key', async () => {
      const folder = serviceFolder(withUser());
      await run(shell, `${services(folder)}; ${storeHas(cert)}`);
      const result = await run(shell, `Get-MDISensorProxyConfiguration | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Url, $_.UserName, $_.SourcePath, $_.PasswordCheck.Decrypted }`);
      expect(result.ok, result.message).toBe(true);
      expect(result.value).toEqual([`http://${PROXY}|${USER}|${join(folder, 'SensorConfiguration.json')}|True`]);
      expect(await seen()).toEqual([`store ${cert.thumbprint}`]);
    });

    it.each([
      ['another certificate under that thumbprint', 'other', /Could not decrypt the stored proxy secret/],
      ['no such certificate in the store', 'none', /is not in Cert:\\LocalMachine\\My/],
      ['a store that cannot be opened', 'fail', /Cannot open Cert:\\LocalMachine\\My/],
      ['the certificate without its private key', 'public', /has no RSA private key this session can use/],
    ])('Get with %s: PasswordCheck says why the password did not open, the password nowhere', async (_name, store, detail) => {
      const folder = serviceFolder(withUser());
      const publicOnly = inModule(`$script:Certificates[${psString(cert.thumbprint)}] = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new(${psString(cert.derPath)})`);
      const setup = { other: storeHas(other), fail: inModule(`$script:Fail['store'] = $true`), public: publicOnly, none: "'none'" }[store]!;
      await run(shell, `${services(folder)}; ${setup}`);
      const result = await run(shell, `(Get-MDISensorProxyConfiguration).PasswordCheck | ForEach-Object { '{0}|{1}' -f $_.Decrypted, $_.Detail }`);
      expect(result.value).toEqual([expect.stringMatching(new RegExp(`^False\\|.*${detail.source}`))]);
      const said = await run(shell, everythingSaid('Get-MDISensorProxyConfiguration'));
      expect((said.value as Array<{ text: string }>)[0]!.text).not.toContain(CANARY);
    });

    it('finds the folder from an unquoted service command line too, and says how to give the file when the service is absent', async () => {
      const folder = serviceFolder(officialProxyBlock(`http://${PROXY}`));
      await run(shell, inModule(`$script:Services['AATPSensor'] = '${join(folder, 'Microsoft.Tri.Sensor.exe')} -service'`));
      const found = await run(shell, `(Get-MDISensorProxyConfiguration).SourcePath`);
      expect(found.value).toEqual([join(folder, 'SensorConfiguration.json')]);
      await run(shell, inModule(`$script:Services.Clear()`));
      const absent = await run(shell, failureOf('Get-MDISensorProxyConfiguration'));
      const [failure] = absent.value as Failure[];
      expect(failure!.caught).toBe('MDI_SENSOR_CONFIG_NOT_FOUND,Get-MDISensorProxyConfiguration');
      expect(failure!.message).toMatch(/the AATPSensor service \(the classic sensor\) is not installed here.*-SensorConfigurationPath/);
    });

    it('ConvertTo-MDIDeployerArgument -FromCurrentConfiguration decrypts the stored password only with -RevealPassword', async () => {
      const folder = serviceFolder(withUser());
      await run(shell, `${services(folder)}; ${storeHas(cert)}`);
      const masked = await run(shell, `(ConvertTo-MDIDeployerArgument -FromCurrentConfiguration).Arguments`);
      expect(masked.value).toEqual([`ProxyUrl="http://${PROXY}" ProxyUserName="${USER}" ProxyUserPassword="********"`]);
      expect(await seen()).toEqual([]);
      const revealed = await run(shell, `(ConvertTo-MDIDeployerArgument -FromCurrentConfiguration -RevealPassword -WarningAction SilentlyContinue).Arguments`);
      expect(revealed.value).toEqual([`ProxyUrl="http://${PROXY}" ProxyUserName="${USER}" ProxyUserPassword="${CANARY}"`]);
    });

    it('Set encrypts for the certificate from the store and restarts AATPSensorUpdater around the write', async () => {
      const folder = serviceFolder('null');
      await run(shell, `${services(folder)}; ${storeHas(cert)}`);
      const result = await run(shell, `Set-MDISensorProxyConfiguration -ProxyUrl ${PROXY} -ProxyCredential ${credential(USER)} -Confirm:$false -PassThru | ForEach-Object { '{0}|{1}' -f $_.Url, $_.UserName }`);
      expect(result.ok, result.message).toBe(true);
      expect(result.value).toEqual([`http://${PROXY}|${USER}`]);
      expect(await seen()).toEqual([`store ${cert.thumbprint}`, 'stop AATPSensorUpdater', 'start AATPSensorUpdater']);
      expect(readdirSync(folder).filter((f) => f.endsWith('.bak')).length).toBe(1);
      const check = await run(shell, `(Get-MDISensorProxyConfiguration).PasswordCheck.Decrypted`);
      expect(check.value).toEqual([true]);
    });

    it('Set -WhatIf neither writes nor restarts; -SkipServiceRestart writes without restarting; a copy elsewhere is not restarted for', async () => {
      const folder = serviceFolder('null');
      const file = join(folder, 'SensorConfiguration.json');
      const before = readFileSync(file);
      await run(shell, services(folder));
      await run(shell, `Set-MDISensorProxyConfiguration -ProxyUrl ${PROXY} -WhatIf`);
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(await seen()).toEqual([]);
      await run(shell, `Set-MDISensorProxyConfiguration -ProxyUrl ${PROXY} -SkipServiceRestart -Confirm:$false`);
      expect(readFileSync(file).equals(before)).toBe(false);
      expect(await seen()).toEqual([]);
      const copy = serviceFolder('null');
      const elsewhere = await run(shell, `Set-MDISensorProxyConfiguration -ProxyUrl ${PROXY} -SensorConfigurationPath ${psString(copy)} -Confirm:$false`);
      expect(elsewhere.ok, elsewhere.message).toBe(true);
      expect(await seen()).toEqual([]);
    });

    it('an updater that cannot be stopped: one non-terminating MDI_SERVICE_RESTART_FAILED, the file still written', async () => {
      const folder = serviceFolder(officialProxyBlock(`http://${PROXY}`));
      await run(shell, `${services(folder)}; ${inModule(`$script:Fail['stop'] = $true`)}`);
      const result = await run(shell, `$e = @(); $o = @(Clear-MDISensorProxyConfiguration -Confirm:$false -PassThru -ErrorAction SilentlyContinue -ErrorVariable e); [pscustomobject]@{ output = $o.Count; ids = [string[]]@($e | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and [string]$_.FullyQualifiedErrorId -like 'MDI_SERVICE*' } | ForEach-Object { [string]$_.FullyQualifiedErrorId }) }`);
      expect(result.value).toEqual([{ output: 1, ids: ['MDI_SERVICE_RESTART_FAILED,Clear-MDISensorProxyConfiguration'] }]);
      expect(await seen()).toEqual(['stop AATPSensorUpdater']);
      expect(readFileSync(join(folder, 'SensorConfiguration.json'), 'utf8')).not.toContain(PROXY);
    });

    it('an updater that does not start again: MDI_SERVICE_RESTART_FAILED saying the configuration stays written', async () => {
      const folder = serviceFolder(officialProxyBlock(`http://${PROXY}`));
      await run(shell, `${services(folder)}; ${inModule(`$script:Fail['start'] = $true`)}`);
      const result = await run(shell, `$e = @(); $null = Clear-MDISensorProxyConfiguration -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable e; @($e | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and [string]$_.FullyQualifiedErrorId -like 'MDI_SERVICE*' } | ForEach-Object { $_.Exception.Message })`);
      expect(result.value).toEqual([expect.stringMatching(/Could not start the AATPSensorUpdater service again .*the sensor configuration stays written/)]);
      expect(await seen()).toEqual(['stop AATPSensorUpdater', 'start AATPSensorUpdater']);
    });

    it('Set in a non-interactive session without -Confirm:$false: MDI_CONFIRMATION_REQUIRED, no restart, the file unchanged', async () => {
      const folder = serviceFolder('null');
      const before = readFileSync(join(folder, 'SensorConfiguration.json'));
      await run(shell, services(folder));
      const result = await run(shell, failureOf(`Set-MDISensorProxyConfiguration -ProxyUrl ${PROXY}`));
      expect((result.value as Failure[])[0]!.caught).toBe('MDI_CONFIRMATION_REQUIRED,Set-MDISensorProxyConfiguration');
      expect(await seen()).toEqual([]);
      expect(readFileSync(join(folder, 'SensorConfiguration.json')).equals(before)).toBe(true);
    });
  });

  describe('the unified sensor (a running SenseIdentity) on the live policy values', () => {
    const telemetry = slot(TELEMETRY_VALUE.key, TELEMETRY_VALUE.name);
    const defender = slot(DEFENDER_VALUE.key, DEFENDER_VALUE.name);

    it('Get detects the unified sensor from the process and reads its two policy values', async () => {
      await run(shell, inModule(`$script:Running = @('SenseIdentity'); $script:Registry[${telemetry}] = '10.0.0.5:3128'`));
      const result = await run(shell, `Get-MDISensorProxyConfiguration | ForEach-Object { '{0}|{1}' -f $_.SensorType, $_.Url }`);
      expect(result.value).toEqual(['Unified|http://10.0.0.5:3128']);
    });

    it('Set writes the restoring .reg first, then both values (REG_SZ), and reads them back; Clear deletes them', async () => {
      await run(shell, inModule(`$script:Running = @('SenseIdentity'); $script:Registry[${telemetry}] = '10.0.0.5:3128'`));
      const backup = join(dir, `unified-backup-${++serial}.reg`);
      await run(shell, inModule(`$script:BackupProbe = ${psString(backup)}`));
      const set = await run(shell, `(Set-MDISensorProxyConfiguration -ProxyUrl http://10.0.0.6:8080 -BackupPath ${psString(backup)} -Confirm:$false -PassThru).Url`);
      expect(set.ok, set.message).toBe(true);
      expect(set.value).toEqual(['http://10.0.0.6:8080']);
      expect(await seen()).toEqual([
        `set ${TELEMETRY_VALUE.key}|${TELEMETRY_VALUE.name} String backup-present=True`,
        `set ${DEFENDER_VALUE.key}|${DEFENDER_VALUE.name} String backup-present=True`,
      ]);
      const values = await run(shell, inModule(`$script:Registry[${telemetry}] + '|' + $script:Registry[${defender}]`));
      expect(values.value).toEqual(['10.0.0.6:8080|http://10.0.0.6:8080']);
      const restore = await run(shell, `(Get-MDISensorProxyConfiguration -Path ${psString(backup)}).Url`);
      expect(restore.value).toEqual(['http://10.0.0.5:3128']);

      const clear = await run(shell, `(Clear-MDISensorProxyConfiguration -BackupPath ${psString(join(dir, `unified-clear-${++serial}.reg`))} -Confirm:$false -PassThru).IsProxyEnabled`);
      expect(clear.value).toEqual([false]);
      const after = await run(shell, inModule(`[pscustomobject]@{ telemetry = $script:Registry.ContainsKey(${telemetry}); defender = $script:Registry.ContainsKey(${defender}) }`));
      expect(after.value).toEqual([{ telemetry: false, defender: false }]);
    });

    it('Set -WhatIf writes nothing; a value that does not read back is MDI_VERIFY_FAILED naming the backup', async () => {
      await run(shell, inModule(`$script:Running = @('SenseIdentity')`));
      const whatIf = await run(shell, `Set-MDISensorProxyConfiguration -ProxyUrl http://10.0.0.6:8080 -WhatIf`);
      expect(whatIf.ok, whatIf.message).toBe(true);
      expect(await seen()).toEqual([]);
      await run(shell, inModule(`$script:Fail['verify'] = $true`));
      const backup = join(dir, `unified-verify-${++serial}.reg`);
      const result = await run(shell, failureOf(`Set-MDISensorProxyConfiguration -ProxyUrl http://10.0.0.6:8080 -BackupPath ${psString(backup)} -Confirm:$false`));
      const [failure] = result.value as Failure[];
      expect(failure!.caught).toBe('MDI_VERIFY_FAILED,Set-MDISensorProxyConfiguration');
      expect(failure!.message).toContain(`reg import "${backup}"`);
    });
  });
});
