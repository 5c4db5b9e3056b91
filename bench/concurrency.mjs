// The concurrency half of npm run bench (issue 5). The catalog stand-ins answer after
// 20-60 ms per host (a stand-in for WAN latency, fixed per host name), so a probe
// costs what it costs on a real network. For the full MDI check and the MDE matrix:
//  - every distinct probe is first run alone, one after another, in this process:
//    that is the sequential reference, and its slowest probe is the floor;
//  - then the real command runs them all at once (bounded per proxy).
// Printed: full / slowest single probe (the aim) and the speed-up over sequential.
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:http';
import { median } from './measure.mjs';

export function latencyFor(host) {
  let hash = 0;
  for (const char of host) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 20 + (hash % 41);
}

export async function benchConcurrency(h, parts, rounds) {
  const s = h.state;
  const resolve = [...s.endpoints.hosts.map((host) => `${host}:*:${s.endpoints.address}`), `${s.targets.ok.host}:*:127.0.0.1`];
  const trustedRoots = [s.pki.root.certPem];

  // ---- MDI: sensor API + allowlist URLs through the open Squid --------------------------
  const mdiRequest = { schemaVersion: 4, command: 'test', sensorApiUrl: s.targets.ok.url, proxyUrl: s.squid.urls.open, trustedRoots, resolve, timeoutSec: 10 };
  const mdi = await measure(rounds, () => parts.runTest(mdiRequest, () => {}), (response) => response.checks.map((c) => ({
    target: targetFor(parts, c), proxy: c.proxy,
  })), parts, resolve, trustedRoots);

  // ---- MDE: US region through five routes -----------------------------------------------
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
  const sequential = [];
  const slowest = [];
  let probes = 0;
  for (let round = 0; round < rounds + 1; round++) {
    const started = performance.now();
    const response = await runAll();
    const fullMs = performance.now() - started;
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
    sequential.push(total);
    slowest.push(worst);
  }
  return { probes, full: median(full), sequential: median(sequential), slowest: median(slowest) };
}

function pacServer(pac) {
  return new Promise((resolve) => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' }).end(pac));
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port }));
  });
}
