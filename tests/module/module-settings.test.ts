// Text-level checks of the proxy-settings part of the module (Get-/Copy-MDIProxySetting, -ProxySource):
// the live registry is touched in four small files only (two for the accounts' WinINet settings, two for
// the unified sensor's policy values), nothing is written before ShouldProcess and the backup, every file
// write goes through one helper, and every key sent is a contract field.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PER_USER_POLICY, SCOPE_LOCATIONS, WINHTTP_WOW64_KEY } from '../../src/settings/scopes.js';
import { DEFENDER_VALUE, TELEMETRY_VALUE } from '../../src/sensor-config/unified-values.js';
import {
  commandName, contractFields, declaredParameters, helpBlock, moduleDir, privateFiles, publicFiles, read, repo, stripPowerShell, xmlProblems,
} from './powershell-text.js';

const moduleScripts = [...publicFiles, ...privateFiles, join(moduleDir, 'MDIConnectivity.psm1')];
const file = (folder: 'Public' | 'Private', name: string): string => join(moduleDir, folder, `${name}.ps1`);
const text = (folder: 'Public' | 'Private', name: string): string => read(file(folder, name));
const code = (folder: 'Public' | 'Private', name: string): string => stripPowerShell(text(folder, name));
const relative = (path: string): string => path.slice(repo.length + 1);

