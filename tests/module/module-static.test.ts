// Text-level checks of the PowerShell module that run everywhere, without PowerShell.
// They stand in for what PowerShell would catch first on Windows PowerShell 5.1 (7-only syntax,
// non-ASCII in BOM-less files) and keep the manifest and the help honest.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  APPROVED_VERBS, commandName, declaredParameters, definedFunctions, helpBlock, manifestPath, moduleDir, privateFiles,
  psd1Array, psd1String, publicFiles, read, repo, scriptFiles, sevenOnlyFindings, stripPowerShell,
} from './powershell-text.js';

describe('PowerShell text scanner (the checks below rely on it)', () => {
  it('finds 7-only syntax in code but not in comments or strings', () => {
    expect(sevenOnlyFindings(stripPowerShell('$a = $b ?? 1'))).toHaveLength(1);
    expect(sevenOnlyFindings(stripPowerShell('$x = $y ? 1 : 2'))).toHaveLength(1);
    expect(sevenOnlyFindings(stripPowerShell('git pull && git push'))).toHaveLength(1);
    expect(sevenOnlyFindings(stripPowerShell('$a = $b?.Name'))).toHaveLength(1);
    expect(sevenOnlyFindings(stripPowerShell('1..3 | ForEach-Object -Parallel { $_ }'))).toHaveLength(1);
    expect(sevenOnlyFindings(stripPowerShell("# a ?? b && c\n$s = 'x ?? y || z'\n<# $a ? 1 : 2 #>\n$t = \"p `\" && q\""))).toEqual([]);
    expect(sevenOnlyFindings(stripPowerShell('Get-Item . | ? { $_.Name } | % { "$($_.Name): ok" }'))).toEqual([]);
    expect(sevenOnlyFindings(stripPowerShell("@'\n a && b\n'@\n$z = 1"))).toEqual([]);
  });

  it('reads parameter names from a param block', () => {
    const code = stripPowerShell('function F { param([Parameter(Mandatory = $true)][string] $A, [ValidateRange(1, 2)][int] $B = 3, $C) }');
    expect(declaredParameters(code)).toEqual(['A', 'B', 'C']);
  });
});

