// npm run demo: the main job on a machine with no Internet. Starts real Squid proxies and
// TLS servers that answer like the sensor API (tests/harness), then runs the engine's CLI
// against them the way an admin would, printing its real output.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadHarnessModule } from '../tests/harness/standalone.mjs';

const engine = fileURLToPath(new URL('../module/engine/mdi-connectivity.mjs', import.meta.url));
const { startHarness, stopHarness } = await loadHarnessModule();
const h = await startHarness();
const s = h.state;
const root = s.pki.root.certPath;
const [svc] = s.credentials.basic;
// Direct runs need names for the allowlist hosts too: the stand-ins answer for them on loopback.
const catalogNames = s.endpoints.address ? s.endpoints.hosts.flatMap((host) => ['--resolve', `${host}:*:${s.endpoints.address}`]) : [];

const runs = [
  ['Through an open proxy', ['--sensor-api-url', s.targets.ok.url, '--proxy-url', s.squid.urls.open, '--trusted-root', root]],
  ['Proxy demands credentials, none given', ['--sensor-api-url', s.targets.ok.url, '--proxy-url', s.squid.urls.basic, '--trusted-root', root]],
  ['Same proxy with DOMAIN\\user (password from MDI_PROXY_PASSWORD)', ['--sensor-api-url', s.targets.ok.url, '--proxy-url', s.squid.urls.basic, '--proxy-user', svc.user, '--trusted-root', root], { MDI_PROXY_PASSWORD: svc.password }],
  ['Proxy that inspects TLS (Squid ssl-bump)', ['--sensor-api-url', s.targets.ok.url, '--proxy-url', s.squid.urls.bump, '--trusted-root', root]],
  ['Azure-shaped chain under a look-alike root (named DigiCert Global Root G2, another key)', ['--sensor-api-url', s.targets.lookalike.url, '--resolve', `${s.targets.lookalike.host}:${s.targets.lookalike.port}:127.0.0.1`, ...catalogNames]],
].map(([title, args, env]) => [title, ['test', ...args], env]);
if (s.endpoints.address) {
  runs.push(['Defender for Endpoint, UK: direct works, the command-line proxy inspects TLS',
    ['mde-test', '--region', 'UK', '--proxy-url', s.squid.urls.bump, '--trusted-root', root, ...catalogNames]]);
} else {
  console.log(`(Defender for Endpoint demo skipped: ${s.endpoints.reason})`);
}

let failures = 0;
try {
  for (const [title, args, env] of runs) {
    // The catalog's --resolve pairs are many and all alike: say so instead of printing them.
    const shown = args.join('\0').replace(catalogNames.join('\0'), '').split('\0').filter(Boolean);
    const note = shown.length < args.length ? ' (+ --resolve for every catalog name)' : '';
    console.log(`\n$ mdi-connectivity ${shown.map(quote).join(' ')}${note}\n# ${title}`);
    // Asynchronous: the peers live in this process and must keep answering.
    const status = await run([engine, ...args], { ...process.env, ...env });
    console.log(`(exit code ${status})`);
    if (status === null || status > 1) failures++;
  }
} finally {
  await stopHarness(h);
}
process.exitCode = failures ? 1 : 0;

function run(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve(code);
    });
  });
}

function quote(arg) {
  return /[\s\\;"']/.test(arg) ? `'${arg}'` : arg;
}
