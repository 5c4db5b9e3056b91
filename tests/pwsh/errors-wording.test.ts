// Defect 6 of issue 9: the request says which front end asks, and every engine text a user sees uses that
// front end's names. In real pwsh the module's words (-ProxyCredential, -CertificatePath, -CertificatePassword,
// CommandLine/Arguments); through the CLI its flags, unchanged. A read never says "nothing was changed".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { psString, skipPwsh, useModuleShell } from '../support/pwsh.js';
import { runEngine } from '../support/engine.js';
import { LAYOUTS, makeSensorCertificate, officialProxyBlock, sensorConfigText, type SensorCertificate } from '../support/sensor-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mdi-wording-'));
const CLI_ONLY = /--proxy-user|--certificate-path|MDI_PROXY_PASSWORD\b|MDI_CERTIFICATE_PASSWORD|certificatePassword|proxyPassword|cmdCommandLine|"arguments"/;
let certificate: SensorCertificate;
let withUser = '';
let broken = '';

beforeAll(async () => {
  certificate = await makeSensorCertificate(dir, 'sensor');
  withUser = join(dir, 'with-user.json');
  const block = officialProxyBlock('http://127.0.0.1:9', { name: 'CONTOSO\\svc-proxy', encrypted: Buffer.from('not really encrypted').toString('base64'), thumbprint: certificate.thumbprint });
  writeFileSync(withUser, sensorConfigText(LAYOUTS[0]!, block, certificate.thumbprint));
  broken = join(dir, 'broken.json');
  writeFileSync(broken, '{ "SensorProxyConfiguration": ');
});

describe.skipIf(skipPwsh)('engine texts in PowerShell speak PowerShell', () => {
  const ps = useModuleShell();

  /** The message of the first MDI_* error the command writes (non-terminating or terminating). */
  const errorOf = async (command: string) => {
    const result = await ps(`$e = $null; try { $null = ${command} -ErrorAction SilentlyContinue -ErrorVariable e } catch { $null = $_ }; ` +
      `@($e | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_ } else { $_.ErrorRecord } } | ForEach-Object { [string]$_.FullyQualifiedErrorId + '|' + $_.Exception.Message })[0]`);
    expect(result.ok, result.message).toBe(true);
    return (result.value as string[])[0] ?? '';
  };

  it('credentials in the proxy URL: put them in -ProxyCredential', async () => {
    const text = await errorOf(`Test-MDIConnectivity -SensorApiUrl https://contoso-corpsensorapi.atp.azure.com -ProxyUrl 'http://user:secret@127.0.0.1:9' -SkipAllowlist`);
    expect(text).toMatch(/^MDI_INVALID_ARGUMENT,Test-MDIConnectivity\|.*-ProxyCredential/);
    expect(text).not.toMatch(CLI_ONLY);
  });

  it('MDI_PROXY_PASSWORD_MISSING names -CertificatePath and -CertificatePassword', async () => {
    const text = await errorOf(`Test-MDISensorApiConnection -SensorConfigurationPath ${psString(withUser)}`);
    expect(text).toMatch(/^MDI_PROXY_PASSWORD_MISSING,Test-MDISensorApiConnection\|.*-CertificatePath.*-CertificatePassword/);
    expect(text).not.toMatch(CLI_ONLY);
  });

  it('a password-protected certificate file: give -CertificatePassword', async () => {
    const text = await errorOf(`Test-MDISensorApiConnection -SensorConfigurationPath ${psString(withUser)} -CertificatePath ${psString(certificate.aesPfxPath)}`);
    expect(text).toMatch(/^MDI_CERTIFICATE_\w+,Test-MDISensorApiConnection\|.*-CertificatePassword/);
    expect(text).not.toMatch(CLI_ONLY);
  });

  it('Deployer warnings name the module properties CommandLine and Arguments', async () => {
    const result = await ps(`$credential = [pscredential]::new('CONTOSO\\sv"c', (ConvertTo-SecureString 'pw' -AsPlainText -Force)); ` +
      `@(ConvertTo-MDIDeployerArgument -ProxyUrl http://proxy:8080 -ProxyCredential $credential -RevealPassword 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message })`);
    const warnings = (result.value as string[]).join('\n');
    expect(warnings).toMatch(/CommandLine puts \^ before/);
    expect(warnings).toMatch(/pass Arguments unchanged/);
    expect(warnings).not.toMatch(CLI_ONLY);
  });

  it('a read of a broken file does not say "nothing was changed"; a write does', async () => {
    const read = await errorOf(`Get-MDISensorProxyConfiguration -SensorConfigurationPath ${psString(broken)}`);
    expect(read).toMatch(/^MDI_SENSOR_CONFIG_INVALID,Get-MDISensorProxyConfiguration\|/);
    expect(read).not.toMatch(/nothing was changed/i);
    const write = await errorOf(`Clear-MDISensorProxyConfiguration -SensorConfigurationPath ${psString(broken)} -Confirm:$false`);
    expect(write).toMatch(/^MDI_SENSOR_CONFIG_INVALID,.*nothing was changed\.$/);
  }, 60_000);
});

describe('the CLI keeps its own names', () => {
  it('credentials in the proxy URL: --proxy-user and MDI_PROXY_PASSWORD', async () => {
    const cli = await runEngine(['test', '--sensor-api-url', 'https://contoso-corpsensorapi.atp.azure.com', '--proxy-url', 'http://user:secret@127.0.0.1:9']);
    expect(cli.exitCode).toBe(2);
    expect(cli.stderr).toContain('Put proxy credentials in --proxy-user and the password on stdin or MDI_PROXY_PASSWORD, not in the proxy URL.');
  });

  it('a password-protected certificate file: MDI_CERTIFICATE_PASSWORD; no password: --certificate-path', async () => {
    const env = { ...process.env, MDI_PROXY_PASSWORD: undefined, MDI_CERTIFICATE_PASSWORD: undefined };
    const locked = await runEngine(['test', '--sensor-configuration-path', withUser, '--certificate-path', certificate.aesPfxPath, '--proxy-source', 'SensorConfiguration', '--sensor-api-url', 'https://contoso-corpsensorapi.atp.azure.com'], { env, stdin: '' });
    expect(locked.stderr).toMatch(/give its password \(MDI_CERTIFICATE_PASSWORD\)/);
    const missing = await runEngine(['test', '--sensor-configuration-path', withUser, '--proxy-source', 'SensorConfiguration', '--sensor-api-url', 'https://contoso-corpsensorapi.atp.azure.com'], { env, stdin: '' });
    expect(missing.stderr).toMatch(/MDI_PROXY_PASSWORD_MISSING: .*--certificate-path \(and MDI_CERTIFICATE_PASSWORD when it has one\)/);
  });
});
