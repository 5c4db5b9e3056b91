// The concurrency half of npm run bench (issue 5). The catalog stand-ins answer after
// 20-60 ms per host (a stand-in for WAN latency, fixed per host name), so a probe
// costs what it costs on a real network. For the full MDI check and the MDE matrix:
//  - every distinct probe is first run alone, one after another, in this process:
//    that is the sequential reference, and its slowest probe is the floor;
//  - then the real command runs them all at once (bounded per proxy).
// Printed: full / slowest single probe (the aim) and the speed-up over sequential.
//
// The peers (Squid, the TLS stand-ins) run in a child process (issue 13), a measurement
// fix: on a real network the servers are elsewhere, but in this process every server-side
// handshake of 128 probes competed with the engine for one event loop, and the figure
// measured the harness as much as the engine. BENCH_HARNESS=in-process measures the old way.
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { fmt, median } from './measure.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const standalone = fileURLToPath(new URL('../tests/harness/standalone.mjs', import.meta.url));

export function latencyFor(host) {
  let hash = 0;
  for (const char of host) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 20 + (hash % 41);
}

/** `inProcess`: the caller's harness (started with latencyFor), used only with BENCH_HARNESS=in-process. */
export async function benchConcurrency(inProcess, parts, rounds) {
  const sameProcess = process.env.BENCH_HARNESS === 'in-process';
  const harness = sameProcess ? { state: inProcess.state, stop: async () => {} } : await childHarness();
  try {
    return { ...(await measureBoth(harness.state, parts, rounds)), where: sameProcess ? 'in this process (BENCH_HARNESS=in-process)' : 'in a child process' };
  } finally {
    await harness.stop();
  }
}

export function printConcurrency({ mdi, mde, where }, rounds) {
  console.log(`\nconcurrency: ${rounds} rounds (+1 warm-up); catalog stand-ins answer after 20-60 ms per host; peers run ${where}; reference = the same probes one after another in this process`);
  for (const [label, r, aim] of [['P2 full MDI check', mdi, 1.2], ['P3 MDE matrix US', mde, 3]]) {
    console.log(`${label.padEnd(18)} ${r.probes} probes   all at once ${fmt(r.full)} ms   slowest single probe ${fmt(r.slowest)} ms   ratio ${(r.full / r.slowest).toFixed(2)}x (aim <= ${aim}x)   engine CPU ${fmt(r.cpu)} ms   sequential ${fmt(r.sequential)} ms (${(r.sequential / r.full).toFixed(1)}x slower)`);
  }
  console.log(`P3 MDE routes      ${routesLine(mde.response)}`);
}

async function measureBoth(s, parts, rounds) {
  const resolve = [...s.endpoints.hosts.map((host) => `${host}:*:${s.endpoints.address}`), `${s.targets.ok.host}:*:127.0.0.1`];
  const trustedRoots = [s.pki.root.certPem];

  // ---- MDI: sensor API + allowlist URLs through the open Squid --------------------------
  const mdiRequest = { schemaVersion: 4, command: 'test', sensorApiUrl: s.targets.ok.url, proxyUrl: s.squid.urls.open, trustedRoots, resolve, timeoutSec: 10 };
  const mdi = await measure(rounds, () => parts.runTest(mdiRequest, () => {}), (response) => response.checks.map((c) => ({
    target: targetFor(parts, c), proxy: c.proxy,
  })), parts, resolve, trustedRoots);

  // ---- MDE: US region through all five routes ---------------------------------------------
  // 1 WinHTTP → open Squid; 2 WPAD → a PAC that names the open Squid (same probes as 1: shared);
  // 3 direct; 4 TelemetryProxyServer → the rawDns Squid; 5 command line → the Basic-auth Squid (407).
  const open = new URL(s.squid.urls.open).host;
  const wpad = await pacServer(`function FindProxyForURL(url, host) { return "PROXY ${open}"; }`);
  try {
    const mdeRequest = {
      schemaVersion: 4, command: 'mde-test', region: 'US', trustedRoots, timeoutSec: 10,
      resolve: [...resolve, 'wpad.contoso.test:*:127.0.0.1'],
      regFileBase64: parts.regExportBase64({ WinHttp: { proxyServer: open }, telemetryProxyServer: new URL(s.squid.urls.rawDns).host }),
      dnsSuffix: 'contoso.test', wpadPort: wpad.port, proxyUrl: s.squid.urls.basic,
    };
    const entries = new Map(parts.mdeCatalog({ region: 'US' }).map((e) => [e.testUrl, e]));
    const mde = await measure(rounds, () => parts.runMdeTest(mdeRequest, () => {}), (response) => response.urls.flatMap((u) =>
      u.results.filter((r) => r.outcome !== 'DoesNotExist' && !r.shared && r.verdict !== null).map((r) => ({ target: parts.catalogTarget(entries.get(u.url)), proxy: r.proxy }))),
    parts, mdeRequest.resolve, trustedRoots);
    return { mdi, mde };
  } finally {
    wpad.server.close();
  }
}

