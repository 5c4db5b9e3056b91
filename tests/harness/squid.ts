// Real Squid (Debian squid-openssl 5.7) instances for the engine's integration
// tests. Each instance is `squid -N` (foreground, no daemon, no SMP) as our
// child process, with its own directory, config, logs and pid file.
//
// Squid starts as root and then runs as user `proxy`: every file it reads must
// be readable by proxy and every directory it writes must be owned by proxy.
//
// Instances (started in parallel, ~0.1-1 s each):
//   open  - ports: open (anything goes), deny (403 for CONNECT to .atp.azure.com),
//           bump (ssl-bump with the Contoso TLS Inspection CA),
//           rawDns (like open, but without the ERR_DNS_FAIL fix below)
//   basic - Basic auth (basic_ncsa_auth), only authenticated users may CONNECT
//   ntlm  - NTLM, each response verified by a Samba AD DC through ntlm_auth (samba.ts);
//           runs in a mount namespace where ntlm_auth finds that DC's winbindd
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { canConnect, freePorts, settlesWithin, sleep } from './net-util.js';
import type { TestPki } from './pki.js';
import { LIBEXEC, basicConf, ntlmConf, openConf } from './squid-config.js';
import { inWinbindNamespace, type NtlmVerifier } from './samba.js';

export { PROXY_REALM } from './squid-config.js';

const execFileP = promisify(execFile);

export const SQUID_BIN = '/usr/sbin/squid';
const START_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;

/** Users of the `basic` instance (password as typed, not escaped). */
export const BASIC_USERS = [
  { user: 'CONTOSO\\svc-mdi', password: 'p;a"ss@word 1' },
  { user: 'plainuser', password: 'secret' },
] as const;

export type SquidInstanceName = 'open' | 'basic' | 'ntlm';
export type SquidPortName = 'open' | 'deny' | 'bump' | 'rawDns' | 'basic' | 'ntlm';

export interface SquidSet {
  /** http://127.0.0.1:<port> for each named port. */
  urls: Record<SquidPortName, string>;
  ports: Record<SquidPortName, number>;
  /** Log/config paths per instance (readable from any process). */
  files: Record<SquidInstanceName, { dir: string; conf: string; accessLog: string; cacheLog: string }>;
  /** Current access.log text of an instance (a port name means its instance: deny/bump/rawDns -> open). */
  accessLog(instance: SquidInstanceName | SquidPortName): Promise<string>;
  stop(): Promise<void>;
}

export interface SquidOptions {
  /** Parent directory; each instance gets <dir>/squid-<name>/. */
  dir: string;
  pki: TestPki;
  /** Names mapped to 127.0.0.1 in Squid's hosts_file. */
  hostNames: readonly string[];
  /** Names mapped to other loopback addresses (the catalog stand-ins). */
  extraHosts?: { address: string; names: readonly string[] }[];
  /** The domain controller the ntlm instance asks. */
  ntlmVerifier: Pick<NtlmVerifier, 'smbConf' | 'winbindSocketDir'>;
}

interface Running {
  name: SquidInstanceName;
  child: ChildProcess;
  killOnExit: () => void;
  exited: Promise<void>;
  files: SquidSet['files'][SquidInstanceName];
}

async function proxyOwned(p: string): Promise<void> {
  // Squid runs as `proxy`; as root we hand it the directory. (Not root: it is ours already.)
  if (userInfo().uid !== 0) return;
  const { stdout } = await execFileP('id', ['-u', 'proxy']);
  const uid = Number(stdout.trim());
  const { stdout: g } = await execFileP('id', ['-g', 'proxy']);
  await execFileP('chown', ['-R', `${uid}:${Number(g.trim())}`, p]);
}

async function tail(file: string, chars = 3000): Promise<string> {
  try {
    const t = await readFile(file, 'utf8');
    return t.slice(-chars);
  } catch {
    return '(no cache.log)';
  }
}

