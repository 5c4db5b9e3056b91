// The cold half of npm run bench (issue 13): what a person waits for, in fresh processes.
//  - P1: the first probe in a fresh engine, as the CLI reports it (the check's totalMs), against
//    curl's own time_total for the same URL through the same Squid;
//  - P4: the whole CLI, wall clock from spawn to exit, against the least Node can do for the same
//    job (bench/node-floor.mjs: CONNECT, TLS, GET, no judging) measured in the same rounds;
//  - `--version` against `node -e 0`;
//  - the engine's peak memory (GNU time's maximum RSS) for the sensor API alone and the full check;
//  - what the code cache buys: the same CLI run from a copy of the engine without engine.cjs.cache;
//    and what a V8 startup snapshot of the engine would (bench/snapshot-entry.ts);
//  - the engine's size on disk, and what every run reads of it.
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { fmt, median, signed, timed } from './measure.mjs';

const engineDir = fileURLToPath(new URL('../module/engine/', import.meta.url));
const engine = join(engineDir, 'mdi-connectivity.mjs');
const floorScript = fileURLToPath(new URL('./node-floor.mjs', import.meta.url));
const MB = 1024 * 1024;

export async function benchCold(h, rounds, warmup) {
  const s = h.state;
  const target = s.targets.ok;
  const proxy = s.squid.urls.open;
  const root = s.pki.root;
  const url = `${target.url}/tri/sensor/api/ping`;
  const curlArgs = ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{time_total}', '--proxy', proxy, '--cacert', root.certPath, url];
  const cliArgs = [engine, 'test', '--sensor-api-url', url, '--proxy-url', proxy, '--trusted-root', root.certPath, '--no-allowlist', '--json'];
  const resolve = [...s.endpoints.hosts.map((host) => `${host}:*:${s.endpoints.address}`), `${target.host}:*:127.0.0.1`];
  const fullArgs = [engine, 'test', '--sensor-api-url', target.url, '--proxy-url', proxy, '--trusted-root', root.certPath, '--json', ...resolve.flatMap((r) => ['--resolve', r])];

  // The same engine without its code cache, to show what the cache buys (src/cli/engine-loader.ts).
  const uncached = mkdtempSync(join(tmpdir(), 'mdi-bench-uncached-'));
  cpSync(engineDir, uncached, { recursive: true, filter: (path) => !path.endsWith('.cache') });
  const uncachedArgs = [join(uncached, 'mdi-connectivity.mjs'), ...cliArgs.slice(1)];
  const blob = await buildSnapshot(uncached);
  // Node puts the first argument after the blob in argv[1], where the entry's path would be.
  const snapshotArgs = ['--snapshot-blob', blob, 'mdi-connectivity', ...cliArgs.slice(1)];
  const samples = { cli: [], firstProbe: [], curl: [], curlTotal: [], floor: [], version: [], nodeE0: [], uncached: [], snapshot: [] };
  for (let i = 0; i < warmup + rounds; i++) {
    // Interleaved, so drift on the machine hits every side alike.
    const cli = await timed(process.execPath, cliArgs);
    if (cli.code !== 0) throw new Error(`CLI failed: ${cli.stdout}${cli.stderr}`);
    const curl = await timed('curl', curlArgs);
    const [code, total] = curl.stdout.split(' ');
    if (code !== '200') throw new Error(`curl got ${curl.stdout}: ${curl.stderr}`);
    const floor = await timed(process.execPath, [floorScript, proxy, target.url, root.certPath]);
    if (!floor.stdout.startsWith('HTTP/1.1 200')) throw new Error(`node floor failed: ${floor.stdout}${floor.stderr}`);
    const version = await timed(process.execPath, [engine, '--version']);
    const nodeE0 = await timed(process.execPath, ['-e', '0']);
    const withoutCache = await timed(process.execPath, uncachedArgs);
    if (withoutCache.code !== 0) throw new Error(`CLI without its code cache failed: ${withoutCache.stdout}${withoutCache.stderr}`);
    const fromSnapshot = await timed(process.execPath, snapshotArgs);
    if (fromSnapshot.code !== 0) throw new Error(`CLI from a startup snapshot failed: ${fromSnapshot.stdout}${fromSnapshot.stderr}`);
    if (i < warmup) continue;
    samples.cli.push(cli.ms);
    samples.firstProbe.push(JSON.parse(cli.stdout).checks[0].totalMs);
    samples.curl.push(curl.ms);
    samples.curlTotal.push(Number(total) * 1000);
    samples.floor.push(floor.ms);
    samples.version.push(version.ms);
    samples.nodeE0.push(nodeE0.ms);
    samples.uncached.push(withoutCache.ms);
    samples.snapshot.push(fromSnapshot.ms);
  }
  rmSync(uncached, { recursive: true, force: true });
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  const rss = { sensor: await peakRss(cliArgs), full: await peakRss(fullArgs) };
  const size = engineSize();

  console.log(`\ncold: ${rounds} interleaved rounds (+${warmup} warm-up), each a fresh process, ${process.version}`);
  console.log(`P1 first probe  engine ${fmt(m.firstProbe)} ms (the check's totalMs in a fresh CLI)   curl time_total ${fmt(m.curlTotal)} ms   ratio ${(m.firstProbe / m.curlTotal).toFixed(2)}x   (aim <= 1.5x)`);
  console.log(`P4 whole CLI    engine ${fmt(m.cli)} ms   bare-Node floor ${fmt(m.floor)} ms   difference ${signed(m.cli - m.floor)} ms   (aim <= +15 ms)   curl ${fmt(m.curl)} ms`);
  console.log(`code cache      whole CLI with it ${fmt(m.cli)} ms, without ${fmt(m.uncached)} ms: it saves ${fmt(m.uncached - m.cli)} ms a run (shipped)`);
  console.log(`V8 snapshot     whole CLI started from a startup snapshot of the engine ${fmt(m.snapshot)} ms: ${signed(m.snapshot - m.cli)} ms against the code cache (not shipped)`);
  console.log(`--version       engine ${fmt(m.version)} ms   node -e 0 ${fmt(m.nodeE0)} ms   difference ${signed(m.version - m.nodeE0)} ms   (aim <= +10 ms)`);
  console.log(`engine RSS      sensor API alone ${fmt(rss.sensor)} MB   full check (allowlist, roots) ${fmt(rss.full)} MB   (aim <= 80 MB; median of 5, GNU time)`);
  console.log(`bundle          ${(size.total / MB).toFixed(2)} MB of JavaScript in ${size.files} files, quickjs.wasm not counted (${(size.wasm / MB).toFixed(2)} MB)   (aim <= 2 MB); every run reads ${size.loaded.files} files, ${(size.loaded.bytes / 1024).toFixed(0)} KB (entry, engine, code cache)`);
}

