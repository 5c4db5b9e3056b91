// ConvertTo-MDIDeployerArgument and ConvertFrom-MDIDeployerArgument in real PowerShell: every parameter set,
// the password masked unless -RevealPassword (and then shown), pipeline binding both ways, errors, views.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PowerShell } from 'node-powershell';
import { encryptPassword } from '../../src/sensor-config/password-crypto.js';
import { moduleShell, psString, run, skipPwsh } from '../support/pwsh.js';
import { LAYOUTS, makeSensorCertificate, officialProxyBlock, sensorConfigText, type SensorCertificate } from '../support/sensor-fixtures.js';
import { CANARY, credential, everythingSaid, expectOneRecord, failureOf, rendered, tempDir, type Failure } from './config-support.js';

const PROXY_URL = 'http://proxy.contoso.com:8080';
const USER = 'CONTOSO\\svc-mdi-proxy';
const MASKED = `ProxyUrl="${PROXY_URL}" ProxyUserName="${USER}" ProxyUserPassword="********"`;
const REVEALED = `ProxyUrl="${PROXY_URL}" ProxyUserName="${USER}" ProxyUserPassword="${CANARY}"`;
const LINE = `Microsoft.Tri.Sensor.Deployment.Deployer.exe ${REVEALED} AccessKey=Secret-Access-Key-1`;