/** Start one squid, resolve once every port accepts connections (bounded), or throw with the log tail. */
async function runSquid(name: SquidInstanceName, dir: string, conf: string, ports: number[], wrap = (argv: string[]) => argv): Promise<Running> {
  const files = {
    dir,
    conf: path.join(dir, 'squid.conf'),
    accessLog: path.join(dir, 'access.log'),
    cacheLog: path.join(dir, 'cache.log'),
  };
  await writeFile(files.conf, conf, { mode: 0o644 });
  await writeFile(files.accessLog, '', { mode: 0o644 });
  await writeFile(files.cacheLog, '', { mode: 0o644 });
  await proxyOwned(dir);

  // Squid's stderr (-d 1: startup messages, config errors before cache.log opens) goes
  // to a FILE, not a pipe: helpers inherit fd 2 and would hold a pipe open for seconds
  // after squid exits, keeping the parent's event loop (vitest) alive.
  const stderrPath = path.join(dir, 'squid.stderr');
  const errFd = openSync(stderrPath, 'w', 0o644);
  let child: ChildProcess;
  try {
    // wrap() execs squid in place (unshare, sh -c exec), so child.pid stays squid's.
    const [bin, ...args] = wrap([SQUID_BIN, '-N', '-d', '1', '-f', files.conf]);
    child = spawn(bin!, args, { stdio: ['ignore', 'ignore', errFd], cwd: dir });
  } finally {
    closeSync(errFd);
  }
  const stderr = (): string => {
    try {
      return readFileSync(stderrPath, 'utf8').slice(-4000);
    } catch {
      return '';
    }
  };
  let exitInfo: string | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = `exit code ${code} signal ${signal}`;
      resolve();
    });
    child.once('error', (e) => {
      exitInfo = `spawn error ${e.message}`;
      resolve();
    });
  });

  // If the parent exits without stop() (crash, process.exit), do not leave squid orphaned
  // holding its ports. (A SIGKILLed parent still leaks it: nothing can run then.)
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };

  const fail = async (why: string): Promise<never> => {
    child.kill('SIGKILL');
    await settlesWithin(exited, 2000);
    throw new Error(
      `squid "${name}" ${why}\n--- stderr tail ---\n${stderr().slice(-1500)}\n--- ${files.cacheLog} tail ---\n${await tail(files.cacheLog)}`,
    );
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (let i = 0; i < 1000 && Date.now() < deadline; i++) {
    if (exitInfo) return fail(`exited during startup (${exitInfo})`);
    // Squid logs bind failures but keeps running without the port: fail fast instead of waiting.
    if (/Cannot bind socket|FATAL:|Bungled/.test(stderr())) return fail('reported a fatal startup error');
    // Ready = squid itself announced every port (so a stranger that grabbed one cannot
    // pass for it) AND each port accepts a TCP connection.
    const log = stderr();
    if (ports.every((p) => log.includes(`local=127.0.0.1:${p} `))) {
      const up = await Promise.all(ports.map((p) => canConnect(p, 300)));
      if (up.every(Boolean)) {
        process.once('exit', killOnExit);
        return { name, child, exited, files, killOnExit };
      }
    }
    await sleep(50);
  }
  return fail(`did not accept connections on ${ports.join(', ')} within ${START_TIMEOUT_MS} ms`);
}

async function stopSquid(r: Running): Promise<void> {
  process.off('exit', r.killOnExit);
  if (r.child.exitCode !== null || r.child.signalCode !== null) return;
  r.child.kill('SIGTERM'); // shutdown_lifetime 0: exits in about a second
  await settlesWithin(r.exited, STOP_GRACE_MS);
  if (r.child.exitCode === null && r.child.signalCode === null) {
    r.child.kill('SIGKILL');
    await settlesWithin(r.exited, 2000);
  }
}

// ---- public ---------------------------------------------------------------

/** Which Squid instance serves a named port. */
export function instanceOf(port: SquidInstanceName | SquidPortName): SquidInstanceName {
  return port === 'basic' || port === 'ntlm' ? port : 'open';
}

