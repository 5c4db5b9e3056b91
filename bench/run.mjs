// npm run bench: our probe vs curl through the same local Squid to the same TLS
// server, interleaved in one run. Prints medians and ratios:
//  - probe alone: the engine's check in-process vs curl's own time_total;
//  - whole CLI:   `node mdi-connectivity.mjs test ...` vs `curl ...`, wall clock, process start included.
import { fileURLToPath } from 'node:url';
import { loadHarnessModule } from '../tests/harness/standalone.mjs';
import { importTs } from '../scripts/bundle-ts.mjs';
import { benchConcurrency, latencyFor, printConcurrency } from './concurrency.mjs';
import { benchPwsh } from './pwsh-overhead.mjs';
import { fmt, median, timed } from './measure.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const WARMUP = 3;
const engine = fileURLToPath(new URL('../module/engine/mdi-connectivity.mjs', import.meta.url));
const floorScript = fileURLToPath(new URL('./node-floor.mjs', import.meta.url));

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
  const cliArgs = [engine, 'test', '--sensor-api-url', url, '--proxy-url', proxy, '--trusted-root', root.certPath, '--no-allowlist', '--json'];

  const samples = { probe: [], curlProbe: [], cli: [], curlCli: [], floor: [] };
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
    const cli = await timed(process.execPath, cliArgs);
    if (cli.code !== 0) throw new Error(`CLI failed: ${cli.stdout}${cli.stderr}`);
    const curlCli = await timed('curl', curlArgs);
    const floor = await timed(process.execPath, [floorScript, proxy, target.url, root.certPath]);
    if (!floor.stdout.startsWith('HTTP/1.1 200')) throw new Error(`node floor failed: ${floor.stdout}${floor.stderr}`);
    if (keep) {
      samples.floor.push(floor.ms);
      samples.probe.push(probeMs);
      samples.curlProbe.push(Number(total) * 1000);
      samples.cli.push(cli.ms);
      samples.curlCli.push(curlCli.ms);
    }
  }
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  console.log(`MDIConnectivity bench: ${ROUNDS} interleaved rounds (+${WARMUP} warm-up), through real Squid to a local TLS server, ${process.version}`);
  console.log(`probe alone   engine ${fmt(m.probe)} ms   curl ${fmt(m.curlProbe)} ms   ratio ${(m.probe / m.curlProbe).toFixed(2)}x   (aim <= 1.15x)`);
  console.log(`whole CLI     engine ${fmt(m.cli)} ms   curl ${fmt(m.curlCli)} ms   ratio ${(m.cli / m.curlCli).toFixed(2)}x   difference +${fmt(m.cli - m.curlCli)} ms   (aim <= +80 ms)`);
  console.log(`node floor    a bare Node CONNECT+TLS+GET script ${fmt(m.floor)} ms = curl +${fmt(m.floor - m.curlCli)} ms; the engine adds ${fmt(m.cli - m.floor)} ms to it`);
  printConcurrency(await benchConcurrency(h, parts, MATRIX_ROUNDS), MATRIX_ROUNDS);
  await benchPwsh(h, Number(process.env.BENCH_PWSH_ROUNDS ?? 15));
} finally {
  await stopHarness(h);
}