describe('module layout and manifest', () => {
  const manifest = read(manifestPath);

  it('has public commands', () => {
    expect(publicFiles.map(commandName)).toEqual([
      'Clear-MDISensorProxyConfiguration', 'ConvertFrom-MDIDeployerArgument', 'ConvertTo-MDIDeployerArgument', 'Copy-MDIProxySetting', 'Export-MDIConnectivityReport',
      'Get-MDIEndpointCatalog', 'Get-MDIProxySetting', 'Get-MDISensorProxyConfiguration', 'Set-MDISensorProxyConfiguration', 'Test-MDEConnectivity', 'Test-MDIConnectivity',
      'Test-MDISensorApiConnection', 'Test-MDIServiceTag',
    ]);
  });

  it.each(publicFiles.map((f) => [commandName(f), f]))('%s.ps1 defines exactly that one function', (name, file) => {
    expect(definedFunctions(stripPowerShell(read(file)))).toEqual([name]);
  });

  it.each(privateFiles.map((f) => [commandName(f), f]))('private %s is defined in its file and called', (name, file) => {
    expect(definedFunctions(stripPowerShell(read(file)))).toContain(name);
    const callers = [...publicFiles, ...privateFiles].filter((other) => other !== file && new RegExp(`\\b${name}\\b`).test(stripPowerShell(read(other))));
    expect(callers.length, `${name} is never called`).toBeGreaterThan(0);
  });

  it('exports exactly the module/Public commands, and nothing else', () => {
    expect(psd1Array(manifest, 'FunctionsToExport').sort()).toEqual(publicFiles.map(commandName).sort());
    for (const key of ['CmdletsToExport', 'VariablesToExport', 'AliasesToExport']) {
      expect(new RegExp(`\\b${key}\\s*=\\s*@\\(\\s*\\)`).test(manifest), key).toBe(true);
    }
  });

  it('declares version, GUID, editions and files that exist', () => {
    expect(psd1String(manifest, 'ModuleVersion')).toBe('0.1.0');
    expect(psd1String(manifest, 'PowerShellVersion')).toBe('5.1');
    expect(psd1String(manifest, 'GUID')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(psd1Array(manifest, 'CompatiblePSEditions').sort()).toEqual(['Core', 'Desktop']);
    const files = [psd1String(manifest, 'RootModule')!, ...psd1Array(manifest, 'FormatsToProcess'), ...psd1Array(manifest, 'TypesToProcess')];
    expect(files).toContain('module/MDIConnectivity.psm1');
    for (const file of files) expect(existsSync(join(repo, file)), file).toBe(true);
  });

  it('keeps the root module a loader only', () => {
    const text = read(join(moduleDir, 'MDIConnectivity.psm1'));
    const code = stripPowerShell(text);
    expect(definedFunctions(code)).toEqual([]);
    expect(text).toMatch(/'Private',\s*'Public'/);
    expect(code).toMatch(/^\s*\. \$file\.FullName/m);
    expect(code).not.toMatch(/Export-ModuleMember|Set-StrictMode|\$script:/i);
  });

  it('keeps every script short and ASCII-only (5.1 reads BOM-less files as ANSI)', () => {
    const xml = ['MDIConnectivity.Format.ps1xml', 'MDIConnectivity.Types.ps1xml'].map((f) => join(moduleDir, f));
    for (const file of [...scriptFiles, ...xml]) {
      const text = read(file);
      expect(text.split('\n').length, file).toBeLessThan(300);
      const offending = text.split('\n').findIndex((line) => /[^\x00-\x7f]/.test(line));
      expect(offending, `${file} line ${offending + 1} has a non-ASCII character`).toBe(-1);
    }
  });
});

describe('Windows PowerShell 5.1 compatibility', () => {
  it.each(scriptFiles.map((f) => [f.slice(repo.length + 1), f]))('%s uses no 7-only syntax', (_name, file) => {
    expect(sevenOnlyFindings(stripPowerShell(read(file)))).toEqual([]);
  });

  it.each(scriptFiles.map((f) => [f.slice(repo.length + 1), f]))('%s has balanced brackets outside strings and comments', (_name, file) => {
    const code = stripPowerShell(read(file)).replace(/`./g, '  ');
    const stack: string[] = [];
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    for (const c of code) {
      if ('([{'.includes(c)) stack.push(c);
      else if (c in pairs) expect(stack.pop(), `unbalanced ${c}`).toBe(pairs[c]);
    }
    expect(stack).toEqual([]);
  });

  it('uses only approved verbs', () => {
    const names = [...publicFiles, ...privateFiles, join(repo, 'build.ps1')].flatMap((f) => definedFunctions(stripPowerShell(read(f))));
    for (const name of names) expect(APPROVED_VERBS.has(name.split('-')[0]!), name).toBe(true);
  });
});

describe('comment-based help of public commands', () => {
  it.each(publicFiles.map((f) => [commandName(f), f]))('%s documents synopsis, description, examples and every parameter', (name, file) => {
    const text = read(file);
    const help = helpBlock(text);
    expect(help, name).toMatch(/^\s*\.SYNOPSIS\s*\n\s*\S/m);
    expect(help).toMatch(/^\s*\.DESCRIPTION\s*\n\s*\S/m);
    expect((help.match(/^\s*\.EXAMPLE\s*$/gm) ?? []).length).toBeGreaterThanOrEqual(3);
    for (const section of ['.OUTPUTS', '.NOTES', '.LINK']) expect(help).toContain(section);
    const documented = [...help.matchAll(/^\s*\.PARAMETER\s+(\w+)/gm)].map((m) => m[1]!).sort();
    const declared = declaredParameters(stripPowerShell(text)).sort();
    expect(declared.length).toBeGreaterThan(0);
    expect(documented).toEqual(declared);
  });

  it('gives Test-MDIConnectivity the remoting and -Quiet examples', () => {
    const help = helpBlock(read(join(moduleDir, 'Public', 'Test-MDIConnectivity.ps1')));
    expect(help).toMatch(/Invoke-Command/);
    expect(help).toMatch(/-Quiet/);
  });
});

describe('build.ps1', () => {
  const build = read(join(repo, 'build.ps1'));
  it('installs, builds and validates the manifest', () => {
    expect(build).toMatch(/param\(\[switch\]\$SkipInstall\)/);
    expect(build).toMatch(/Set-StrictMode/);
    expect(build).toMatch(/\$ErrorActionPreference = 'Stop'/);
    expect(build).toMatch(/@\('ci'\)/);
    expect(build).toMatch(/@\('run', 'build'\)/);
    expect(build).toMatch(/Test-ModuleManifest/);
  });
});

