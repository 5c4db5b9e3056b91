// Find-MDINodeRuntime in real pwsh (issue 9, defect 12): the choice is kept for the session and found again
// only when the chosen file vanishes or $env:MDI_NODE changes; one file reached through a linked folder is
// tried and reported once; the platform comes from Get-MDIPlatform, which works without $IsWindows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PowerShell } from 'node-powershell';
import { manifest, newShell, nodeForModule, psString, run, skipPwsh } from '../support/pwsh.js';

describe.skipIf(skipPwsh || process.platform === 'win32')('the Node.js runtime picker', () => {
  let work = '';
  let shell: PowerShell;
  const inModule = (script: string): string => `& (Get-Module MDIConnectivity) { ${script} }`;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'mdi-picker-'));
    shell = newShell();
    const setup = await run(shell, `Import-Module ${psString(manifest)} -Force; 'ok'`);
    expect(setup.ok, setup.message).toBe(true);
  }, 120_000);

  afterAll(async () => {
    await shell?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('names this platform as the runtime folders do', async () => {
    const result = await run(shell, inModule(`$p = Get-MDIPlatform; '{0}-{1}' -f $p.Os, $p.Arch`));
    expect(result.value).toEqual([`${process.platform === 'darwin' ? 'osx' : process.platform}-${process.arch}`]);
  });

  it('keeps its choice for the session, and looks again when the file vanishes or $env:MDI_NODE changes', async () => {
    const copy = join(work, 'cached', 'node');
    mkdirSync(join(work, 'cached'), { recursive: true });
    copyFileSync(nodeForModule, copy);
    writeFileSync(join(work, 'empty-marker'), '');
    // Counting the version checks is how "searched again" shows: each search runs node --version once.
    const result = await run(
      shell,
      `$env:MDI_NODE = ${psString(copy)}; $env:PATH = ${psString(join(work, 'nothing'))}; ` +
        inModule(
          `$counter = @{ n = 0 }; $real = ${'${function:Get-MDINodeVersion}'}; ` +
            `Set-Item -Path function:script:Get-MDINodeVersion -Value { param([string] $Path) $counter.n++; & $real -Path $Path }.GetNewClosure(); ` +
            `$script:MDINodeRuntimeChoice = $null; ` +
            `$first = Find-MDINodeRuntime; $afterFirst = $counter.n; ` +
            `$again = @(1..5 | ForEach-Object { (Find-MDINodeRuntime).NodePath }); $afterAgain = $counter.n; ` +
            `Remove-Item -LiteralPath ${psString(copy)}; ` +
            `$gone = Find-MDINodeRuntime; if ($gone -is [System.Management.Automation.ErrorRecord]) { $gone = $gone.FullyQualifiedErrorId + '|' + $gone.Exception.Message } else { $gone = $gone.NodePath }; ` +
            `$env:MDI_NODE = ${psString(nodeForModule)}; $changed = (Find-MDINodeRuntime).NodePath; $afterChange = $counter.n; ` +
            `[pscustomobject]@{ first = $first.NodePath; source = $first.Source; afterFirst = $afterFirst; again = $again; afterAgain = $afterAgain; gone = $gone; changed = $changed; afterChange = $afterChange }`,
        ),
    );
    expect(result.ok, result.message).toBe(true);
    const [r] = result.value as Array<{ first: string; source: string; afterFirst: number; again: string[]; afterAgain: number; gone: string; changed: string; afterChange: number }>;
    expect(r!.first).toBe(copy);
    expect(r!.source).toBe('$env:MDI_NODE');
    expect(r!.afterFirst).toBe(1);
    expect(r!.again).toEqual([copy, copy, copy, copy, copy]);
    expect(r!.afterAgain).toBe(1);
    expect(r!.gone).toMatch(/^MDI_NODE_NOT_FOUND\|/);
    expect(r!.gone).toContain(`$env:MDI_NODE: ${copy} (does not exist)`);
    expect(r!.changed).toBe(nodeForModule);
    expect(r!.afterChange).toBe(2);
  }, 120_000);

  it('tries a file reached through two PATH folders (one a link to the other) once, and reports it once', async () => {
    const real = join(work, 'usr-bin');
    const linked = join(work, 'bin');
    mkdirSync(real, { recursive: true });
    // A node too old to use, so the search goes on and the error shows every entry.
    writeFileSync(join(real, 'node'), '#!/bin/sh\necho v20.1.0\n', { mode: 0o755 });
    symlinkSync(real, linked);
    const result = await run(
      shell,
      `Remove-Item Env:MDI_NODE -ErrorAction SilentlyContinue; $env:PATH = ${psString(`${real}:${linked}`)}; ` +
        inModule(`$script:MDINodeRuntimeChoice = $null; $found = Find-MDINodeRuntime; if ($found -is [System.Management.Automation.ErrorRecord]) { $found.Exception.Message } else { 'found' }`),
    );
    expect(result.ok, result.message).toBe(true);
    const message = (result.value as string[])[0]!;
    expect(message).toContain(`  PATH: ${join(real, 'node')} is v20.1.0, too old (need v22.15.0 or later)`);
    expect(message).not.toContain(join(linked, 'node'));
    expect(message).toMatch(/Fix: .*runtime\/linux-x64\/node.*the full path of the node executable\.$/s);
  }, 120_000);
});