describe.skipIf(skipPwsh)('ConvertTo-/ConvertFrom-MDIDeployerArgument in real PowerShell', { timeout: 120_000 }, () => {
  let shell: PowerShell;
  let dir = '';
  let cert: SensorCertificate;
  let configured = '';

  beforeAll(async () => {
    dir = tempDir('deployer');
    cert = await makeSensorCertificate(dir, 'sensor');
    configured = join(dir, 'dc01');
    mkdirSync(configured);
    const stored = officialProxyBlock(PROXY_URL, { name: USER, encrypted: encryptPassword(CANARY, new X509Certificate(cert.certPem), cert.thumbprint), thumbprint: cert.thumbprint });
    writeFileSync(join(configured, 'SensorConfiguration.json'), sensorConfigText(LAYOUTS[0]!, stored, cert.thumbprint));
    shell = await moduleShell();
  }, 60_000);

  afterAll(async () => {
    await shell?.dispose();
  });

  describe('ConvertTo-MDIDeployerArgument', () => {
    it('Proxy set: the switches with the password masked, the Deployer command line, MDIConnectivity.DeployerArgument', async () => {
      const result = await run(shell, `ConvertTo-MDIDeployerArgument proxy.contoso.com:8080 -ProxyCredential ${credential(USER)} | ForEach-Object { [pscustomobject]@{ type = $_.PSObject.TypeNames[0]; arguments = $_.Arguments; commandLine = $_.CommandLine; present = $_.PasswordPresent; revealed = $_.PasswordRevealed; clear = $_.Clear } }`);
      expect(result.ok, result.message).toBe(true);
      expect(result.value).toEqual([{ type: 'MDIConnectivity.DeployerArgument', arguments: MASKED, commandLine: expect.stringMatching(/Deployer\.exe.*ProxyUserPassword="\*\*\*\*\*\*\*\*"/), present: true, revealed: false, clear: false }]);
      const said = await run(shell, everythingSaid(`ConvertTo-MDIDeployerArgument ${PROXY_URL} -ProxyCredential ${credential(USER)}`));
      expect((said.value as Array<{ text: string }>)[0]!.text).not.toContain(CANARY);
    });

    // The answer carrying the revealed password was masked on its way back as if it had leaked.
    it('-RevealPassword shows the password, with a warning saying the output holds a secret', async () => {
      const result = await run(shell, `$all = @(ConvertTo-MDIDeployerArgument ${PROXY_URL} -ProxyCredential ${credential(USER)} -RevealPassword 3>&1); [pscustomobject]@{ warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count; arguments = @($all | Where-Object { $_.PSObject.TypeNames -contains 'MDIConnectivity.DeployerArgument' })[0].Arguments }`);
      expect(result.value).toEqual([{ warnings: 1, arguments: REVEALED }]);
    });

    it('Clear set: ClearProxyConfiguration', async () => {
      const result = await run(shell, `ConvertTo-MDIDeployerArgument -Clear | ForEach-Object { '{0}|{1}' -f $_.Arguments, $_.Clear }`);
      expect(result.value).toEqual(['ClearProxyConfiguration|True']);
    });

    it('FromCurrentConfiguration set: masked without the certificate; with -CertificatePath and -RevealPassword the stored password', async () => {
      const masked = await run(shell, `(ConvertTo-MDIDeployerArgument -FromCurrentConfiguration -SensorConfigurationPath ${psString(configured)}).Arguments`);
      expect(masked.value).toEqual([MASKED]);
      const revealed = await run(shell, `(ConvertTo-MDIDeployerArgument -FromCurrentConfiguration -SensorConfigurationPath ${psString(configured)} -CertificatePath ${psString(cert.aesPfxPath)} -CertificatePassword (ConvertTo-SecureString ${psString(cert.pfxPassword)} -AsPlainText -Force) -RevealPassword -WarningAction SilentlyContinue).Arguments`);
      expect(revealed.value).toEqual([REVEALED]);
    });

    it('binds ProxyUrl and ProxyCredential by property name from ConvertFrom-MDIDeployerArgument: the command line round-trips', async () => {
      const masked = await run(shell, `(ConvertFrom-MDIDeployerArgument ${psString(LINE)} | ConvertTo-MDIDeployerArgument).Arguments`);
      expect(masked.value).toEqual([MASKED]);
      const revealed = await run(shell, `(ConvertFrom-MDIDeployerArgument ${psString(LINE)} | ConvertTo-MDIDeployerArgument -RevealPassword -WarningAction SilentlyContinue).Arguments`);
      expect(revealed.value).toEqual([REVEALED]);
    });

    it.each([80, 120])('the default view fits %i columns and shows the arguments', async (width) => {
      const result = await run(shell, rendered(`ConvertTo-MDIDeployerArgument ${PROXY_URL} -ProxyCredential ${credential(USER)}`, width));
      const [view] = result.value as Array<{ lines: string[]; longest: number }>;
      expect(view!.longest).toBeLessThanOrEqual(width);
      expect(view!.lines.join('\n')).toContain('ProxyUserPassword="********"');
    });

    const toFailures = [
      ['an invalid proxy URL', 'MDI_PROXY_URL_INVALID', `-ProxyUrl 'ftp://proxy:21'`],
      ['-RevealPassword for a stored password off Windows without the certificate', 'MDI_PROXY_PASSWORD_MISSING', '-FromCurrentConfiguration -SensorConfigurationPath <dc01> -RevealPassword -WarningAction SilentlyContinue'],
      ['a missing configuration', 'MDI_SENSOR_CONFIG_NOT_FOUND', '-FromCurrentConfiguration -SensorConfigurationPath ./no-such-folder'],
      ['no configuration off Windows', 'MDI_SENSOR_CONFIG_NOT_FOUND', '-FromCurrentConfiguration'],
    ];
    const fill = (args: string): string => args.replace('<dc01>', psString(configured));

    it.each(toFailures)('%s stops with %s, no output, no secret in the message', async (_name, id, args) => {
      const result = await run(shell, failureOf(`ConvertTo-MDIDeployerArgument ${fill(args!)}`));
      const [failure] = result.value as Failure[];
      expect(failure!.caught).toBe(`${id},ConvertTo-MDIDeployerArgument`);
      expect(failure!.output).toBe(0);
      expect(failure!.message).not.toContain(CANARY);
    });

    it(`-ErrorVariable holds exactly one MDI_* record per failure`, async () => {
      for (const [, id, args] of toFailures) {
        const [failure] = (await run(shell, failureOf(`ConvertTo-MDIDeployerArgument ${fill(args!)}`))).value as Failure[];
        expectOneRecord(failure!, id!, 'ConvertTo-MDIDeployerArgument');
      }
    });
  });

  describe('ConvertFrom-MDIDeployerArgument', () => {
    it('returns MDIConnectivity.DeployerArgumentInfo: the password only inside a PSCredential, other switches by name only', async () => {
      const result = await run(shell, `ConvertFrom-MDIDeployerArgument ${psString(LINE)} | ForEach-Object { [pscustomobject]@{ type = $_.PSObject.TypeNames[0]; url = $_.ProxyUrl; user = $_.ProxyUserName; present = $_.PasswordPresent; isCredential = $_.ProxyCredential -is [pscredential]; same = $_.ProxyCredential.GetNetworkCredential().Password -eq ${psString(CANARY)}; ignored = [string[]]$_.Ignored } }`);
      expect(result.ok, result.message).toBe(true);
      expect(result.value).toEqual([{ type: 'MDIConnectivity.DeployerArgumentInfo', url: PROXY_URL, user: USER, present: true, isCredential: true, same: true, ignored: [expect.stringMatching(/^AccessKey/)] }]);
      const said = await run(shell, everythingSaid(`ConvertFrom-MDIDeployerArgument ${psString(LINE)}`));
      const [streams] = said.value as Array<{ text: string }>;
      expect(streams!.text).toContain(PROXY_URL);
      expect(streams!.text).not.toContain(CANARY);
      expect(streams!.text).not.toContain('Secret-Access-Key-1');
    });

    it('takes command lines from the pipeline, one object each, and reads ClearProxyConfiguration', async () => {
      const result = await run(shell, `${psString(LINE)}, 'Deployer.exe ClearProxyConfiguration' | ConvertFrom-MDIDeployerArgument | ForEach-Object { '{0}|{1}' -f $_.Clear, $_.ProxyUrl }`);
      expect(result.value).toEqual([`False|${PROXY_URL}`, 'True|']);
    });

    it('-Shell Cmd removes cmd.exe ^ escapes, -Shell Argv keeps them', async () => {
      const line = 'Deployer.exe ProxyUrl=http://proxy.contoso.com:8080 ProxyUserName=CONTOSO\\a^^b';
      const result = await run(shell, `'Cmd', 'Argv' | ForEach-Object { (ConvertFrom-MDIDeployerArgument ${psString(line)} -Shell $_).ProxyUserName }`);
      expect(result.value).toEqual(['CONTOSO\\a^b', 'CONTOSO\\a^^b']);
    });

    it('warns about an unclosed quote and lists it in Warnings', async () => {
      const result = await run(shell, `$all = @(ConvertFrom-MDIDeployerArgument 'Deployer.exe ProxyUrl="http://proxy.contoso.com:8080' 3>&1); [pscustomobject]@{ warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count; listed = @(@($all | Where-Object { $_.PSObject.TypeNames -contains 'MDIConnectivity.DeployerArgumentInfo' })[0].Warnings).Count }`);
      const [seen] = result.value as Array<{ warnings: number; listed: number }>;
      expect(seen!.warnings).toBeGreaterThan(0);
      expect(seen!.listed).toBe(seen!.warnings);
    });

    it.each([80, 120])('the default view fits %i columns and never shows the password', async (width) => {
      const result = await run(shell, rendered(`ConvertFrom-MDIDeployerArgument ${psString(LINE)}`, width));
      const [view] = result.value as Array<{ lines: string[]; longest: number }>;
      expect(view!.longest).toBeLessThanOrEqual(width);
      expect(view!.lines.join('\n')).toContain(PROXY_URL);
      expect(view!.lines.join('\n')).not.toContain(CANARY);
    });

    it.each([
      ['a line break inside the command line', 'MDI_DEPLOYER_SYNTAX_INVALID', `"Deployer.exe ProxyUrl=http://p:1\`nProxyUserName=a"`],
      ['an invalid proxy URL', 'MDI_PROXY_URL_INVALID', `'Deployer.exe ProxyUrl=ftp://proxy:21'`],
    ])('%s stops with %s', async (_name, id, line) => {
      const result = await run(shell, failureOf(`ConvertFrom-MDIDeployerArgument ${line}`));
      expect((result.value as Failure[])[0]!.caught).toBe(`${id},ConvertFrom-MDIDeployerArgument`);
    });
  });
});
