// Windows PowerShell 5.1 compatibility of every module file, read by the real PowerShell parser (the AST in
// pwsh 7, whose parser knows the 7-only syntax and so can name it): tests/support/ps-compat.psm1 holds the
// rules and the list of 7-only cmdlet parameters. Every rule is first seen to fire on a small sample.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { PowerShell } from 'node-powershell';
import { newShell, psString, repo, run, skipPwsh } from '../support/pwsh.js';

const POWERSHELL_FILE = /\.(ps1|psm1|psd1|ps1xml)$/i;

/** Every PowerShell file the module ships or builds with: module/ (not the engine bundle), the root manifest, build.ps1. */
function moduleFiles(dir = join(repo, 'module')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'engine' || entry.name === 'runtime' ? [] : moduleFiles(path);
    return POWERSHELL_FILE.test(entry.name) ? [path] : [];
  });
}
const files = [...moduleFiles(), join(repo, 'MDIConnectivity.psd1'), join(repo, 'build.ps1')].sort();

/** 5.1 reads a BOM-less file as the ANSI code page: only pure ASCII or UTF-8 with a BOM is read the same everywhere. */
export function encodingProblem(bytes: Buffer): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return null;
  const offset = bytes.findIndex((b) => b > 0x7f);
  return offset < 0 ? null : `non-ASCII byte 0x${bytes[offset]!.toString(16)} at offset ${offset} in a file without a UTF-8 BOM`;
}

describe('file encodings (5.1 misreads BOM-less UTF-8)', () => {
  it('the check accepts ASCII and UTF-8 with a BOM, and flags BOM-less UTF-8', () => {
    expect(encodingProblem(Buffer.from("Write-Output 'ok'\n"))).toBeNull();
    expect(encodingProblem(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("'caf\u00e9'", 'utf8')]))).toBeNull();
    expect(encodingProblem(Buffer.from("'caf\u00e9'", 'utf8'))).toMatch(/non-ASCII byte 0xc3 at offset 4/);
  });

  it('finds the manifest, the psm1, the views and build.ps1', () => {
    const names = files.map((f) => relative(repo, f));
    expect(names).toEqual(expect.arrayContaining(['MDIConnectivity.psd1', 'build.ps1', 'module/MDIConnectivity.psm1', 'module/MDIConnectivity.Format.ps1xml']));
    expect(names.filter((n) => n.startsWith('module/Public/')).length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(repo, f), f]))('%s is ASCII or UTF-8 with a BOM', (_name, file) => {
    expect(encodingProblem(readFileSync(file))).toBeNull();
  });
});

/** Each sample uses one construct 5.1 lacks; the checker must name it. */
const SEVEN_ONLY_SAMPLES: Array<[string, string]> = [
  ['$x = $y ? 1 : 2', 'ternary'],
  ['$a = $b ?? 1', 'null-coalescing ??'],
  ['$a ??= 1', 'null-coalescing assignment ??='],
  ['${o}?.Trim()', 'null-conditional ?.'],
  ['$v = ${a}?[0]', 'null-conditional ?[]'],
  ['git pull && git push', 'pipeline chain'],
  ['Get-Item x || Write-Warning no', 'pipeline chain'],
  ['function F { process { } clean { } }', 'clean block'],
  ['Start-Sleep 1 &', 'background operator'],
  ['1..3 | ForEach-Object -Parallel { $_ }', 'ForEach-Object -Parallel'],
  ['1..3 | % -Para { $_ } -Throttle 2', 'ForEach-Object -Parallel'],
  ["'{}' | ConvertFrom-Json -AsHashtable", 'ConvertFrom-Json -AsHashtable'],
  ["'{}' | ConvertFrom-Json -AsHash", 'ConvertFrom-Json -AsHashtable'],
  ["'{}' | ConvertFrom-Json -Depth 5", 'ConvertFrom-Json -Depth'],
  ['@{} | ConvertTo-Json -EscapeHandling EscapeHtml', 'ConvertTo-Json -EscapeHandling'],
  ['@(1) | ConvertTo-Json -AsArray', 'ConvertTo-Json -AsArray'],
  ['Get-Content x -AsByteStream', 'Get-Content -AsByteStream'],
  ['Set-Content -Path x -Value 1 -AsByteStream', 'Set-Content -AsByteStream'],
  ['Join-Path a b c', 'Join-Path with more than two paths'],
  ['Join-Path -Path a -ChildPath b -AdditionalChildPath c', 'Join-Path -AdditionalChildPath'],
  ["'x' | Out-File y -Encoding utf8NoBOM", '-Encoding utf8NoBOM'],
  ["Set-Content y 'x' -Encoding utf8BOM", '-Encoding utf8BOM'],
  ['Get-Error', 'command Get-Error'],
  ["Test-Json -Json '{}'", 'command Test-Json'],
  ['Remove-Alias x', 'command Remove-Alias'],
  ['Start-ThreadJob { 1 }', 'command Start-ThreadJob'],
  ['ConvertFrom-SecureString $s -AsPlainText', 'ConvertFrom-SecureString -AsPlainText'],
  ['Invoke-WebRequest https://127.0.0.1 -SkipCertificateCheck', 'Invoke-WebRequest -SkipCertificateCheck'],
  ['if ($IsWindows) { 1 }', 'automatic variable $IsWindows'],
  ["$PSStyle.OutputRendering = 'PlainText'", 'automatic variable $PSStyle'],
  ['[System.IO.Path]::GetRelativePath($a, $b)', '[System.IO.Path]::GetRelativePath'],
  ['[IO.Path]::Join($a, $b)', '[System.IO.Path]::Join'],
  ['[Convert]::ToHexString($b)', '[System.Convert]::ToHexString'],
  ['[System.IO.File]::Move($a, $b, $true)', 'Move(a, b, overwrite)'],
  ['$startInfo.ArgumentList.Add($x)', 'ArgumentList'],
  ['$startInfo.StandardInputEncoding = $e', 'StandardInputEncoding'],
  ['$process.Kill($true)', 'Kill(entireProcessTree)'],
  ["'ab' -replace 'a', { $_.Value.ToUpper() }", '-replace with a script block'],
  ['function F { if ($x) { }', 'parse error'],
];