/** Which routes exist and what each did: "1 Default proxy → 127.0.0.1:3128: 32 probes (Pass 32)". */
function routesLine(response) {
  const routes = response.routes.map((route) => {
    if (!route.exists) return `${route.number} ${route.label}: absent`;
    const results = response.urls.map((u) => u.results.find((r) => r.route === route.number));
    const shared = results.filter((r) => r.shared).length;
    const verdicts = {};
    for (const r of results) verdicts[r.verdict ?? r.outcome] = (verdicts[r.verdict ?? r.outcome] ?? 0) + 1;
    const proxies = [...new Set(results.map((r) => r.proxy ?? 'direct'))].join(', ');
    const tally = Object.entries(verdicts).map(([k, n]) => `${k} ${n}`).join(', ');
    return `${route.number} ${route.label} → ${proxies}: ${results.length - shared} probes${shared ? ` + ${shared} shared` : ''} (${tally})`;
  });
  return `${response.routes.filter((r) => r.exists).length} of 5 exist: ${routes.join('; ')}`;
}

/** tests/harness/standalone.mjs in a child process: the peers get their own event loop (and core). */
async function childHarness() {
  const child = spawn(process.execPath, [standalone, '--max-seconds', '1800', '--endpoint-delays', `${here}concurrency.mjs`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stateFile = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the harness child printed no harness.json within 180 s')), 180_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.split('\n')[0].trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the harness child exited (${code}) before it was ready`));
    });
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    state: JSON.parse(readFileSync(stateFile, 'utf8')),
    stop: async () => {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

function targetFor(parts, check) {
  if (check.category === 'SensorApi') return parts.sensorApiTarget(new URL(check.target));
  const entry = parts.mdiCatalog({ cloud: 'Commercial', includeLegacy: true }).find((e) => e.id === check.endpointId);
  return parts.catalogTarget(entry);
}

async function measure(rounds, runAll, probesOf, parts, resolve, trustedRoots) {
  const overrides = new Map(resolve.map((entry) => {
    const [host, port, address] = entry.split(':');
    return [`${host.toLowerCase()}:${port}`, [address]];
  }));
  const trust = parts.buildTrustStore(trustedRoots.map((pem) => new X509Certificate(pem)));
  const full = [];
  const cpu = [];
  const sequential = [];
  const slowest = [];
  let probes = 0;
  let last;
  for (let round = 0; round < rounds + 1; round++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const response = await runAll();
    const fullMs = performance.now() - started;
    const cpuUsed = process.cpuUsage(cpuBefore);
    last = response;
    const list = probesOf(response);
    probes = list.length;
    let total = 0;
    let worst = 0;
    for (const { target, proxy } of list) {
      const route = { source: 'Parameter', accounts: [], reason: 'bench', proxy: proxy ? parts.proxySpecFrom(proxy) : null };
      const t0 = performance.now();
      await parts.runCheck(target, { resolve: overrides, deadline: new parts.Deadline(10_000) }, route, trust, () => {});
      const ms = performance.now() - t0;
      total += ms;
      worst = Math.max(worst, ms);
    }
    if (round === 0) continue; // warm-up
    full.push(fullMs);
    cpu.push((cpuUsed.user + cpuUsed.system) / 1000);
    sequential.push(total);
    slowest.push(worst);
  }
  return { probes, full: median(full), cpu: median(cpu), sequential: median(sequential), slowest: median(slowest), response: last };
}

function pacServer(pac) {
  return new Promise((resolve) => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' }).end(pac));
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port }));
  });
}