/** Members of a string-literal union type of the contract, e.g. SettingsScope. */
function contractUnion(name: string): string[] {
  const source = ['types.ts', 'settings-types.ts', 'sensor-config-types.ts'].map((f) => read(join(repo, 'src', 'contract', f))).join('\n');
  const body = new RegExp(`export type ${name} =([^;]+);`).exec(source)?.[1] ?? '';
  return [...body.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

/** The values of [ValidateSet(...)] right before the declaration of $name. */
function validateSet(source: string, name: string): string[] {
  const match = new RegExp(`\\[ValidateSet\\(([^)]*)\\)\\]\\s*\\[[\\w\\[\\]]+\\]\\s*\\$${name}\\b`).exec(source);
  return [...(match?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

/** Keys a command puts in its request: the literal `$request = @{ ... }` and `$request['key']` assignments. */
function requestKeys(source: string, variable = 'request'): string[] {
  const literal = new RegExp(`\\$${variable} = @\\{([\\s\\S]*?)\\n\\s*\\}`).exec(source)?.[1] ?? '';
  const literalKeys = [...literal.matchAll(/^\s*(\w+)\s*=/gm)].map((m) => m[1]!);
  const indexKeys = [...source.matchAll(new RegExp(`\\$${variable}\\['(\\w+)'\\]`, 'g'))].map((m) => m[1]!);
  return [...literalKeys, ...indexKeys];
}

/** Property names of the [pscustomobject]@{ PSTypeName = '<type>' ... } a file builds. */
function objectProperties(source: string, type: string): string[] {
  const block = new RegExp(`PSTypeName\\s*=\\s*'${type.replace(/\./g, '\\.')}'([\\s\\S]*?)\\n\\s*\\}`).exec(source)?.[1] ?? '';
  return [...block.matchAll(/^\s*(\w+)\s*=/gm)].map((m) => m[1]!);
}

const REGISTRY_FILES = ['Read-MDIProxyRegistry', 'Write-MDIProxyRegistryValue', 'Read-MDIUnifiedProxyRegistry', 'Write-MDIUnifiedProxyRegistryValue'];

describe('the live registry is touched in four small files only', () => {
  it.each(moduleScripts.map((f) => [relative(f), f]))('%s uses the registry only if it is one of them', (_name, path) => {
    const raw = read(path);
    const allowed = REGISTRY_FILES.includes(commandName(path));
    for (const pattern of [/Registry::/i, /\bSet-ItemProperty\b/i, /\bNew-ItemProperty\b/i, /\bGet-ItemProperty\b/i]) {
      expect(pattern.test(raw), `${pattern} in ${relative(path)}`).toBe(allowed && pattern.test(raw));
    }
    // Other ways around that rule: the .NET registry API, removing values, PowerShell's registry drives.
    expect(stripPowerShell(raw)).not.toMatch(/Microsoft\.Win32\.Registry|RegistryKey/i);
    // Only the unified sensor's writer deletes a value (the engine plans a deletion as new = null).
    expect(/Remove-ItemProperty/i.test(stripPowerShell(raw)), relative(path)).toBe(commandName(path) === 'Write-MDIUnifiedProxyRegistryValue');
    expect(raw).not.toMatch(/\b(HKLM|HKCU):/i);
  });

  it.each(REGISTRY_FILES)('%s is short (under 60 lines)', (name) => {
    expect(text('Private', name).split('\n').length).toBeLessThan(60);
  });

  it('reads but never writes in Read-MDIProxyRegistry, and writes only REG_BINARY in Write-MDIProxyRegistryValue', () => {
    const reader = code('Private', 'Read-MDIProxyRegistry');
    expect(reader).not.toMatch(/\b(New-Item|Set-Item|New-ItemProperty|Set-ItemProperty|Remove-Item)\b/i);
    const writer = code('Private', 'Write-MDIProxyRegistryValue');
    expect(writer).toMatch(/New-ItemProperty[^\n]*-PropertyType Binary/);
    expect(writer).toMatch(/-WhatIf:\$false -Confirm:\$false/);
    expect(writer).not.toMatch(/\bRemove-Item/i);
    const unifiedReader = code('Private', 'Read-MDIUnifiedProxyRegistry');
    expect(unifiedReader).not.toMatch(/\b(New-Item|Set-Item|New-ItemProperty|Set-ItemProperty|Remove-Item)/i);
    const unifiedWriter = code('Private', 'Write-MDIUnifiedProxyRegistryValue');
    expect(unifiedWriter).toMatch(/New-ItemProperty[^\n]*-PropertyType String[^\n]*-WhatIf:\$false -Confirm:\$false/);
    expect(unifiedWriter).toMatch(/Remove-ItemProperty[^\n]*-WhatIf:\$false -Confirm:\$false/);
    expect(unifiedWriter).not.toMatch(/\bRemove-Item\b|Set-ItemProperty|-PropertyType (?!String)/i);
  });

  it('touches only the unified sensor\'s two policy values, where the engine says they are, with the contract field names', () => {
    const values = [TELEMETRY_VALUE, DEFENDER_VALUE];
    const writer = text('Private', 'Write-MDIUnifiedProxyRegistryValue');
    expect(validateSet(writer, 'Name')).toEqual(values.map((v) => v.name));
    const writerKeys = [...writer.matchAll(/'Registry::([^']+)'/g)].map((m) => m[1]!);
    expect(writerKeys.sort()).toEqual(values.map((v) => v.key).sort());
    const reader = text('Private', 'Read-MDIUnifiedProxyRegistry');
    const reads = [...reader.matchAll(/^\s*(\w+)\s*=\s*& \$read '([^']+)' '([^']+)'\s*$/gm)].map((m) => ({ field: m[1]!, key: m[2]!, name: m[3]! }));
    expect(reads).toEqual([
      { field: 'telemetryProxyServer', key: TELEMETRY_VALUE.key, name: TELEMETRY_VALUE.name },
      { field: 'defenderProxyServer', key: DEFENDER_VALUE.key, name: DEFENDER_VALUE.name },
    ]);
    expect(reads.map((r) => r.field).sort()).toEqual(contractFields('UnifiedProxyValues').sort());
    expect(reader).toMatch(/\[System\.Environment\]::OSVersion\.Platform -ne 'Win32NT'/);
    expect(reader).toContain("'MDI_REGISTRY_UNAVAILABLE'");
    expect(reader).toMatch(/-Path/);
  });

  it('writes only the two service accounts DefaultConnectionSettings', () => {
    const source = text('Private', 'Write-MDIProxyRegistryValue');
    expect(validateSet(source, 'Scope')).toEqual(['LocalSystem', 'LocalService']);
    const key = /'Registry::(HKEY_USERS\\\{0\}\\[^']+)' -f \$sid/.exec(source)?.[1];
    for (const scope of ['LocalSystem', 'LocalService'] as const) {
      const location = SCOPE_LOCATIONS.find((l) => l.scope === scope)!;
      const sid = /HKEY_USERS\\(S-1-5-\d+)\\/.exec(location.key)![1]!;
      expect(key?.replace('{0}', sid)).toBe(location.key);
      expect(source).toContain(`'${sid}'`);
      expect(source).toContain(`'${location.value}'`);
    }
  });
});

describe('Read-MDIProxyRegistry returns the contract snapshot', () => {
  const source = text('Private', 'Read-MDIProxyRegistry');
  const connections = /\$connections = '([^']+)'/.exec(source)?.[1] ?? '';
  // Keys are written as ('HKEY_...\' + $connections); expand them to compare with src/settings/scopes.ts.
  const expanded = source.replace(/'([^']*)' \+ \$connections/g, (_m, root: string) => `'${root}${connections}'`);

  it('detects Windows the 5.1 way and says to use -Path elsewhere', () => {
    expect(source).toMatch(/\[System\.Environment\]::OSVersion\.Platform -ne 'Win32NT'/);
    expect(source).toContain("'MDI_REGISTRY_UNAVAILABLE'");
    expect(source).toMatch(/-Path/);
  });

  it('reads every scope from the key scopes.ts names, WinHTTP with its 32-bit fallback, and the per-user policy', () => {
    for (const location of SCOPE_LOCATIONS) {
      const call = `& $binary ('${location.key}') '${location.value}'`;
      if (location.scope === 'WinHttp') expect(expanded).toContain(`$winHttp = ${call}`);
      else expect(expanded).toMatch(new RegExp(`^\\s*${location.scope}\\s*=\\s*${call.replace(/[\\$().]/g, '\\$&')}\\s*$`, 'm'));
    }
    expect(expanded).toContain(`('${WINHTTP_WOW64_KEY}') 'WinHttpSettings'`);
    expect(expanded).toContain(`'${PER_USER_POLICY.key}' '${PER_USER_POLICY.value}'`);
    expect(source).toContain('[System.Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties().DomainName');
    expect(source).toContain('[Convert]::ToBase64String(');
  });

  it('builds exactly the RegistrySnapshot fields, with one value per SettingsScope', () => {
    const values = /values\s*=\s*@\{([\s\S]*?)\n\s*\}/.exec(source)?.[1] ?? '';
    expect([...values.matchAll(/^\s*(\w+)\s*=/gm)].map((m) => m[1]!).sort()).toEqual(contractUnion('SettingsScope').sort());
    const top = source.slice(source.lastIndexOf('\n    @{'));
    const topKeys = [...top.matchAll(/^ {8}(\w+)\s*=/gm)].map((m) => m[1]!);
    expect(topKeys.sort()).toEqual(contractFields('RegistrySnapshot').sort());
  });
});