/** Each sample is valid 5.1 that a naive text search would flag. */
const CLEAN_SAMPLES = [
  "# a ?? b && c\n$s = 'x ?? y || z'\n<# $a ? 1 : 2 #>\n$t = \"p `\" && q\"",
  "Get-Item . | ? { $_.Name } | % { \"$($_.Name): ok\" }",
  "@'\n a && b ?? c\n'@\n$z = 1",
  '$x = if ($a) { 1 } else { 2 }',
  'Join-Path -Path $a -ChildPath $b -Resolve',
  'Join-Path $a $b',
  '@{} | ConvertTo-Json -Depth 5 -Compress',
  "'x' | Out-File y -Encoding UTF8",
  '[System.IO.Path]::Combine($a, $b, $c)',
  '[System.IO.File]::Move($a, $b)',
  '$process.Kill()',
  "1..5 | Select-Object -SkipLast 1",
  '$p = -not $isWindows2',
  // `$o?` is a variable named "o?" in 5.1 and 7 alike; only ${o}?.Name is null-conditional.
  '$n = $o?.Name',
];

describe.skipIf(skipPwsh)('Windows PowerShell 5.1 syntax and cmdlets, by the PowerShell AST', () => {
  let shell: PowerShell;
  let findings: Record<string, Array<{ Line: number; Rule: string; Text: string }>> = {};

  beforeAll(async () => {
    shell = newShell();
    const loaded = await run(shell, `Import-Module ${psString(join(repo, 'tests', 'support', 'ps-compat.psm1'))} -Global -Force; 'ok'`);
    expect(loaded).toEqual({ ok: true, value: ['ok'] });
    // Scripts are parsed whole; a view file's script blocks run in 5.1 too, so each is parsed on its own.
    const listed = files.map((f) => psString(f)).join(', ');
    const all = await run(
      shell,
      `$r = [ordered]@{}; foreach ($f in @(${listed})) { if ($f -like '*.ps1xml') { ` +
        `$r[$f] = @(Select-Xml -Path $f -XPath '//ScriptBlock | //GetScriptBlock | //SetScriptBlock' | ForEach-Object { Get-CompatFinding -Text $_.Node.InnerText }) } ` +
        `else { $r[$f] = @(Get-CompatFinding -Path $f) } }; [pscustomobject]$r`,
    );
    expect(all.ok, all.message).toBe(true);
    findings = (all.value as Array<typeof findings>)[0]!;
  }, 120_000);

  afterAll(async () => {
    await shell?.dispose();
  });

  const check = async (text: string): Promise<string[]> => {
    // Base64, so that a multi-line sample reaches pwsh as one line of input.
    const encoded = Buffer.from(text, 'utf8').toString('base64');
    const result = await run(shell, `@(Get-CompatFinding -Text ([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${encoded}')))) | ForEach-Object { $_.Rule }`);
    expect(result.ok, result.message).toBe(true);
    return result.value as string[];
  };

  it.each(SEVEN_ONLY_SAMPLES)('flags %s (%s)', async (sample, rule) => {
    const rules = await check(sample);
    expect(rules.some((r) => r.includes(rule)), `${sample}: ${rules.join('; ')}`).toBe(true);
  });

  it.each(CLEAN_SAMPLES.map((s, n) => [n, s]))('does not flag valid 5.1 sample %i: %s', async (_n, sample) => {
    expect(await check(sample)).toEqual([]);
  });

  it('reads the script blocks of the views', async () => {
    const format = files.find((f) => f.endsWith('Format.ps1xml'))!;
    const count = await run(shell, `@(Select-Xml -Path ${psString(format)} -XPath '//ScriptBlock').Count`);
    expect((count.value as number[])[0]).toBeGreaterThan(3);
  });

  it.each(files.map((f) => [relative(repo, f), f]))('%s parses and uses nothing 7-only', (_name, file) => {
    const report = (findings[file] ?? []).map((f) => `${relative(repo, file)}:${f.Line}: ${f.Rule}: ${f.Text}`);
    expect(findings).toHaveProperty([file]);
    expect(report).toEqual([]);
  });
});
