// npm run bench:fleet (also the end of npm run bench): fleet runs over SSH remoting in the namespace
// topology of tests/fleet/ (root needed: network namespaces). Prints, medians of BENCH_FLEET_ROUNDS:
//  - fan-out: wall time of Test-MDIConnectivity -HostName for N = 1, 4, 8 DCs, and the ratio to N = 1
//    (aim: N = 8 within 2.5x);
//  - per-host session cost: New-PSSession + Remove-PSSession for one DC, and for 8 at once divided by 8;
//  - copy cost: a DC without the module (module + gzip'd runtime copied, then removed) minus one with it,
//    the first copy (gzip of the runtime made and cached) and a later one.
// The reference (N = 1) is measured in the same run, interleaved with the others.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { importTs } from '../scripts/bundle-ts.mjs';

const execFileP = promisify(execFile);
const ROUNDS = Number(process.env.BENCH_FLEET_ROUNDS ?? 3);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.getuid?.() !== 0) {
  console.log('fleet bench SKIPPED: network namespaces need root (CI runs as root).');
  process.exit(0);
}
const { startFleet } = await importTs('tests/fleet/topology.ts');
const fleet = await startFleet([...Array(8).fill('passes'), 'moduleNotInstalled'], { repoRoot: root });
try {
  const installed = fleet.dcs.filter((dc) => dc.situation === 'passes').map((dc) => dc.host);
  const bare = fleet.dcs.find((dc) => dc.situation === 'moduleNotInstalled').host;
  const q = (s) => `'${s.replace(/'/g, "''")}'`;
  const list = (hosts) => `@(${hosts.map(q).join(',')})`;
  const check = `-WorkspaceName ${fleet.workspace} -ProxyUrl ${fleet.proxyUrl} -TrustedRootCertificate ${q(fleet.trustedRoot)} -SkipAllowlist -TimeoutSec 10 -KeyFilePath ${q(fleet.keyFile)}`;
  const script = `
$ProgressPreference = 'SilentlyContinue'
$env:MDI_NODE = ${q(process.execPath)}
Import-Module ${q(path.join(root, 'MDIConnectivity.psd1'))} -Force
function Measure-Ms([scriptblock] $Work) { $sw = [Diagnostics.Stopwatch]::StartNew(); $out = @(& $Work); $sw.Stop(); [pscustomobject]@{ Ms = $sw.Elapsed.TotalMilliseconds; Out = $out } }
$rows = New-Object System.Collections.Generic.List[object]
$add = { param($name, $m, $expect) $bad = @($m.Out | Where-Object { -not $_ }).Count; if ($null -ne $expect -and $m.Out.Count -ne $expect) { $bad++ }; $rows.Add([pscustomobject]@{ name = $name; ms = $m.Ms; failed = $bad }) }
$null = Test-MDIConnectivity -HostName ${q(installed[0])} ${check} -Quiet   # warm-up
& $add 'copyFirst' (Measure-Ms { Test-MDIConnectivity -HostName ${q(bare)} ${check} -Quiet }) 1
for ($r = 0; $r -lt ${ROUNDS}; $r++) {
  & $add 'n1' (Measure-Ms { Test-MDIConnectivity -HostName ${list(installed.slice(0, 1))} ${check} -Quiet }) 1
  & $add 'n4' (Measure-Ms { Test-MDIConnectivity -HostName ${list(installed.slice(0, 4))} ${check} -Quiet }) 4
  & $add 'n8' (Measure-Ms { Test-MDIConnectivity -HostName ${list(installed.slice(0, 8))} ${check} -Quiet }) 8
  & $add 'copy' (Measure-Ms { Test-MDIConnectivity -HostName ${q(bare)} ${check} -Quiet }) 1
  & $add 'session1' (Measure-Ms { $s = New-PSSession -HostName ${q(installed[0])} -KeyFilePath ${q(fleet.keyFile)}; Remove-PSSession $s; $true }) $null
  & $add 'session8' (Measure-Ms { $s = New-PSSession -HostName ${list(installed)} -KeyFilePath ${q(fleet.keyFile)}; $ok = $s.Count -eq 8; Remove-PSSession $s; $ok }) $null
}
'@@ROWS@@' + ($rows | ConvertTo-Json -Compress)
`;
  const file = path.join(fleet.dir, 'bench.ps1');
  await writeFile(file, script);
  const { stdout } = await execFileP(fleet.adminPwsh, ['-NoProfile', '-NonInteractive', '-File', file], { maxBuffer: 16 << 20, timeout: 1_800_000 });
  const line = stdout.split('\n').find((l) => l.startsWith('@@ROWS@@'));
  if (!line) throw new Error(`no figures from pwsh:\n${stdout}`);
  const rows = JSON.parse(line.slice(8));
  const failed = rows.filter((r) => r.failed > 0);
  if (failed.length > 0) throw new Error(`fleet bench runs without the expected answers: ${JSON.stringify(failed)}`);
  const med = (name) => {
    const v = rows.filter((r) => r.name === name).map((r) => r.ms).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  const f = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const n1 = med('n1');
  console.log(`fleet bench: Test-MDIConnectivity -HostName over SSH remoting, namespace topology (Squid, sensor API look-alike), ${ROUNDS} interleaved rounds, medians`);
  console.log(`fan-out    N=1 ${f(n1)}   N=4 ${f(med('n4'))} (${(med('n4') / n1).toFixed(2)}x)   N=8 ${f(med('n8'))} (${(med('n8') / n1).toFixed(2)}x, aim <= 2.5x)`);
  console.log(`session    one New-PSSession + Remove ${f(med('session1'))}; 8 at once ${f(med('session8'))} = ${f(med('session8') / 8)} per host`);
  console.log(`copy       a DC without the module ${f(med('copy'))} = +${f(med('copy') - n1)} over one with it; first copy (runtime gzip made) ${f(med('copyFirst'))}`);
} finally {
  await fleet.stop();
}