/** A startup snapshot of the engine in `folder` (bench/snapshot-entry.ts), built by this Node.js. */
async function buildSnapshot(folder) {
  const entry = join(folder, 'snapshot-entry.cjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./snapshot-entry.ts', import.meta.url))],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    define: { __ENGINE_DIR__: JSON.stringify(engineDir) },
    logLevel: 'error',
  });
  const blob = join(folder, 'engine.blob');
  const made = await timed(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', entry], { timeoutMs: 120_000 });
  if (made.code !== 0) throw new Error(`building the snapshot failed: ${made.stderr}`);
  return blob;
}

/** Maximum resident set size in MB, from GNU time (-f %M is KB), median of five runs. */
async function peakRss(args) {
  const values = [];
  for (let i = 0; i < 5; i++) {
    const run = await timed('/usr/bin/time', ['-f', 'MDI_BENCH_RSS %M', process.execPath, ...args]);
    const kb = /MDI_BENCH_RSS (\d+)/.exec(run.stderr)?.[1];
    if (!kb) throw new Error(`no RSS from /usr/bin/time (install the Debian package 'time'): ${run.stderr}`);
    values.push(Number(kb) / 1024);
  }
  return median(values);
}

function engineSize() {
  let total = 0;
  let files = 0;
  let wasm = 0;
  for (const name of readdirSync(engineDir, { recursive: true })) {
    const path = join(engineDir, name);
    if (!statSync(path).isFile()) continue;
    if (name.endsWith('.wasm')) wasm += statSync(path).size;
    else if (/\.(mjs|cjs)$/.test(name)) (total += statSync(path).size), files++;
  }
  return { total, files, wasm, loaded: loadedByEveryRun() };
}

/** What every run reads of it: the entry, the engine and the engine's code cache (vendor/ loads only for PAC and PFX work). */
function loadedByEveryRun() {
  const files = ['mdi-connectivity.mjs', 'engine.cjs', 'engine.cjs.cache'].map((name) => join(engineDir, name));
  return { files: files.length, bytes: files.reduce((sum, file) => sum + statSync(file).size, 0) };
}
