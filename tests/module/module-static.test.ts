// Drift checks of the module's shape, asked of PowerShell itself (real pwsh): the manifest against
// module/Public, one function per public file, a loader-only psm1 and approved verbs. Help:
// module-powershell.test.ts. 5.1 syntax and file encodings: tests/pwsh/compat-syntax.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PowerShell } from 'node-powershell';
import { manifest, moduleShell, psString, repo, run, skipPwsh } from '../support/pwsh.js';

const moduleDir = join(repo, 'module');
const ps1In = (folder: string): string[] =>
  readdirSync(join(moduleDir, folder)).filter((n) => n.endsWith('.ps1')).sort().map((n) => join(moduleDir, folder, n));
const publicFiles = ps1In('Public');
const privateFiles = ps1In('Private');
const commandName = (path: string): string => basename(path, '.ps1');
const publicCommands = publicFiles.map(commandName);

/** Top-level function names a file defines, by the PowerShell AST. */
const FUNCTIONS_OF = [
  'function global:Get-DefinedFunction([string] $Path) { $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$null, [ref]$null);',
  '@($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $false) | ForEach-Object { $_.Name }) };',
  'function global:Get-CalledCommand([string] $Path) { $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$null, [ref]$null);',
  '@($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() } | Where-Object { $_ }) }',
].join(' ');

describe.skipIf(skipPwsh)('the module as PowerShell sees it', () => {
  let shell: PowerShell;

  beforeAll(async () => {
    shell = await moduleShell();
    expect(await run(shell, `${FUNCTIONS_OF}; 'ok'`)).toEqual({ ok: true, value: ['ok'] });
  }, 120_000);

  afterAll(async () => {
    await shell?.dispose();
  });

  it('Test-ModuleManifest accepts the manifest: version, 5.1, both editions, files that exist', async () => {
    const result = await run(
      shell,
      `$m = Test-ModuleManifest -Path ${psString(manifest)} -ErrorAction Stop; ` +
        `[pscustomobject]@{ version = $m.Version.ToString(); ps = $m.PowerShellVersion.ToString(); editions = @($m.CompatiblePSEditions | Sort-Object); root = $m.RootModule }`,
    );
    expect(result.ok, result.message).toBe(true);
    expect(result.value).toEqual([{ version: '0.1.0', ps: '5.1', editions: ['Core', 'Desktop'], root: 'module/MDIConnectivity.psm1' }]);
  });

  it('exports exactly the module/Public commands, named explicitly, and no cmdlet, variable or alias', async () => {
    const result = await run(
      shell,
      `$d = Import-PowerShellDataFile -Path ${psString(manifest)}; $m = Get-Module MDIConnectivity; ` +
        `[pscustomobject]@{ listed = @($d.FunctionsToExport | Sort-Object); ` +
        `others = @($d.CmdletsToExport).Count + @($d.VariablesToExport).Count + @($d.AliasesToExport).Count; ` +
        `typesOfOthers = @(@($d.CmdletsToExport; $d.VariablesToExport; $d.AliasesToExport) | Where-Object { $null -ne $_ }).Count; ` +
        `exported = @($m.ExportedFunctions.Keys | Sort-Object); aliases = $m.ExportedAliases.Count; variables = $m.ExportedVariables.Count; cmdlets = $m.ExportedCmdlets.Count }`,
    );
    expect(result.ok, result.message).toBe(true);
    const sorted = [...publicCommands].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(result.value).toEqual([{ listed: sorted, others: 0, typesOfOthers: 0, exported: sorted, aliases: 0, variables: 0, cmdlets: 0 }]);
  });

  it.each(publicFiles.map((f) => [commandName(f), f]))('Public/%s.ps1 defines exactly that one function', async (name, file) => {
    const result = await run(shell, `Get-DefinedFunction ${psString(file)}`);
    expect(result.value).toEqual([name]);
  });

  it('every private file defines its namesake, and every private function is called', async () => {
    const all = [...publicFiles, ...privateFiles, join(moduleDir, 'MDIConnectivity.psm1')];
    const result = await run(
      shell,
      `$files = @(${all.map(psString).join(', ')}); $called = @($files | ForEach-Object { Get-CalledCommand $_ }) | Sort-Object -Unique; ` +
        `@(${privateFiles.map(psString).join(', ')}) | ForEach-Object { $defined = Get-DefinedFunction $_; [pscustomobject]@{ file = [IO.Path]::GetFileNameWithoutExtension($_); defined = @($defined); uncalled = @($defined | Where-Object { $called -notcontains $_ }) } }`,
    );
    expect(result.ok, result.message).toBe(true);
    for (const entry of result.value as Array<{ file: string; defined: string[]; uncalled: string[] }>) {
      expect(entry.defined, entry.file).toContain(entry.file);
      expect(entry.uncalled, entry.file).toEqual([]);
    }
  });

  it('the root module only loads: it defines no function and exports nothing itself', async () => {
    const psm1 = join(moduleDir, 'MDIConnectivity.psm1');
    const result = await run(shell, `[pscustomobject]@{ defined = @(Get-DefinedFunction ${psString(psm1)}); calls = @(Get-CalledCommand ${psString(psm1)} | Sort-Object -Unique) }`);
    const [answer] = result.value as Array<{ defined: string[]; calls: string[] }>;
    expect(answer!.defined).toEqual([]);
    expect(answer!.calls).not.toContain('Export-ModuleMember');
  });

  it('names every function with a verb Windows PowerShell 5.1 approves', async () => {
    const files = [...publicFiles, ...privateFiles, join(repo, 'build.ps1')];
    // Get-Verb in pwsh 7 also lists Build and Deploy, which 5.1 does not approve.
    const result = await run(
      shell,
      `$verbs = @(Get-Verb | Where-Object { @('Build', 'Deploy') -notcontains $_.Verb } | ForEach-Object { $_.Verb }); ` +
        `@(${files.map(psString).join(', ')}) | ForEach-Object { Get-DefinedFunction $_ } | Where-Object { $verbs -notcontains ($_ -split '-')[0] }`,
    );
    expect(result.ok, result.message).toBe(true);
    expect(result.value).toEqual([]);
  });
  // Get-Help (synopsis, description, examples, every parameter documented): module-powershell.test.ts.
});

describe('file size', () => {
  it.each([...publicFiles, ...privateFiles].map((f) => [f.slice(repo.length + 1), f]))('%s is under 300 lines', (_name, file) => {
    expect(readFileSync(file, 'utf8').split('\n').length).toBeLessThan(300);
  });
});
