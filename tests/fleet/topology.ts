// A real fleet in network namespaces, made by the test and torn down after it (even on failure):
//
//   admin ──┐                        proxy ── br-dmz ── cloud (sensor API look-alike, 10.77.2.3:443)
//   dc1..N ─┴─ br-lan (10.77.1.0/24) ─┘  Squid: open 10.77.1.2, Basic 10.77.1.3, ssl-bump 10.77.1.4 (:3128)
//
// The bridges live in their own `sw` namespace, so nothing is added to the host's network. The DCs have
// no route to 10.77.2.0/24 and the proxy does not forward: the cloud is reachable only through Squid.
// Each DC runs its own sshd (test-owned config, host key and authorized_keys) with the PowerShell
// subsystem. `ip netns exec` bind-mounts /etc/netns/<ns>/* over /etc, which gives every namespace its own
// /etc/hosts (proxy.contoso.test is a different Squid port per DC: its situation), resolv.conf (nothing
// answers, so no lookup leaves) and, for the admin, ssh_config (known_hosts of the generated host keys).
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestPki } from '../harness/pki.js';
import { LIBEXEC, PROXY_REALM } from '../harness/squid-config.js';
import { nodeForModule, pwsh, repo } from '../support/pwsh.js';

const execFileP = promisify(execFile);

/** What a DC's situation is: its proxy (open, Basic, ssl-bump) and whether the module is installed. */
export type DcSituation = 'passes' | 'proxyNeedsCredentials' | 'tlsInspection' | 'moduleNotInstalled';

export interface FleetDc {
  host: string;
  address: string;
  namespace: string;
  situation: DcSituation;
}

export interface Fleet {
  prefix: string;
  dir: string;
  dcs: FleetDc[];
  /** A name the admin resolves to an address nobody has. */
  unreachableHost: string;
  workspace: string;
  sensorApiHost: string;
  /** The same URL on every DC; each DC's /etc/hosts decides which Squid port it reaches. */
  proxyUrl: string;
  proxyUser: string;
  proxyPassword: string;
  /** The cloud's root, the DCs' trusted root (the ssl-bump CA is trusted by nobody). */
  trustedRoot: string;
  /** The admin's key (authorized on every DC); not in ssh_config, so a test can log on with another. */
  keyFile: string;
  user: string;
  /** An executable that runs pwsh inside the admin namespace (for node-powershell). */
  adminPwsh: string;
  /** Where the DCs without the situation moduleNotInstalled have the module (PSModulePath). */
  stagedModule: string;
  cloudLog: string;
  squidAccessLog: string;
  stop(): Promise<void>;
}

const LAN = '10.77.1';
const DMZ = '10.77.2';
const PROXY_ADDRESS: Record<Exclude<DcSituation, 'moduleNotInstalled'>, string> = {
  passes: `${LAN}.2`,
  proxyNeedsCredentials: `${LAN}.3`,
  tlsInspection: `${LAN}.4`,
};
const NAMESPACE_PATTERN = /^mdi(\d+)-/;
const START_TIMEOUT_MS = 20_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const ip = (...args: string[]): Promise<unknown> => execFileP('ip', args);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Namespaces (and /etc/netns folders) left by crashed runs: only those whose owner PID is dead. */
export function removeStaleNamespaces(): void {
  const listed = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  for (const line of listed.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const owner = NAMESPACE_PATTERN.exec(name);
    if (!owner || alive(Number(owner[1]))) continue;
    removeNamespace(name);
  }
}

