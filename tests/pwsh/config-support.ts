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
 * Runs a command as a script with -ErrorAction Stop would, inside try/catch: the record caught (its id,
 * category and message, what `$_` holds in the catch block), how many objects came out before it, and
 * every id -ErrorVariable collected (defect 5 of issue 9: one failure, one MDI_* record; expectOneRecord).
 */
export function failureOf(command: string): string {
  return (
    `$e = @(); $c = $null; $o = @(try { ${command} -ErrorAction Stop -ErrorVariable e } catch { $c = $_ }); ` +
    `[pscustomobject]@{ output = $o.Count; caught = [string]$c.FullyQualifiedErrorId; category = [string]$c.CategoryInfo.Category; message = [string]$c.Exception.Message; ` +
    // A stopping error reaches -ErrorVariable as the exception carrying its record (docs/powershell-commands.md).
    `ids = [string[]]@($e | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { [string]$_.FullyQualifiedErrorId } elseif ($null -ne $_.ErrorRecord) { [string]$_.ErrorRecord.FullyQualifiedErrorId } else { $_.GetType().Name } }) }`
  );
}

export interface Failure {
  output: number;
  caught: string;
  category: string;
  message: string;
  ids: string[];
}


/** What -ErrorVariable should hold for one failure: exactly one record, the MDI_* one, first. */
export function expectOneRecord(failure: Failure, id: string, command: string): void {
  if (failure.ids.length !== 1 || !new RegExp(`^${id}(,${command})?$`).test(failure.ids[0]!)) {
    throw new Error(`-ErrorVariable holds ${JSON.stringify(failure.ids)}, not one ${id} record`);
  }
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
