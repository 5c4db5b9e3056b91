// The PowerShell half of npm run bench (issue 9): what the module costs on top of the engine.
//  - cmdlet overhead: in one warm pwsh, Test-MDIConnectivity against the CLI for the same check through the
//    same Squid (reference: the CLI run from that pwsh, its JSON parsed), sensor API alone and with the allowlist;
//  - Import-Module in a fresh pwsh, against importing a one-function module the same way (the reference:
//    what any module import costs in that pwsh).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from '../scripts/bundle-ts.mjs';
import { fmt, median, signed, timed } from './measure.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const manifest = join(repo, 'MDIConnectivity.psd1');
const engine = join(repo, 'module', 'engine', 'mdi-connectivity.mjs');

// The tests' own way to find pwsh and a Node.js the module accepts (it throws when pwsh is missing).
const { pwsh, nodeForModule } = await importTs('tests/support/pwsh.ts');

export async function benchPwsh(h, rounds) {
  const s = h.state;
  const resolve = [...s.endpoints.hosts.map((host) => `${host}:*:${s.endpoints.address}`), `${s.targets.ok.host}:*:127.0.0.1`];
  const args = { node: nodeForModule, manifest, engine, url: s.targets.ok.url, proxy: s.squid.urls.open, root: s.pki.root.certPath, resolve, rounds, warmup: 2 };
  const overhead = JSON.parse(await runPwsh(['-File', fileURLToPath(new URL('./pwsh-overhead.ps1', import.meta.url)), JSON.stringify(args)]));
  console.log(`\npowershell: ${rounds} interleaved rounds (+2 warm-up) in one warm pwsh, through real Squid; reference = the CLI started from that pwsh, its JSON parsed`);
  for (const [label, key, aim] of [['sensor API only', 'sensorOnly', 30], [`with allowlist (${overhead.checksWithAllowlist} results)`, 'allowlist', 30]]) {
    const cmdlet = overhead[`${key}Cmdlet`];
    const cli = overhead[`${key}Cli`];
    console.log(`${label.padEnd(34)} cmdlet ${fmt(cmdlet)} ms   CLI ${fmt(cli)} ms   difference ${signed(cmdlet - cli)} ms   ratio ${(cmdlet / cli).toFixed(2)}x   (aim <= +${aim} ms)`);
  }

  // Import-Module: each round a fresh pwsh, timed inside it, ours and the reference alternately.
  const dir = mkdtempSync(join(tmpdir(), 'mdi-bench-module-'));
  const reference = join(dir, 'Reference.psm1');
  writeFileSync(reference, 'function Get-Reference { [CmdletBinding()] param() 1 }\nExport-ModuleMember -Function Get-Reference\n');
  const timeImport = async (path) => Number(await runPwsh(['-Command', `$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '${path}'; $w.Elapsed.TotalMilliseconds`]));
  const ours = [];
  const theirs = [];
  for (let i = 0; i < rounds + 1; i++) {
    const [a, b] = [await timeImport(manifest), await timeImport(reference)];
    if (i > 0) {
      ours.push(a);
      theirs.push(b);
    }
  }
  const [m, r] = [median(ours), median(theirs)];
  console.log(`Import-Module (fresh pwsh, ${rounds} rounds) MDIConnectivity ${fmt(m)} ms   one-function module ${fmt(r)} ms   difference ${signed(m - r)} ms   ratio ${(m / r).toFixed(2)}x   (aim <= 200 ms)`);
}

const PWSH_ENV = { ...process.env, TERM: 'dumb', NO_COLOR: '1', POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off' };

/** pwsh's last line of output; a failing run stops the bench with what pwsh said. */
async function runPwsh(args) {
  const run = await timed(pwsh, ['-NoProfile', '-NonInteractive', ...args], { env: PWSH_ENV, timeoutMs: 600_000 });
  if (run.code !== 0) throw new Error(`pwsh ${args[0]} failed (${run.code}): ${run.stderr}${run.stdout}`);
  return run.stdout.trim().split('\n').pop();
}
