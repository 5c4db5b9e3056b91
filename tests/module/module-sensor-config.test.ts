// Text-level checks of the sensor-configuration part of the module (Get/Set/Clear-MDISensorProxyConfiguration,
// ConvertTo/ConvertFrom-MDIDeployerArgument, Test-MDISensorApiConnection -UseCurrentConfiguration): the official
// names and parameter sets (FACTS §1), ShouldProcess before every write and service restart, secrets only
// through the engine seam, the private key in one file, and every request key a contract field.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  commandName, contractFields, helpBlock, manifestPath, moduleDir, parameterDeclarations, privateFiles, psd1Array, publicFiles, read, repo,
  stripPowerShell, xmlProblems, type ParameterDeclaration,
} from './powershell-text.js';

const file = (folder: 'Public' | 'Private', name: string): string => join(moduleDir, folder, `${name}.ps1`);
const text = (folder: 'Public' | 'Private', name: string): string => read(file(folder, name));
const code = (folder: 'Public' | 'Private', name: string): string => stripPowerShell(text(folder, name));
/** The file without its comments but with its strings (stripPowerShell blanks both); positions are kept. */
const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
const live = (folder: 'Public' | 'Private', name: string): string =>
  text(folder, name).replace(/<#[\s\S]*?#>/g, blank).replace(/(^|[\s;({}])(#[^\n]*)/g, (_m, lead: string, comment: string) => lead + blank(comment));
const scripts = [...publicFiles, ...privateFiles];
const relative = (path: string): string => path.slice(repo.length + 1);
const params = (name: string): ParameterDeclaration[] => parameterDeclarations(text('Public', name));
const param = (name: string, parameter: string): ParameterDeclaration | undefined => params(name).find((p) => p.name === parameter);
/** Parameters available in a set: those naming it, and those naming no set. */
const inSet = (name: string, set: string): string[] => params(name).filter((p) => p.sets.length === 0 || p.sets.includes(set)).map((p) => p.name);

/** The values of [ValidateSet(...)] right before the declaration of $name. */
function validateSetOf(source: string, name: string): string[] {
  const match = new RegExp(`\\[ValidateSet\\(([^)]*)\\)\\]\\s*\\[[\\w\\[\\]]+\\]\\s*\\$${name}\\b`).exec(source);
  return [...(match?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

/** Properties of the [pscustomobject]@{ PSTypeName = '<type>' ... } a file builds, in order. */
function objectProperties(source: string, type: string): string[] {
  const block = new RegExp(`PSTypeName\\s*=\\s*'${type.replace(/\./g, '\\.')}'([\\s\\S]*?)\\n\\s*\\}`).exec(source)?.[1] ?? '';
  return [...block.matchAll(/^\s*(\w+)\s*=/gm)].map((m) => m[1]!);
}

const COMMAND_INTERFACE: Record<string, string> = {
  test: 'TestRequest',
  settings: 'SettingsRequest',
  'copy-settings': 'CopySettingsRequest',
  'sensor-config': 'SensorConfigRequest',
  'deployer-syntax': 'DeployerSyntaxRequest',
  'unified-proxy': 'UnifiedProxyRequest',
  'mde-test': 'MdeTestRequest',
  catalog: 'CatalogRequest',
  'service-tags': 'ServiceTagsRequest',
};

/** Every `$name = @{ ... command = '<cmd>' ... }` request a file builds, with the keys it gets (literal and $name['key']). */
function requests(raw: string): Array<{ variable: string; command: string; keys: string[] }> {
  const found: Array<{ variable: string; command: string; keys: string[] }> = [];
  for (const m of raw.matchAll(/\$(\w+) = @\{\n([\s\S]*?)\n\s*\}/g)) {
    const command = /^\s*command\s*=\s*'([\w-]+)'/m.exec(m[2]!)?.[1];
    if (!command) continue;
    const literal = [...m[2]!.matchAll(/^\s*(\w+)\s*=/gm)].map((k) => k[1]!);
    const indexed = [...raw.matchAll(new RegExp(`\\$${m[1]}\\['(\\w+)'\\]`, 'g'))].map((k) => k[1]!);
    found.push({ variable: m[1]!, command, keys: [...literal, ...indexed] });
  }
  // Requests started by New-MDISensorConfigRequest are sensor-config requests too.
  for (const m of raw.matchAll(/\$(\w+) = New-MDISensorConfigRequest\b/g)) {
    const indexed = [...raw.matchAll(new RegExp(`\\$${m[1]}\\['(\\w+)'\\]`, 'g'))].map((k) => k[1]!);
    found.push({ variable: m[1]!, command: 'sensor-config', keys: indexed });
  }
  return found;
}

describe('the official command names and parameters (FACTS §1)', () => {
  it('exports the official Get/Set/Clear-MDISensorProxyConfiguration and Test-MDISensorApiConnection', () => {
    const exported = psd1Array(read(manifestPath), 'FunctionsToExport');
    for (const name of ['Get-MDISensorProxyConfiguration', 'Set-MDISensorProxyConfiguration', 'Clear-MDISensorProxyConfiguration', 'Test-MDISensorApiConnection']) {
      expect(exported).toContain(name);
    }
  });

  it('Get-MDISensorProxyConfiguration needs no parameter (as on a DC) and returns the official properties first', () => {
    expect(params('Get-MDISensorProxyConfiguration').filter((p) => p.mandatoryIn.length > 0)).toEqual([]);
    expect(params('Get-MDISensorProxyConfiguration').map((p) => p.name)).toEqual(['SensorConfigurationPath', 'SensorType', 'Path', 'CertificatePath', 'CertificatePassword',
      // Issue 12: the same answer from a whole fleet.
      'ComputerName', 'HostName', 'Session', 'Credential', 'UserName', 'KeyFilePath', 'ThrottleLimit']);
    const properties = objectProperties(text('Private', 'ConvertTo-MDISensorProxyConfiguration'), 'MDIConnectivity.SensorProxyConfiguration');
    expect(properties).toEqual([
      'IsProxyEnabled', 'IsAuthenticationProxyEnabled', 'Url', 'UserName', 'EncryptedUserPasswordData', 'CertificateThumbprint',
      'SensorType', 'SourcePath', 'WorkspaceEndpoint', 'SensorApiUrl', 'SecretManagerCertificateThumbprint', 'PasswordCheck', 'Notes',
    ]);
    // $null (nothing) when the configuration cannot be read, with the reason as a non-terminating error.
    const source = code('Public', 'Get-MDISensorProxyConfiguration');
    expect(source).toMatch(/catch \{\s*\$PSCmdlet\.WriteError\(\(New-MDIErrorRecord -FromErrorRecord \$_\)\)\s*\}\s*\}\s*$/);
    expect(source).not.toMatch(/ThrowTerminatingError/);
  });

  it('Set-MDISensorProxyConfiguration takes -ProxyUrl (empty clears) and -ProxyCredential, with ShouldProcess at ConfirmImpact High', () => {
    const raw = text('Public', 'Set-MDISensorProxyConfiguration');
    expect(raw).toMatch(/\[CmdletBinding\(SupportsShouldProcess = \$true, ConfirmImpact = 'High'\)\]/);
    const url = param('Set-MDISensorProxyConfiguration', 'ProxyUrl')!;
    expect(url).toMatchObject({ position: 0, type: 'string', mandatoryIn: ['*'] });
    expect(url.text).toMatch(/\[AllowEmptyString\(\)\]/);
    expect(param('Set-MDISensorProxyConfiguration', 'ProxyCredential')).toMatchObject({ type: 'System.Management.Automation.PSCredential', mandatoryIn: [] });
    expect(params('Set-MDISensorProxyConfiguration').map((p) => p.name)).toEqual([
      'ProxyUrl', 'ProxyCredential', 'SensorConfigurationPath', 'SensorType', 'CertificatePath', 'CertificatePassword', 'SkipServiceRestart', 'Path', 'OutputPath', 'BackupPath', 'PassThru',
    ]);
    expect(param('Set-MDISensorProxyConfiguration', 'CertificatePassword')!.type).toBe('System.Security.SecureString');
  });

  it('Clear-MDISensorProxyConfiguration is Set without a proxy: same switches, no -ProxyUrl/-ProxyCredential, same ShouldProcess', () => {
    const raw = text('Public', 'Clear-MDISensorProxyConfiguration');
    expect(raw).toMatch(/\[CmdletBinding\(SupportsShouldProcess = \$true, ConfirmImpact = 'High'\)\]/);
    const names = params('Clear-MDISensorProxyConfiguration').map((p) => p.name);
    expect(names).not.toContain('ProxyUrl');
    expect(names).not.toContain('ProxyCredential');
    const setNames = params('Set-MDISensorProxyConfiguration').map((p) => p.name);
    for (const name of names) expect(setNames).toContain(name);
    const source = stripPowerShell(raw);
    expect(source).toMatch(/Invoke-MDISensorProxyChange -Caller \$PSCmdlet -ProxyUrl ''/);
    // The shared path hands both sensor types the same empty URL.
    const relay = code('Private', 'Invoke-MDISensorProxyChange');
    expect(relay).toMatch(/Set-MDIUnifiedSensorProxy -Caller \$Caller -ProxyUrl \$ProxyUrl/);
    expect(relay).toMatch(/Set-MDIClassicSensorProxy -Caller \$Caller -ProxyUrl \$ProxyUrl/);
  });

  it('Test-MDISensorApiConnection has the sets UseCurrentConfiguration (default, nothing mandatory) and BypassConfiguration', () => {
    const raw = text('Public', 'Test-MDISensorApiConnection');
    expect(raw).toMatch(/\[CmdletBinding\(DefaultParameterSetName = 'UseCurrentConfiguration'\)\]/);
    const sets = new Set(params('Test-MDISensorApiConnection').flatMap((p) => p.sets));
    expect([...sets].sort()).toEqual(['BypassConfiguration', 'UseCurrentConfiguration']);
    const current = params('Test-MDISensorApiConnection').filter((p) => p.sets.length === 0 || p.sets.includes('UseCurrentConfiguration'));
    expect(current.filter((p) => p.mandatoryIn.length > 0)).toEqual([]);
    expect(param('Test-MDISensorApiConnection', 'UseCurrentConfiguration')).toMatchObject({ sets: ['UseCurrentConfiguration'], type: 'switch', mandatoryIn: [] });
    const bypass = inSet('Test-MDISensorApiConnection', 'BypassConfiguration');
    expect(bypass).toEqual(expect.arrayContaining(['BypassConfiguration', 'SensorApiUrl', 'ProxyUrl', 'ProxyCredential', 'SensorType']));
    for (const name of ['BypassConfiguration', 'SensorApiUrl', 'ProxyUrl', 'ProxyCredential', 'SensorType']) {
      expect(param('Test-MDISensorApiConnection', name)!.sets, name).toEqual(['BypassConfiguration']);
    }
    expect(param('Test-MDISensorApiConnection', 'BypassConfiguration')!.mandatoryIn).toEqual(['BypassConfiguration']);
    expect(param('Test-MDISensorApiConnection', 'SensorApiUrl')!.mandatoryIn).toEqual(['BypassConfiguration']);
    expect(param('Test-MDISensorApiConnection', 'SensorType')!.text).toMatch(/\[ValidateSet\('Classic', 'Unified', 'Modern'\)\]/);
    expect(inSet('Test-MDISensorApiConnection', 'UseCurrentConfiguration')).toEqual(expect.arrayContaining(['SensorConfigurationPath', 'CertificatePath', 'CertificatePassword', 'Detailed']));
  });

  it('Test-MDISensorApiConnection keeps BypassConfiguration away from the sensor configuration, and UseCurrentConfiguration reads it', () => {
    const source = live('Public', 'Test-MDISensorApiConnection');
    const current = source.slice(source.indexOf("-eq 'UseCurrentConfiguration'"), source.indexOf('else {'));
    expect(current).toMatch(/Invoke-MDITest -Caller \$PSCmdlet -ProxySource 'SensorConfiguration' -SensorConfiguration Required/);
    const bypass = source.slice(source.indexOf('else {'));
    expect(bypass).not.toMatch(/-SensorConfiguration\b/);
    expect(source).toMatch(/\[bool\]\$outcome\.Passed/);
  });
});

describe('ShouldProcess comes before every write and every service restart', () => {
  it('Set-MDIClassicSensorProxy plans with whatIf, asks, then writes (whatIf false) and restarts the updater only after its own ShouldProcess', () => {
    const source = live('Private', 'Set-MDIClassicSensorProxy');
    const planFlag = source.indexOf("$request['whatIf'] = $true");
    const ask = source.indexOf('$Caller.ShouldProcess($file');
    const writeFlag = source.indexOf("$request['whatIf'] = $false");
    const askRestart = source.indexOf("$Caller.ShouldProcess('AATPSensorUpdater'");
    const stop = source.indexOf('Stop-Service');
    const start = source.indexOf('Start-Service');
    expect(Math.min(planFlag, ask, writeFlag, askRestart, stop, start)).toBeGreaterThan(0);
    // Every engine call with $request runs either before the plan flag is cleared (whatIf true) or after the approval.
    const engineCalls = [...source.matchAll(/Invoke-MDIEngine -Request \$request\b/g)].map((m) => m.index!);
    expect(engineCalls).toHaveLength(2);
    expect(engineCalls[0]).toBeGreaterThan(planFlag);
    expect(engineCalls[0]).toBeLessThan(ask);
    expect(engineCalls[1]).toBeGreaterThan(writeFlag);
    expect(ask).toBeLessThan(writeFlag);
    expect(askRestart).toBeGreaterThan(ask);
    expect(askRestart).toBeLessThan(stop);
    expect(stop).toBeLessThan(writeFlag);
    expect(start).toBeGreaterThan(engineCalls[1]!);
    // Started again in finally, whatever happened to the write; neither asks a second time.
    expect(source.slice(source.lastIndexOf('finally {'))).toMatch(/Start-Service/);
    expect(source).toMatch(/Stop-Service -Name 'AATPSensorUpdater' -ErrorAction Stop -WhatIf:\$false -Confirm:\$false/);
    expect(source).toMatch(/Start-Service -Name 'AATPSensorUpdater' -ErrorAction Stop -WhatIf:\$false -Confirm:\$false/);
    expect(source).toMatch(/if \(\$windows -and -not \$SkipServiceRestart\)/);
    expect(text('Private', 'Set-MDIClassicSensorProxy')).toContain("'MDI_SERVICE_RESTART_FAILED'");
    expect(text('Private', 'Set-MDIClassicSensorProxy')).toMatch(/stays written/);
  });

  it('no other file sends whatIf false, stops or starts a service', () => {
    for (const path of scripts.filter((f) => commandName(f) !== 'Set-MDIClassicSensorProxy')) {
      const source = stripPowerShell(read(path));
      expect(source, relative(path)).not.toMatch(/\['whatIf'\]\s*=\s*\$false|whatIf\s*=\s*\$false/);
      expect(source, relative(path)).not.toMatch(/\b(Stop|Start|Restart|Set)-Service\b|\.Stop\(\)|ServiceController/);
    }
  });

  it('Set-MDIUnifiedSensorProxy asks, writes the backup, then the values, then reads them back', () => {
    const source = live('Private', 'Set-MDIUnifiedSensorProxy');
    const online = source.slice(source.indexOf("$Caller.ShouldProcess('TelemetryProxyServer"));
    const backup = online.indexOf('Write-MDIFileSafely -Path $backupFile -Content $backupBytes');
    const write = online.indexOf('Write-MDIUnifiedProxyRegistryValue');
    const verify = online.indexOf('Read-MDIUnifiedProxyRegistry');
    expect(backup).toBeGreaterThan(0);
    expect(backup).toBeLessThan(write);
    expect(write).toBeLessThan(verify);
    expect(online).toMatch(/Write-MDIUnifiedProxyRegistryValue -Name \$name -Delete/);
    const offline = source.slice(source.indexOf('if ($offline) {\n        if (-not $Caller.ShouldProcess('));
    expect(offline.indexOf('ShouldProcess(')).toBeLessThan(offline.indexOf('Write-MDIFileSafely'));
    const raw = text('Private', 'Set-MDIUnifiedSensorProxy');
    expect(raw).toContain("'MDI_VERIFY_FAILED'");
    expect(raw).toContain("'MDI_REGISTRY_WRITE_FAILED'");
    expect(raw).toContain('restore with: reg import');
    // Credentials go as the user name only, for the engine to refuse: never the password.
    expect(source).not.toMatch(/-ProxyCredential/);
    expect(source).toMatch(/\$request\['proxyUser'\] = \$ProxyCredential\.UserName/);
  });
});

describe('secrets travel only through the engine seam', () => {
  it.each(scripts.map((f) => [relative(f), f]))('%s puts no secret on a command line, in the environment or in a request literal', (_name, path) => {
    const source = stripPowerShell(read(path));
    expect(source).not.toMatch(/-ArgumentList\b|Start-Process|\bcmd(\.exe)?\s+\/c/i);
    const added = [...read(path).matchAll(/\$\w+\['(proxyPassword|certificatePassword)'\]\s*=/g)];
    if (commandName(path) !== 'Invoke-MDIEngine') expect(added.map((m) => m[0])).toEqual([]);
    for (const request of requests(read(path))) {
      expect(request.keys, `${relative(path)} $${request.variable}`).not.toContain('proxyPassword');
      expect(request.keys, `${relative(path)} $${request.variable}`).not.toContain('certificatePassword');
    }
  });

  it('the seam adds the certificate password like the proxy password and drops it after writing', () => {
    const seam = text('Private', 'Invoke-MDIEngine');
    expect(seam).toMatch(/\[System\.Security\.SecureString\] \$CertificatePassword/);
    expect(seam).toMatch(/\$payload\['certificatePassword'\] = \[System\.Net\.NetworkCredential\]::new\('', \$CertificatePassword\)\.Password/);
    expect(seam).toMatch(/\$payload\.Remove\('certificatePassword'\)/);
    expect(seam).toMatch(/Hide-MDISecret -Text \$line -Credential \$secrets/);
    const fields = new Set([...contractFields('TestRequest'), ...contractFields('SensorConfigRequest'), ...contractFields('DeployerSyntaxRequest')]);
    for (const key of ['proxyPassword', 'certificatePassword']) expect(fields.has(key), key).toBe(true);
  });

  it('every certificate password parameter is a SecureString', () => {
    for (const path of publicFiles) {
      const declared = parameterDeclarations(read(path)).find((p) => p.name === 'CertificatePassword');
      if (declared) expect(declared.type, relative(path)).toBe('System.Security.SecureString');
    }
  });

  it('the private key is used in one private file, which returns a PSCredential and clears its arrays', () => {
    const using = scripts.filter((f) => /GetRSAPrivateKey|RSAEncryptionPadding|\.Decrypt\(|PrivateKey/i.test(stripPowerShell(read(f)))).map(commandName);
    expect(using).toEqual(['Unprotect-MDIStoredPassword']);
    const raw = text('Private', 'Unprotect-MDIStoredPassword');
    const source = stripPowerShell(raw);
    expect(source).toMatch(/\[System\.Security\.Cryptography\.X509Certificates\.RSACertificateExtensions\]::GetRSAPrivateKey\(\$certificate\)/);
    expect(source).toMatch(/\.Decrypt\(\$cipher, \[System\.Security\.Cryptography\.RSAEncryptionPadding\]::OaepSHA256\)/);
    expect(source).toMatch(/\[System\.Text\.Encoding\]::Unicode\.GetChars\(\$clear\)/);
    expect(source).not.toMatch(/GetString|ConvertTo-SecureString|-AsPlainText/i);
    expect(source).toMatch(/\[System\.Management\.Automation\.PSCredential\]::new\(\$UserName, \$secure\)/);
    expect(raw).toMatch(/\[OutputType\(\[System\.Management\.Automation\.PSCredential\]\)\]/);
    const cleanup = source.slice(source.lastIndexOf('finally {'));
    for (const name of ['clear', 'chars', 'cipher']) expect(cleanup).toContain(`[Array]::Clear($${name}, 0, $${name}.Length)`);
    expect(raw).toContain("'MDI_PASSWORD_DECRYPT_FAILED'");
  });

  it('the machine certificate store is opened in one private file, MDI_CERTIFICATE_MISSING when the certificate is absent', () => {
    const using = scripts.filter((f) => /X509Store\b|Cert:/i.test(stripPowerShell(read(f)))).map(commandName);
    expect(using).toEqual(['Get-MDIMachineCertificate', 'Get-MDIRootStoreInput']);
    // The root report only lists the trusted roots' thumbprints: Root and AuthRoot, read-only, no private key.
    const roots = code('Private', 'Get-MDIRootStoreInput');
    expect(roots).toMatch(/OpenFlags\]::ReadOnly/);
    expect(roots).not.toMatch(/\bMy\b|PrivateKey|Export\(/);
    const source = code('Private', 'Get-MDIMachineCertificate');
    expect(source).toMatch(/StoreName\]::My, \[System\.Security\.Cryptography\.X509Certificates\.StoreLocation\]::LocalMachine/);
    expect(source).toMatch(/FindByThumbprint/);
    expect(text('Private', 'Get-MDIMachineCertificate')).toContain("'MDI_CERTIFICATE_MISSING'");
    // Set sends only the public part: the certificate's RawData as PEM.
    expect(live('Private', 'Set-MDIClassicSensorProxy')).toMatch(/\$request\['certificatePem'\] = "[^"]*" -f \[Convert\]::ToBase64String\(\$certificate\.RawData/);
    expect(text('Private', 'Set-MDIClassicSensorProxy')).toContain('-----BEGIN CERTIFICATE-----');
  });

  it('a parsed or decrypted password becomes a SecureString without a [string] in between, and ConvertFrom returns a PSCredential', () => {
    const converting = scripts.filter((f) => /\.AppendChar\(/.test(stripPowerShell(read(f)))).map(commandName);
    expect(converting).toEqual(['New-MDISecureString']);
    const from = text('Public', 'ConvertFrom-MDIDeployerArgument');
    expect(objectProperties(from, 'MDIConnectivity.DeployerArgumentInfo')).toEqual(['ProxyUrl', 'ProxyUserName', 'PasswordPresent', 'ProxyCredential', 'Clear', 'Ignored', 'Warnings']);
    expect(stripPowerShell(from)).toMatch(/\[System\.Management\.Automation\.PSCredential\]::new\(\$user, \(New-MDISecureString -Chars \$chars\)\)/);
    expect(stripPowerShell(from)).toMatch(/\[Array\]::Clear\(\$chars/);
  });

  it('ConvertTo-MDIDeployerArgument masks the password unless -RevealPassword, and warns when it reveals it', () => {
    const raw = text('Public', 'ConvertTo-MDIDeployerArgument');
    expect(objectProperties(raw, 'MDIConnectivity.DeployerArgument')).toEqual(['Arguments', 'CommandLine', 'ProxyUrl', 'ProxyUserName', 'PasswordPresent', 'PasswordRevealed', 'Clear', 'Warnings']);
    expect(live('Public', 'ConvertTo-MDIDeployerArgument')).toMatch(/if \(\$RevealPassword\) \{\s*\$request\['revealPassword'\] = \$true\s*Write-Warning/);
    expect(params('ConvertTo-MDIDeployerArgument').map((p) => p.name)).toEqual(expect.arrayContaining(['ProxyUrl', 'ProxyCredential', 'Clear', 'FromCurrentConfiguration', 'RevealPassword']));
    expect(param('ConvertTo-MDIDeployerArgument', 'CommandLine')).toBeUndefined();
    expect(param('ConvertFrom-MDIDeployerArgument', 'CommandLine')).toMatchObject({ mandatoryIn: ['*'], position: 0 });
  });
});

describe('requests, files and sensor detection', () => {
  it.each(scripts.map((f) => [relative(f), f]))('%s sends only contract fields for each command it builds', (_name, path) => {
    for (const request of requests(read(path))) {
      const contract = COMMAND_INTERFACE[request.command];
      expect(contract, `${request.command} in ${relative(path)}`).toBeDefined();
      const fields = new Set(contractFields(contract!));
      for (const key of request.keys) expect(fields.has(key), `${relative(path)} $${request.variable}['${key}'] (${contract})`).toBe(true);
    }
  });

  it('reads the unified sensor\'s values into UnifiedProxyRequest fields only, from a .reg export or the live registry', () => {
    const raw = live('Private', 'Get-MDIUnifiedProxyInput');
    const keys = [...raw.matchAll(/\$unifiedInput\['(\w+)'\]/g)].map((m) => m[1]!);
    expect(keys.sort()).toEqual(['regFileBase64', 'unifiedRegistry']);
    const fields = new Set(contractFields('UnifiedProxyRequest'));
    for (const key of keys) expect(fields.has(key), key).toBe(true);
    expect(raw).toMatch(/\$unifiedInput\['unifiedRegistry'\] = Read-MDIUnifiedProxyRegistry/);
    for (const user of [code('Public', 'Get-MDISensorProxyConfiguration'), code('Private', 'Set-MDIUnifiedSensorProxy')]) {
      expect(user).toMatch(/foreach \(\$key in @\(\$unified\.Fields\.Keys\)\) \{ \$\w+\[\$key\] = \$unified\.Fields\[\$key\] \}/);
    }
  });

  it('starts every sensor-config request in New-MDISensorConfigRequest, and the classic Set adds its keys to one', () => {
    const starting = scripts.filter((f) => requests(read(f)).some((r) => r.command === 'sensor-config' && commandName(f) !== 'New-MDISensorConfigRequest')).map(commandName);
    expect(starting.sort()).toEqual(['Get-MDISensorProxyConfiguration', 'Get-MDISensorRouteInput', 'Set-MDIClassicSensorProxy']);
    const set = requests(text('Private', 'Set-MDIClassicSensorProxy')).find((r) => r.variable === 'request')!;
    expect(set.keys).toEqual(expect.arrayContaining(['proxyUrl', 'proxyUser', 'certificatePath', 'certificatePem', 'whatIf']));
    expect(validateSetOf(text('Private', 'New-MDISensorConfigRequest'), 'Action')).toEqual(['get', 'set', 'clear']);
  });

  it('builds a request for every sensor command of the contract', () => {
    const commands = new Set(scripts.flatMap((f) => requests(read(f)).map((r) => r.command)));
    for (const command of ['sensor-config', 'deployer-syntax', 'unified-proxy']) expect(commands.has(command), command).toBe(true);
  });

  it('resolves every user path in Resolve-MDIFilePath (PowerShell location, FileSystem only, file or folder)', () => {
    const resolving = scripts.filter((f) => /\bResolve-Path\b/i.test(stripPowerShell(read(f)))).map(commandName);
    expect(resolving).toEqual(['Resolve-MDIFilePath']);
    const raw = text('Private', 'Resolve-MDIFilePath');
    expect(raw).toMatch(/Resolve-Path -LiteralPath \$Path -ErrorAction Stop/);
    expect(raw).toMatch(/\$_\.Provider\.Name -eq 'FileSystem'/);
    expect(raw).toMatch(/Test-Path -LiteralPath \$full -PathType Container/);
    expect(raw).toMatch(/\[string\] \$ErrorId = 'MDI_FILE_NOT_FOUND'/);
    for (const user of ['Get-MDISettingsInput', 'New-MDITestRequest', 'Resolve-MDISensorConfigurationPath', 'Get-MDISensorRouteInput', 'Set-MDIClassicSensorProxy', 'Get-MDIUnifiedProxyInput']) {
      expect(code('Private', user), user).toMatch(/Resolve-MDIFilePath -Path /);
    }
  });

  it('finds SensorConfiguration.json from the AATPSensor service, or says how to give it', () => {
    const raw = text('Private', 'Resolve-MDISensorConfigurationPath');
    expect(raw).toMatch(/Get-CimInstance -ClassName Win32_Service -Filter "Name='AATPSensor'"/);
    expect(raw).toMatch(/\.PathName/);
    expect(raw).toContain("'SensorConfiguration.json'");
    expect(raw).toContain("'MDI_SENSOR_CONFIG_NOT_FOUND'");
    expect(raw).toMatch(/give -SensorConfigurationPath/);
    expect(raw).toMatch(/\[System\.Environment\]::OSVersion\.Platform -eq 'Win32NT'/);
  });

  it('detects the unified sensor by a running SenseIdentity process or an explicit -SensorType', () => {
    const raw = text('Private', 'Resolve-MDISensorType');
    expect(raw).toMatch(/Get-Process -Name 'SenseIdentity' -ErrorAction SilentlyContinue/);
    expect(raw).toMatch(/@\('Unified', 'Modern'\) -contains \$SensorType/);
    for (const name of ['Get-MDISensorProxyConfiguration', 'Set-MDISensorProxyConfiguration', 'Clear-MDISensorProxyConfiguration']) {
      expect(param(name, 'SensorType')!.text, name).toMatch(/\[ValidateSet\('Classic', 'Unified', 'Modern'\)\]/);
      const resolves = name.startsWith('Get-') ? code('Public', name) : code('Private', 'Invoke-MDISensorProxyChange');
      expect(resolves, name).toMatch(/Resolve-MDISensorType -SensorType \$SensorType -Path \$Path -SensorConfigurationPath \$SensorConfigurationPath/);
      if (!name.startsWith('Get-')) expect(code('Public', name), name).toMatch(/Invoke-MDISensorProxyChange -Caller \$PSCmdlet .*-SensorType \$SensorType/s);
    }
  });

  it('the test request carries the sensor configuration and the stored credential only through the seam', () => {
    const runner = code('Private', 'Invoke-MDITest');
    expect(runner).toMatch(/Get-MDISensorRouteInput -Caller \$Caller/);
    expect(runner).toMatch(/Invoke-MDIEngine -Request \$request -ProxyCredential \$seamCredential -CertificatePassword \$CertificatePassword/);
    const builder = live('Private', 'New-MDITestRequest');
    expect(builder).toMatch(/\$request\['sensorConfigurationPath'\] = \$SensorConfigurationPath/);
    expect(builder).not.toMatch(/\$route|Credential\.Password/);
    const route = code('Private', 'Get-MDISensorRouteInput');
    expect(route).toMatch(/Unprotect-MDIStoredPassword -UserName \$user/);
  });
});

describe('output views and documentation', () => {
  it('has a table view for SensorProxyConfiguration (also deserialized) and a serialization depth', () => {
    const properties = objectProperties(text('Private', 'ConvertTo-MDISensorProxyConfiguration'), 'MDIConnectivity.SensorProxyConfiguration');
    const format = read(join(moduleDir, 'MDIConnectivity.Format.ps1xml'));
    expect(xmlProblems(format)).toEqual([]);
    const view = format.split('<View>').find((v) => v.includes('<TypeName>MDIConnectivity.SensorProxyConfiguration</TypeName>')) ?? '';
    expect(view).toContain('<TypeName>Deserialized.MDIConnectivity.SensorProxyConfiguration</TypeName>');
    const headers = [...view.matchAll(/<Label>(\w+)<\/Label>/g)].map((m) => m[1]!);
    expect(headers).toEqual(['IsProxyEnabled', 'IsAuthenticationProxyEnabled', 'Url', 'UserName', 'SensorType', 'SourcePath']);
    const columns = [...view.matchAll(/<PropertyName>(\w+)<\/PropertyName>/g)].map((m) => m[1]!);
    expect(columns).toEqual(headers);
    for (const column of columns) expect(properties).toContain(column);
    const types = read(join(moduleDir, 'MDIConnectivity.Types.ps1xml'));
    expect(xmlProblems(types)).toEqual([]);
    expect(types).toMatch(/<Name>MDIConnectivity\.SensorProxyConfiguration<\/Name>\s*<Members>\s*<MemberSet>\s*<Name>PSStandardMembers<\/Name>\s*<Members>\s*<NoteProperty>\s*<Name>SerializationDepth<\/Name>\s*<Value>[2-9]<\/Value>/);
  });

  it('documents -WhatIf, the service restart and the official behaviour in the help', () => {
    const set = helpBlock(text('Public', 'Set-MDISensorProxyConfiguration'));
    expect(set).toMatch(/\.EXAMPLE\s+Set-MDISensorProxyConfiguration [^\n]*-WhatIf/);
    expect(set).toMatch(/AATPSensorUpdater/);
    expect(set).toMatch(/MDI_SERVICE_RESTART_FAILED/);
    expect(set).toMatch(/empty\s+-ProxyUrl clears/);
    expect(helpBlock(text('Public', 'Clear-MDISensorProxyConfiguration'))).toMatch(/\.EXAMPLE\s+Clear-MDISensorProxyConfiguration -WhatIf/);
    expect(helpBlock(text('Public', 'Get-MDISensorProxyConfiguration'))).toMatch(/\.EXAMPLE\s+Get-MDISensorProxyConfiguration\s*\n/);
    expect(helpBlock(text('Public', 'Test-MDISensorApiConnection'))).toMatch(/\.EXAMPLE\s+Test-MDISensorApiConnection\s*\n/);
  });

  it('README lists every public command and every error id the module raises', () => {
    const readme = read(join(repo, 'README.md'));
    for (const path of publicFiles) expect(readme, commandName(path)).toContain(`\`${commandName(path)}`);
    const ids = new Set(scripts.flatMap((f) => [...read(f).matchAll(/'(MDI_[A-Z_]+)'/g)].map((m) => m[1]!)));
    expect(ids.size).toBeGreaterThan(10);
    for (const id of ids) expect(readme, id).toContain(`\`${id}\``);
  });
});