describe('files are written only through Write-MDIFileSafely, after ShouldProcess', () => {
  // The fleet's temporary module copy writes only into a new GUID-named folder on the remote host (removed
  // after the run) and a runtime cache made beside a .partial name and renamed: no existing file is replaced.
  const temporaryCopy = new Set(['Write-MDIFileSafely', 'Copy-MDIRemoteModule', 'Invoke-MDIFleetRun']);
  it.each(moduleScripts.filter((f) => !temporaryCopy.has(commandName(f))).map((f) => [relative(f), f]))('%s writes no file itself', (_name, path) => {
    expect(stripPowerShell(read(path))).not.toMatch(/WriteAll(Bytes|Text|Lines)|\bFile\]::(Move|Replace|Copy|Create|Delete)|Set-Content|Add-Content|Out-File|\bCopy-Item|\bMove-Item\b|\bRemove-Item\b|StreamWriter|FileStream/i);
  });

  it('backs up, writes a temp file beside the target, swaps it in atomically and reads it back', () => {
    const source = code('Private', 'Write-MDIFileSafely');
    const order = ['[System.IO.File]::Copy($target, $backup', '[System.IO.File]::WriteAllBytes($temp', '[System.IO.File]::Replace($temp, $target', '[System.IO.File]::Move($temp, $target)', '[System.IO.File]::ReadAllBytes($target)'];
    const positions = order.map((needle) => source.indexOf(needle));
    expect(positions.every((p) => p >= 0), order.filter((_n, i) => positions[i]! < 0).join(', ')).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const raw = text('Private', 'Write-MDIFileSafely');
    expect(raw).toContain("'{0}.{1}.bak'");
    expect(raw).toContain("Get-Date -Format 'yyyyMMdd-HHmmss'");
    expect(raw).toContain("'MDI_WRITE_FAILED'");
    expect(raw).toMatch(/GetUnresolvedProviderPathFromPSPath\(\$Path\)/);
  });

  it('is called only by commands that support ShouldProcess (or helpers asking their caller first); each registry writer by one command', () => {
    const callers = (name: string): string[] =>
      [...publicFiles, ...privateFiles].filter((f) => commandName(f) !== name && new RegExp(`\\b${name}\\b`).test(stripPowerShell(read(f)))).map(commandName);
    expect(callers('Write-MDIProxyRegistryValue')).toEqual(['Copy-MDIProxySetting']);
    expect(callers('Write-MDIUnifiedProxyRegistryValue')).toEqual(['Set-MDIUnifiedSensorProxy']);
    const writers = callers('Write-MDIFileSafely');
    expect(writers).toEqual(expect.arrayContaining(['Copy-MDIProxySetting', 'Set-MDIUnifiedSensorProxy']));
    const isPublic = (name: string): boolean => publicFiles.some((f) => commandName(f) === name);
    const supportsShouldProcess = (name: string): boolean => /SupportsShouldProcess\s*=\s*\$true/.test(read(file('Public', name)));
    for (const writer of writers) {
      if (isPublic(writer)) {
        expect(supportsShouldProcess(writer), writer).toBe(true);
        continue;
      }
      // A private writer asks its caller's ShouldProcess before its first write, and only such commands call it.
      const source = code('Private', writer);
      expect(source, writer).toMatch(/\[System\.Management\.Automation\.PSCmdlet\] \$Caller/);
      const ask = source.indexOf('$Caller.ShouldProcess(');
      expect(ask, writer).toBeGreaterThan(0);
      expect(ask, writer).toBeLessThan(source.indexOf('Write-MDIFileSafely'));
      // Callers are ShouldProcess commands passing their own $PSCmdlet, or private relays that pass
      // their -Caller on and are themselves called only by such commands.
      const checkUsers = (callee: string, depth: number): void => {
        const users = callers(callee);
        expect(users.length, callee).toBeGreaterThan(0);
        for (const user of users) {
          if (!isPublic(user)) {
            expect(depth, `${callee} is called by ${user}`).toBeLessThan(2);
            expect(code('Private', user), user).toMatch(new RegExp(`${callee} -Caller \\$Caller`));
            checkUsers(user, depth + 1);
            continue;
          }
          expect(supportsShouldProcess(user), user).toBe(true);
          expect(stripPowerShell(read(file('Public', user))), user).toMatch(new RegExp(`${callee} -Caller \\$PSCmdlet`));
        }
      };
      checkUsers(writer, 0);
    }
  });
});

