// npm run bench: our probe vs curl through the same local Squid to the same TLS
// server, interleaved in one run. Prints medians and ratios:
//  - probe alone: the engine's check in-process (warm) vs curl's own time_total;
//  - cold (bench/cold.mjs): P1 the first probe in a fresh process, P4 the whole CLI against a bare
//    Node script, --version, peak memory, bundle size;
//  - concurrency (bench/concurrency.mjs): P2 the full MDI check, P3 the MDE matrix;
//  - PowerShell (bench/pwsh-overhead.mjs) and, from package.json, the fleet (bench/fleet.mjs).
import { loadHarnessModule } from '../tests/harness/standalone.mjs';
import { importTs } from '../scripts/bundle-ts.mjs';
import { benchCold } from './cold.mjs';
import { benchConcurrency, latencyFor, printConcurrency } from './concurrency.mjs';
import { benchPwsh } from './pwsh-overhead.mjs';
import { fmt, median, timed } from './measure.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const WARMUP = 3;

const { startHarness, stopHarness } = await loadHarnessModule();
const parts = await importTs('bench/parts.ts');
const { runTest } = parts;
const MATRIX_ROUNDS = Number(process.env.BENCH_MATRIX_ROUNDS ?? 5);
const h = await startHarness({ endpointDelayMs: latencyFor });
try {
  const target = h.state.targets.ok;
  const proxy = h.state.squid.urls.open;
  const root = h.state.pki.root;
  const url = `${target.url}/tri/sensor/api/ping`;
  // The sensor API alone, as curl does one URL (the allowlist URLs are measured below).
  const request = { schemaVersion: 4, command: 'test', sensorApiUrl: url, proxyUrl: proxy, trustedRoots: [root.certPem], timeoutSec: 10, allowlist: false };
  const curlArgs = ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{time_total}', '--proxy', proxy, '--cacert', root.certPath, url];

  const samples = { probe: [], curlProbe: [] };
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    const keep = i >= WARMUP;
    // Interleaved, so drift on the machine hits both sides alike.
    const started = performance.now();
    const response = await runTest(request, () => {});
    const probeMs = performance.now() - started;
    if (!response.passed) throw new Error(`engine probe did not pass: ${response.checks[0].detail}`);
    const curl = await timed('curl', curlArgs);
    const [code, total] = curl.stdout.split(' ');
    if (code !== '200') throw new Error(`curl got ${curl.stdout}: ${curl.stderr}`);
    if (keep) {
      samples.probe.push(probeMs);
      samples.curlProbe.push(Number(total) * 1000);
    }
  }
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  console.log(`MDIConnectivity bench: ${ROUNDS} interleaved rounds (+${WARMUP} warm-up), through real Squid to a local TLS server, ${process.version}`);
  console.log(`probe alone   engine ${fmt(m.probe)} ms (warm, in-process)   curl ${fmt(m.curlProbe)} ms   ratio ${(m.probe / m.curlProbe).toFixed(2)}x   (aim <= 1.15x)`);
  await benchCold(h, ROUNDS, WARMUP);
  printConcurrency(await benchConcurrency(h, parts, MATRIX_ROUNDS), MATRIX_ROUNDS);
  await benchPwsh(h, Number(process.env.BENCH_PWSH_ROUNDS ?? 15));
} finally {
  await stopHarness(h);
}