async function makePasswd(file: string): Promise<void> {
  // apr1 (Apache MD5) is what basic_ncsa_auth verifies out of the box; checked by hand:
  // `echo 'plainuser secret' | basic_ncsa_auth passwd` -> OK.
  const lines: string[] = [];
  for (const { user, password } of BASIC_USERS) {
    const { stdout } = await execFileP('openssl', ['passwd', '-apr1', password]);
    lines.push(`${user}:${stdout.trim()}`);
  }
  await writeFile(file, lines.join('\n') + '\n', { mode: 0o644 });
}

/**
 * Start the three Squid instances in parallel. Retries (bounded) when a picked
 * port was taken between reservation and Squid's bind.
 */
export async function startSquids(opts: SquidOptions): Promise<SquidSet> {
  const root = opts.dir;
  await mkdir(root, { recursive: true });
  await chmod(root, 0o755);
  const hostsFile = path.join(root, 'hosts');
  const mapped = new Set((opts.extraHosts ?? []).flatMap((group) => group.names));
  const lines = [
    ...opts.hostNames.filter((h) => !mapped.has(h)).map((h) => `127.0.0.1 ${h}`),
    ...(opts.extraHosts ?? []).flatMap((group) => group.names.map((h) => `${group.address} ${h}`)),
  ];
  await writeFile(hostsFile, lines.join('\n') + '\n', { mode: 0o644 });
  const passwd = path.join(root, 'passwd');
  await makePasswd(passwd);

  const start = async (
    name: SquidInstanceName,
    portCount: number,
    build: (d: string, ports: number[]) => Promise<string>,
    wrap?: (argv: string[]) => string[],
  ): Promise<{ running: Running; ports: number[] }> => {
    let lastErr: unknown;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const d = path.join(root, attempt === 1 ? `squid-${name}` : `squid-${name}-${attempt}`);
      await mkdir(d, { recursive: true });
      await chmod(d, 0o755);
      const ports = await freePorts(portCount);
      try {
        return { running: await runSquid(name, d, await build(d, ports), ports, wrap), ports };
      } catch (e) {
        lastErr = e;
        if (!/Address already in use|Cannot bind/.test(String(e))) break;
      }
    }
    throw lastErr;
  };

  const settled = await Promise.allSettled([
    start('open', 4, async (d, [open = 0, deny = 0, bump = 0, rawDns = 0]) => {
      // ssl_db must exist (created by certgen -c, then owned by proxy) before squid starts its helpers.
      await execFileP(`${LIBEXEC}/security_file_certgen`, ['-c', '-s', path.join(d, 'ssl_db'), '-M', '4MB']);
      return openConf(d, hostsFile, { open, deny, bump, rawDns }, opts.pki);
    }),
    start('basic', 1, async (d, [port = 0]) => basicConf(d, hostsFile, port, passwd)),
    start('ntlm', 1, async (d, [port = 0]) => ntlmConf(d, hostsFile, port, opts.ntlmVerifier.smbConf),
      (argv) => inWinbindNamespace(opts.ntlmVerifier.winbindSocketDir, argv)),
  ]);
  const running = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value.running] : []));
  const stop = async (): Promise<void> => {
    await Promise.all(running.map(stopSquid));
  };
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const [o, b, n] = settled.map((r) => (r as PromiseFulfilledResult<{ running: Running; ports: number[] }>).value);
  if (!o || !b || !n) throw new Error('squid start: missing instance');
  const ports: Record<SquidPortName, number> = {
    open: o.ports[0] ?? 0,
    deny: o.ports[1] ?? 0,
    bump: o.ports[2] ?? 0,
    rawDns: o.ports[3] ?? 0,
    basic: b.ports[0] ?? 0,
    ntlm: n.ports[0] ?? 0,
  };
  const urls = Object.fromEntries(
    Object.entries(ports).map(([k, v]) => [k, `http://127.0.0.1:${v}`]),
  ) as Record<SquidPortName, string>;
  const files = { open: o.running.files, basic: b.running.files, ntlm: n.running.files };
  return {
    urls,
    ports,
    files,
    accessLog: (instance) => readFile(files[instanceOf(instance)].accessLog, 'utf8'),
    stop,
  };
}