function removeNamespace(name: string): void {
  // Processes still inside would keep the network alive: kill them by the PIDs the kernel lists for it.
  try {
    const pids = execFileSync('ip', ['netns', 'pids', name], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
  } catch {
    // already gone
  }
  try {
    execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
  } catch {
    // already gone
  }
  rmSync(`/etc/netns/${name}`, { recursive: true, force: true });
}

interface Started {
  child: ChildProcess;
  log: string;
}

/** Starts `cmd` inside a namespace, logs to a file (a pipe would outlive it in helpers), waits for `ready`. */
async function startIn(namespace: string, cmd: string[], log: string, ready: RegExp, keepStdin = false): Promise<Started> {
  const fd = openSync(log, 'w', 0o644);
  let child: ChildProcess;
  try {
    child = spawn('ip', ['netns', 'exec', namespace, ...cmd], { stdio: [keepStdin ? 'pipe' : 'ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (let i = 0; i < 2000 && Date.now() < deadline; i++) {
    const text = readFileSync(log, 'utf8');
    if (ready.test(text)) return { child, log };
    if (child.exitCode !== null) break;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`${cmd[0]} in ${namespace} did not start:\n${readFileSync(log, 'utf8').slice(-2000)}`);
}

async function addNode(sw: string, namespace: string, port: string, address: string, iface = 'eth0'): Promise<void> {
  // Created inside the namespaces directly: no interface ever appears on the host.
  await ip('-n', sw, 'link', 'add', port, 'type', 'veth', 'peer', 'name', iface, 'netns', namespace);
  await ip('-n', sw, 'link', 'set', port, 'master', address.startsWith(DMZ) ? 'br-dmz' : 'br-lan', 'up');
  await ip('-n', namespace, 'addr', 'add', `${address}/24`, 'dev', iface);
  await ip('-n', namespace, 'link', 'set', iface, 'up');
}

async function etcFor(namespace: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join('/etc/netns', namespace, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, { mode: 0o644 });
  }
}

function squidConf(d: string, bumpCert: string, bumpKey: string): string {
  return `cache_effective_user proxy
pid_filename ${d}/squid.pid
cache_log ${d}/cache.log
access_log stdio:${d}/access.log squid
cache_store_log none
coredump_dir ${d}
logfile_rotate 0
cache deny all
cache_mem 8 MB
memory_pools off
shutdown_lifetime 0 seconds
visible_hostname proxy.contoso.test
forwarded_for delete
via off
pinger_enable off
hosts_file ${d}/hosts
dns_nameservers 127.0.0.1
dns_timeout 3 seconds
connect_timeout 5 seconds
http_port ${PROXY_ADDRESS.passes}:3128 name=open
http_port ${PROXY_ADDRESS.proxyNeedsCredentials}:3128 name=basic
http_port ${PROXY_ADDRESS.tlsInspection}:3128 name=bump ssl-bump generate-host-certificates=on dynamic_cert_mem_cache_size=4MB tls-cert=${bumpCert} tls-key=${bumpKey}
sslcrtd_program ${LIBEXEC}/security_file_certgen -s ${d}/ssl_db -M 4MB
sslcrtd_children 2 startup=1 idle=1
acl step1 at_step SslBump1
ssl_bump peek step1
ssl_bump bump all
tls_outgoing_options flags=DONT_VERIFY_PEER
sslproxy_cert_error allow all
auth_param basic program ${LIBEXEC}/basic_ncsa_auth ${d}/passwd
auth_param basic children 2 startup=1 idle=1
auth_param basic realm ${PROXY_REALM}
auth_param basic casesensitive on
acl p_basic myportname basic
acl authed proxy_auth REQUIRED
http_access deny p_basic !authed
http_access allow all
`;
}

function sshdConf(dir: string, dc: FleetDc, modules: string, trustedRoot: string): string {
  // Installed = the module on PSModulePath and a Node 22.15+ named by MDI_NODE. Not installed: neither, and
  // the host's own node (Debian's is older than 22.15) is too old, so the module must bring its runtime.
  // Every DC trusts the cloud's root the way a Linux admin adds one for Node (NODE_EXTRA_CA_CERTS, which the
  // engine counts as the machine's store); none trusts the ssl-bump CA.
  const installed = dc.situation === 'moduleNotInstalled' ? '' : ` MDI_NODE=${nodeForModule}`;
  const env = `PSModulePath=${modules} NODE_EXTRA_CA_CERTS=${trustedRoot}${installed}`;
  return `ListenAddress ${dc.address}:22
HostKey ${dir}/host_ed25519_key
PidFile ${dir}/sshd.pid
AuthorizedKeysFile ${path.dirname(dir)}/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxStartups 64
LogLevel VERBOSE
SetEnv ${env}
Subsystem powershell ${pwsh} -sshs -NoLogo
`;
}

/** The module as an admin stages it: the manifest and module/ (engine included), in a folder named after it. */
async function stageModule(dir: string, repo: string): Promise<string> {
  const staged = path.join(dir, 'stage', 'MDIConnectivity');
  await mkdir(staged, { recursive: true });
  await cp(path.join(repo, 'MDIConnectivity.psd1'), path.join(staged, 'MDIConnectivity.psd1'));
  await cp(path.join(repo, 'module'), path.join(staged, 'module'), { recursive: true });
  return staged;
}

/** `repoRoot`: the checkout to stage the module from (a bundled copy of this file cannot find it itself). */
export async function startFleet(situations: readonly DcSituation[], { repoRoot = repo }: { repoRoot?: string } = {}): Promise<Fleet> {
  if (!pwsh) throw new Error('pwsh is required for the fleet');
  removeStaleNamespaces();
  const prefix = `mdi${process.pid}-`;
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  const ns = (name: string): string => `${prefix}${name}`;
  const names = ['sw', 'admin', 'proxy', 'cloud', ...situations.map((_, i) => `dc${i + 1}`)].map(ns);
  const processes: ChildProcess[] = [];
  let stopped = false;
  const stopNow = (): void => {
    if (stopped) return;
    stopped = true;
    for (const child of processes) child.kill('SIGKILL');
    for (const name of names) removeNamespace(name);
    rmSync(dir, { recursive: true, force: true });
  };
  // Signals too: a test run stopped with Ctrl+C or a timeout's SIGTERM must not leave namespaces behind.
  const onSignal = (signal: NodeJS.Signals): void => {
    stopNow();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', stopNow);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stop = async (): Promise<void> => {
    process.off('exit', stopNow);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    for (const child of processes) child.kill('SIGTERM');
    await sleep(200);
    stopNow();
  };

  try {
    for (const name of names) {
      await ip('netns', 'add', name);
      await ip('-n', name, 'link', 'set', 'lo', 'up');
    }
    const sw = ns('sw');
    for (const bridge of ['br-lan', 'br-dmz']) {
      await ip('-n', sw, 'link', 'add', bridge, 'type', 'bridge');
      await ip('-n', sw, 'link', 'set', bridge, 'up');
    }
    await addNode(sw, ns('admin'), 'l-admin', `${LAN}.10`);
    await addNode(sw, ns('proxy'), 'l-proxy', PROXY_ADDRESS.passes);
    await ip('-n', ns('proxy'), 'addr', 'add', `${PROXY_ADDRESS.proxyNeedsCredentials}/24`, 'dev', 'eth0');
    await ip('-n', ns('proxy'), 'addr', 'add', `${PROXY_ADDRESS.tlsInspection}/24`, 'dev', 'eth0');
    await addNode(sw, ns('proxy'), 'd-proxy', `${DMZ}.2`, 'eth1');
    await addNode(sw, ns('cloud'), 'd-cloud', `${DMZ}.3`);

    await mkdir(path.join(dir, 'pki'));
    const pki = await createTestPki(path.join(dir, 'pki'));
    const workspace = 'contoso-corp';
    const sensorApiHost = `${workspace}sensorapi.atp.azure.com`;
    const noResolver = 'nameserver 127.0.0.1\n';
    for (const name of names) await etcFor(name, { 'resolv.conf': noResolver });

    // cloud
    const cloudLog = path.join(dir, 'cloud.jsonl');
    await writeFile(cloudLog, '');
    const cloud = await startIn(ns('cloud'), [nodeForModule, path.join(repoRoot, 'tests/fleet/cloud-peer.mjs'), pki.leaf.certPath, pki.leaf.keyPath, '443', cloudLog], path.join(dir, 'cloud.log'), /ready/, true);
    processes.push(cloud.child);

    // proxy
    const squidDir = path.join(dir, 'squid');
    await mkdir(squidDir, { recursive: true });
    await writeFile(path.join(squidDir, 'hosts'), `${DMZ}.3 ${sensorApiHost}\n`);
    const proxyUser = 'CONTOSO\\svc-mdi';
    const proxyPassword = 'fleet p@ss;word';
    const { stdout: hash } = await execFileP('openssl', ['passwd', '-apr1', proxyPassword]);
    await writeFile(path.join(squidDir, 'passwd'), `${proxyUser}:${hash.trim()}\n`);
    await writeFile(path.join(squidDir, 'squid.conf'), squidConf(squidDir, pki.bumpCa.certPath, pki.bumpCa.keyPath));
    await execFileP(`${LIBEXEC}/security_file_certgen`, ['-c', '-s', path.join(squidDir, 'ssl_db'), '-M', '4MB']);
    await execFileP('chown', ['-R', 'proxy:proxy', squidDir]);
    await chmod(path.join(dir, 'pki'), 0o755);
    const squid = await startIn(ns('proxy'), ['/usr/sbin/squid', '-N', '-d', '1', '-f', path.join(squidDir, 'squid.conf')], path.join(squidDir, 'squid.stderr'),
      new RegExp(Object.values(PROXY_ADDRESS).map((a) => `(?=[\\s\\S]*local=${a.replace(/\./g, '\\.')}:3128 )`).join('')));
    processes.push(squid.child);

    // DCs
    const stagedModule = await stageModule(dir, repoRoot);
    const keyFile = path.join(dir, 'admin_ed25519');
    await execFileP('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'mdi-fleet-admin', '-f', keyFile]);
    const dcRoot = path.join(dir, 'dcs');
    await mkdir(dcRoot, { recursive: true });
    await cp(`${keyFile}.pub`, path.join(dcRoot, 'authorized_keys'));
    await mkdir('/run/sshd', { recursive: true }); // sshd's privilege-separation directory
    const dcs: FleetDc[] = situations.map((situation, i) => ({ host: `dc${i + 1}.contoso.test`, address: `${LAN}.${21 + i}`, namespace: ns(`dc${i + 1}`), situation }));
    const knownHosts: string[] = [];
    await Promise.all(
      dcs.map(async (dc, i) => {
        await addNode(sw, dc.namespace, `l-dc${i + 1}`, dc.address);
        const own = path.join(dcRoot, `dc${i + 1}`);
        const modules = path.join(own, 'modules');
        await mkdir(modules, { recursive: true });
        if (dc.situation !== 'moduleNotInstalled') await symlink(stagedModule, path.join(modules, 'MDIConnectivity'));
        await execFileP('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(own, 'host_ed25519_key')]);
        knownHosts.push(`${dc.host},${dc.address} ${(await readFile(path.join(own, 'host_ed25519_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ')}`);
        await writeFile(path.join(own, 'sshd_config'), sshdConf(own, dc, modules, pki.root.certPath));
        const proxy = PROXY_ADDRESS[dc.situation === 'moduleNotInstalled' ? 'passes' : dc.situation];
        await etcFor(dc.namespace, { hosts: `127.0.0.1 localhost\n${dc.address} ${dc.host}\n${proxy} proxy.contoso.test\n` });
        const sshd = await startIn(dc.namespace, ['/usr/sbin/sshd', '-D', '-e', '-f', path.join(own, 'sshd_config')], path.join(own, 'sshd.log'), /Server listening/);
        processes.push(sshd.child);
      }),
    );

    // admin
    const unreachableHost = 'dc-gone.contoso.test';
    await writeFile(path.join(dir, 'known_hosts'), `${knownHosts.join('\n')}\n`);
    await etcFor(ns('admin'), {
      hosts: `127.0.0.1 localhost\n${dcs.map((dc) => `${dc.address} ${dc.host}`).join('\n')}\n${LAN}.99 ${unreachableHost}\n`,
      'ssh/ssh_config': `Host *\n  User root\n  UserKnownHostsFile ${dir}/known_hosts\n  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n  BatchMode yes\n  ConnectTimeout 5\n`,
    });
    const adminPwsh = path.join(dir, 'admin-pwsh');
    await writeFile(adminPwsh, `#!/bin/sh\nexec ip netns exec ${ns('admin')} ${pwsh} "$@"\n`, { mode: 0o755 });

    return {
      prefix,
      dir,
      dcs,
      unreachableHost,
      workspace,
      sensorApiHost,
      proxyUrl: 'http://proxy.contoso.test:3128',
      proxyUser,
      proxyPassword,
      trustedRoot: pki.root.certPath,
      keyFile,
      user: 'root',
      adminPwsh,
      stagedModule,
      cloudLog,
      squidAccessLog: path.join(squidDir, 'access.log'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Names of the namespaces that exist now with this prefix (teardown checks). */
export async function namespacesWith(prefix: string): Promise<string[]> {
  const { stdout } = await execFileP('ip', ['netns', 'list']);
  return stdout.split('\n').map((l) => l.split(' ')[0] ?? '').filter((n) => n.startsWith(prefix));
}

/** Files under a directory, recursively (what a remote copy left behind). */
export async function filesUnder(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  return (await readdir(root, { recursive: true })).map(String);
}
