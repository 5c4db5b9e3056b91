// Shared by the real-pwsh tests of the configuration and settings commands (config-*, settings-*,
// windows-seams): PowerShell snippets that report what a user would see, and fixture files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { regExport, type RegFixture } from '../support/reg-fixtures.js';

export const CANARY = 'Canary-Pw-7f3a9c';
/** A PSCredential expression, parenthesised so it binds as an object. */
export const credential = (user = 'CONTOSO\\svc-mdi', password = CANARY): string =>
  `([pscredential]::new('${user.replace(/'/g, "''")}', (ConvertTo-SecureString '${password.replace(/'/g, "''")}' -AsPlainText -Force)))`;

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `mdi-${label}-`));
}

export function writeReg(dir: string, name: string, fixture: RegFixture): string {
  const path = join(dir, name);
  writeFileSync(path, regExport(fixture));
  return path;
}

/**
 * Runs a command the way a user checking $Error would: -ErrorAction SilentlyContinue -ErrorVariable e,
 * terminating errors caught. Returns how many objects came out, and every record in -ErrorVariable.
 */
export function failureOf(command: string): string {
  return (
    `$e = @(); $o = @(try { ${command} -ErrorAction SilentlyContinue -ErrorVariable e } catch { }); ` +
    `[pscustomobject]@{ output = $o.Count; ids = [string[]]@($e | ForEach-Object { [string]$_.FullyQualifiedErrorId }); ` +
    `messages = [string[]]@($e | ForEach-Object { [string]$_.Exception.Message }); categories = [string[]]@($e | ForEach-Object { [string]$_.CategoryInfo.Category }) }`
  );
}

export interface Failure {
  output: number;
  ids: string[];
  messages: string[];
  categories: string[];
}

/**
 * Every stream of a command (output, error, warning, verbose, information) as text, plus the
 * output rendered at 400 columns and as JSON, to look for a secret anywhere a user could see it.
 */
export function everythingSaid(command: string): string {
  return (
    `$all = @(try { ${command} -Verbose *>&1 } catch { $_ }); ` +
    `$text = @($all | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.Message; $_.ErrorDetails; $_.TargetObject } elseif ($_.PSObject.Properties['Message']) { $_.Message } elseif ($_ -is [System.Management.Automation.InformationRecord]) { [string]$_.MessageData } }) -join [char]10; ` +
    `$objects = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and -not $_.PSObject.Properties['Message'] }); ` +
    `[pscustomobject]@{ verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message }); ` +
    `text = $text + [char]10 + ($objects | Out-String -Width 400) + ($objects | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue) }`
  );
}

/** The default view of the output at a width: every line, and the longest line's length. */
export function rendered(command: string, width: number): string {
  return `$lines = @((${command}) | Out-String -Width ${width}) -split '\\r?\\n'; [pscustomobject]@{ lines = [string[]]$lines; longest = [int](@($lines | ForEach-Object { $_.Length }) | Measure-Object -Maximum).Maximum }`;
}