describe('Copy-MDIProxySetting', () => {
  const raw = text('Public', 'Copy-MDIProxySetting');
  const source = stripPowerShell(raw);

  it('declares SupportsShouldProcess with ConfirmImpact High', () => {
    expect(raw).toMatch(/\[CmdletBinding\(SupportsShouldProcess = \$true, ConfirmImpact = 'High'\)\]/);
  });

  it('asks ShouldProcess before any write, and writes the backup before the registry', () => {
    const ask = source.indexOf('$PSCmdlet.ShouldProcess(');
    const fileWrite = source.indexOf('Write-MDIFileSafely');
    const registryWrite = source.indexOf('Write-MDIProxyRegistryValue');
    const backup = source.indexOf('Write-MDIFileSafely -Path $backupFile -Content $backupBytes');
    expect(ask).toBeGreaterThan(0);
    expect(ask).toBeLessThan(fileWrite);
    expect(ask).toBeLessThan(registryWrite);
    expect(backup).toBeGreaterThan(ask);
    expect(backup).toBeLessThan(registryWrite);
    // Online, only targets approved by ShouldProcess are written, and only when there is one.
    expect(source).toMatch(/elseif \(\$PSCmdlet\.ShouldProcess\([^\n]*\)\) \{\s*\$approved\.Add\(\$target\)/);
    expect(source.slice(0, backup)).toMatch(/if \(\$approved\.Count -gt 0\) \{[^{}]*$/);
    expect(source).toMatch(/foreach \(\$target in \$approved\)/);
    // Offline, both files are written inside the ShouldProcess block.
    const offline = source.slice(source.indexOf('$pending'));
    expect(offline.indexOf('ShouldProcess(')).toBeLessThan(offline.indexOf('Write-MDIFileSafely'));
  });

  it('skips unchanged targets, verifies what it wrote and names the backup to restore', () => {
    expect(raw).toMatch(/'unchanged'/);
    expect(raw).toMatch(/'newBase64'/);
    expect(raw).toContain("'MDI_VERIFY_FAILED'");
    expect(raw).toContain('restore with: reg import');
    expect(raw).toContain("'MDIConnectivity-proxy-backup-{0}.reg' -f (Get-Date -Format 'yyyyMMdd-HHmmss')");
    expect(raw).toContain('[System.IO.Path]::GetTempPath()');
  });

  it('sends only CopySettingsRequest fields, with -To limited to the contract targets', () => {
    const fields = new Set(contractFields('CopySettingsRequest'));
    const keys = requestKeys(raw);
    expect(keys).toEqual(expect.arrayContaining(['schemaVersion', 'command', 'to']));
    for (const key of keys) expect(fields.has(key), key).toBe(true);
    expect(raw).toMatch(/command\s+=\s+'copy-settings'/);
    expect(validateSet(raw, 'To').sort()).toEqual(['LocalService', 'LocalSystem']);
  });

  it('outputs MDIConnectivity.ProxySettingCopy objects', () => {
    expect(objectProperties(raw, 'MDIConnectivity.ProxySettingCopy')).toEqual(['Scope', 'Location', 'Changed', 'BackupPath', 'OutputPath']);
  });

  it('documents -WhatIf, the offline copy and restoring with reg import', () => {
    const help = helpBlock(raw);
    expect(help).toMatch(/\.EXAMPLE\s+Copy-MDIProxySetting -WhatIf/);
    expect(help).toMatch(/\.EXAMPLE\s+Copy-MDIProxySetting -Path \S+ -OutputPath/);
    expect(help).toMatch(/\.EXAMPLE\s+reg import/);
  });
});

describe('Get-MDIProxySetting', () => {
  const raw = text('Public', 'Get-MDIProxySetting');
  const properties = objectProperties(raw, 'MDIConnectivity.ProxySetting');

  it('sends only SettingsRequest fields', () => {
    const fields = new Set(contractFields('SettingsRequest'));
    const keys = requestKeys(raw);
    expect(keys).toEqual(expect.arrayContaining(['schemaVersion', 'command', 'workspace', 'url']));
    for (const key of keys) expect(fields.has(key), key).toBe(true);
    expect(raw).toMatch(/command\s+=\s+'settings'/);
  });

  it('offers every SettingsScope, and reads only fields the SettingsResponse has', () => {
    expect(validateSet(raw, 'Scope').sort()).toEqual(contractUnion('SettingsScope').sort());
    const known = new Set(['SettingsResponse', 'ScopeSettings', 'RouteChoice', 'DecodedConnectionSettings'].flatMap(contractFields).concat(['code', 'message']));
    const read = [...raw.matchAll(/Get-MDIPropertyValue \$\w+ '(\w+)'/g)].map((m) => m[1]!);
    const decoded = /foreach \(\$field in @\(([^)]*)\)\)/.exec(raw)?.[1] ?? '';
    for (const field of [...read, ...[...decoded.matchAll(/'(\w+)'/g)].map((m) => m[1]!)]) expect(known.has(field), field).toBe(true);
  });

  it('outputs MDIConnectivity.ProxySetting with the documented properties', () => {
    expect(properties).toEqual(['Scope', 'Present', 'UseProxy', 'ProxyServer', 'BypassList', 'UseAutoConfigUrl', 'AutoConfigUrl', 'AutoDetect',
      'Location', 'Route', 'RouteSource', 'RouteReason', 'Differences', 'Error']);
    expect(raw).toMatch(/Write-Warning \$line/);
  });

  it('has a table view (also for deserialized copies) showing existing properties, and a serialization depth', () => {
    const format = read(join(moduleDir, 'MDIConnectivity.Format.ps1xml'));
    expect(xmlProblems(format)).toEqual([]);
    const view = format.split('<View>').find((v) => v.includes('<TypeName>MDIConnectivity.ProxySetting</TypeName>')) ?? '';
    expect(view).toContain('<TypeName>Deserialized.MDIConnectivity.ProxySetting</TypeName>');
    const headers = [...view.matchAll(/<Label>(\w+)<\/Label>/g)].map((m) => m[1]!);
    expect(headers).toEqual(['Scope', 'Present', 'UseProxy', 'ProxyServer', 'AutoConfigUrl', 'Route', 'Differences']);
    expect((view.match(/<TableColumnItem>/g) ?? []).length).toBe(headers.length);
    for (const m of view.matchAll(/<PropertyName>(\w+)<\/PropertyName>/g)) expect(properties).toContain(m[1]);
    for (const m of view.matchAll(/\$_\.(\w+)/g)) expect(properties).toContain(m[1]);
    const types = read(join(moduleDir, 'MDIConnectivity.Types.ps1xml'));
    expect(types).toMatch(/<Name>MDIConnectivity\.ProxySetting<\/Name>\s*<Members>\s*<MemberSet>\s*<Name>PSStandardMembers<\/Name>\s*<Members>\s*<NoteProperty>\s*<Name>SerializationDepth<\/Name>\s*<Value>[2-9]<\/Value>/);
  });

  it('explains the service accounts and that -Path is required off Windows', () => {
    const help = helpBlock(raw);
    expect(help).toMatch(/LocalService \(the sensor\)|sensor runs as LocalService/);
    expect(help).toMatch(/LocalSystem \(the updater\)|updater as\s+LocalSystem/);
    expect(help).toMatch(/off Windows -Path is required/);
  });
});

describe('settings input and -ProxySource', () => {
  it('Get-MDISettingsInput builds only SettingsInput fields, from a file or the live registry', () => {
    const raw = text('Private', 'Get-MDISettingsInput');
    const fields = new Set(contractFields('SettingsInput'));
    const keys = requestKeys(raw, 'settingsInput');
    expect(keys.sort()).toEqual(['dnsSuffix', 'regFileBase64', 'registry']);
    for (const key of keys) expect(fields.has(key), key).toBe(true);
    expect(raw).toMatch(/Resolve-MDIFilePath -Path \$Path /);
    expect(raw).toMatch(/\$settingsInput\['registry'\] = Read-MDIProxyRegistry/);
    expect(raw).toMatch(/\[System\.Environment\]::OSVersion\.Platform -eq 'Win32NT'/);
  });

  it('New-MDITestRequest sends proxySource, pacUrl and dnsSuffix and merges the settings input', () => {
    const raw = text('Private', 'New-MDITestRequest');
    const keys = requestKeys(raw);
    for (const key of ['proxySource', 'pacUrl', 'dnsSuffix']) expect(keys).toContain(key);
    expect(raw).toMatch(/Get-MDISettingsInput -Path \$Path -DnsSuffix \$DnsSuffix -Required:\(\$source -ne 'Auto'\)/);
    expect(raw).toMatch(/foreach \(\$key in @\(\$settingsInput\.Keys\)\) \{ \$request\[\$key\] = \$settingsInput\[\$key\] \}/);
  });

  it('offers every ProxySource on Test-MDIConnectivity (default Auto) and documents the Auto order', () => {
    const raw = text('Public', 'Test-MDIConnectivity');
    expect(validateSet(raw, 'ProxySource')).toEqual(contractUnion('ProxySource'));
    expect(raw).toMatch(/\[string\] \$ProxySource = 'Auto'/);
    for (const name of ['Path', 'PacUrl', 'DnsSuffix']) expect(declaredParameters(stripPowerShell(raw))).toContain(name);
    const help = helpBlock(raw);
    expect(help).toMatch(/1\. an explicit -ProxyUrl[\s\S]*2\. else the proxy in the classic sensor's own configuration[\s\S]*AATPSensor service[\s\S]*-SensorConfigurationPath[\s\S]*3\. else the WinINet proxy settings[\s\S]*LocalService \(the sensor\)[\s\S]*LocalSystem \(the updater\)[\s\S]*4\. else direct/);
    for (const name of ['SensorConfigurationPath', 'CertificatePath', 'CertificatePassword']) expect(declaredParameters(stripPowerShell(raw))).toContain(name);
  });

  it('gives Test-MDISensorApiConnection -Path and -PacUrl but no -ProxySource', () => {
    const parameters = declaredParameters(stripPowerShell(text('Public', 'Test-MDISensorApiConnection')));
    expect(parameters).toEqual(expect.arrayContaining(['Path', 'PacUrl']));
    expect(parameters).not.toContain('ProxySource');
  });

  it('passes the engine notes to verbose, and warns on the note the engine writes when the routes differ', () => {
    const runner = text('Private', 'Invoke-MDITest');
    expect(runner).toMatch(/Get-MDIPropertyValue \$response 'notes'/);
    const phrase = /-match '([^']+)'\) \{ Write-Warning/.exec(runner)?.[1];
    expect(phrase).toBeDefined();
    expect(read(join(repo, 'src', 'settings', 'plan-routes.ts'))).toContain(phrase);
  });

  it('never uses $IsWindows (it does not exist on Windows PowerShell 5.1)', () => {
    for (const path of moduleScripts) expect(stripPowerShell(read(path)), relative(path)).not.toMatch(/\$IsWindows\b/i);
  });
});
