// Defect 2 of issue 9: stopping a command (Ctrl+C, PowerShell.Stop() in a runspace) must end the node
// engine at once, not leave it running until its own timeout. The check runs in a second runspace of a
// real pwsh against a proxy that reads the CONNECT and never answers, with -TimeoutSec 300.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PowerShell } from 'node-powershell';
import { manifest, moduleShell, nodeForModule, psString, run, skipPwsh } from '../support/pwsh.js';

const h = inject('harness');
const started: number[] = [];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  }
  catch {
    return false;
  }
}

describe.skipIf(skipPwsh)('stopping a check ends its engine', () => {
  let shell: PowerShell;
  beforeAll(async () => {
    shell = await moduleShell();
  });
  afterAll(async () => {
    // Only the engines this test started, by their ids, in case a check failed before stopping them.
    for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await shell?.dispose();
  });

  it.each([
    ['Test-MDIConnectivity', `Test-MDIConnectivity -SensorApiUrl ${h.targets.ok.url} -ProxyUrl ${h.misbehaving.silent.url} -TimeoutSec 300 -SkipAllowlist`],
    ['Test-MDISensorApiConnection', `Test-MDISensorApiConnection -BypassConfiguration -SensorApiUrl ${h.targets.ok.url} -ProxyUrl ${h.misbehaving.silent.url} -TimeoutSec 300`],
    ['Test-MDEConnectivity', `Test-MDEConnectivity -Region US -ProxyUrl ${h.misbehaving.silent.url} -TimeoutSec 300`],
  ])('%s: PowerShell.Stop() kills the node child', async (_name, command) => {
    const inner = `$ProgressPreference = 'SilentlyContinue'; $env:MDI_NODE = ${psString(nodeForModule)}; Import-Module ${psString(manifest)}; ${command}`;
    // One line: node-powershell hands the script to pwsh line by line.
    const script = [
      '$ps = [powershell]::Create()',
      `$null = $ps.AddScript(${psString(inner)})`,
      '$null = $ps.BeginInvoke()',
      '$engine = $null',
      '$deadline = [DateTime]::UtcNow.AddSeconds(30)',
      'while ($null -eq $engine -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100; ' +
        '$engine = Get-Process | Where-Object { $_.Parent.Id -eq $PID -and $_.CommandLine -like "*mdi-connectivity.mjs*" } | Select-Object -First 1 }',
      "if ($null -eq $engine) { throw 'the engine never started' }",
      // Give the engine time to reach the silent proxy, so it is waiting on the network when stopped.
      'Start-Sleep -Milliseconds 1500',
      '$ps.Stop()',
      '$ps.Dispose()',
      '$engine.Id',
    ].join('; ');
    const result = await run(shell, script);
    expect(result.ok, result.message).toBe(true);
    const pid = (result.value as number[])[0]!;
    started.push(pid);
    // Bounded wait: the engine is gone within 10 s of Stop() returning, far below its 300 s timeout.
    let gone = false;
    for (let i = 0; i < 100 && !gone; i++) {
      gone = !alive(pid);
      if (!gone) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(gone).toBe(true);
  }, 90_000);
});
