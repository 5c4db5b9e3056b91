// The NTLM verifier behind the `ntlm` Squid: a real Samba AD domain controller
// (Debian samba 4.17), provisioned fresh for every run, whose winbindd checks each
// NTLMv2 response against the account's real password. Squid's helper is the one
// enterprises run, `ntlm_auth --helper-protocol=squid-2.5-ntlmssp` (winbind package).
//
// Isolation from the machine (other engineers share it):
// - everything lives under <dir>/samba, with its own smb.conf; /etc/samba and the
//   system services are never touched;
// - the DC runs in its own network namespace, so none of its ports (53, 88, 389,
//   445...) can collide with anything or be reached: only the winbindd socket, a
//   file under <dir>, leads to it;
// - `samba -i` exits when its stdin closes, so it dies with this process even
//   after a crash; stop() ends its process group.
// ntlm_auth finds winbindd only at its compiled-in path /run/samba/winbindd, so
// the ntlm Squid runs in a mount namespace where that path is our socket directory
// (see squidInWinbindNamespace).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { settlesWithin, sleep } from './net-util.js';

const execFileP = promisify(execFile);

export const SAMBA_BIN = '/usr/sbin/samba';
export const NTLM_AUTH_BIN = '/usr/bin/ntlm_auth';
/** Where ntlm_auth (libwbclient) looks for winbindd; fixed at build time. */
const WINBINDD_DEFAULT_SOCKET_DIR = '/run/samba/winbindd';
// Provisioning is 5-10 s of CPU; on a machine shared by many test runs it has taken 50 s.
const PROVISION_TIMEOUT_MS = 180_000;
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

export const NTLM_DOMAIN = { netbios: 'CONTOSO', realm: 'CONTOSO.TEST', dnsName: 'contoso.test' } as const;
/** The proxy account in the test domain. Its password is what the DC checks. */
export const NTLM_ACCOUNT = { name: 'svc-mdi', password: 'Pr0xy;Acc0unt "ok"' } as const;
const ADMIN_PASSWORD = 'Adm1n-Pa55-not-used';

export interface NtlmVerifier {
  /** smb.conf for ntlm_auth --configfile. */
  smbConf: string;
  /** Directory holding winbindd's public socket (mounted at /run/samba/winbindd for the helper). */
  winbindSocketDir: string;
  /** Samba's version string, e.g. "4.17.12-Debian". */
  version: string;
  /** The `samba` root process (its children include winbindd). */
  pid: number;
  stop(): Promise<void>;
}

/** Argv that runs `command` in a private mount namespace where ntlm_auth finds our winbindd. */
export function inWinbindNamespace(winbindSocketDir: string, command: string[]): string[] {
  const script = [
    'mount -t tmpfs -o size=1m,mode=0755 mdi-run /run',
    `mkdir -p ${WINBINDD_DEFAULT_SOCKET_DIR}`,
    `mount --bind "$0" ${WINBINDD_DEFAULT_SOCKET_DIR}`,
    'exec "$@"',
  ].join(' && ');
  return ['unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c', script, winbindSocketDir, ...command];
}

function provisionArgs(target: string, winbindSocketDir: string): string[] {
  return [
    'domain', 'provision', '--quiet',
    `--realm=${NTLM_DOMAIN.realm}`, `--domain=${NTLM_DOMAIN.netbios}`,
    '--server-role=dc', '--dns-backend=NONE', '--host-name=dc1', '--host-ip=127.0.0.1',
    `--adminpass=${ADMIN_PASSWORD}`, `--targetdir=${target}`,
    // Only winbindd: it answers ntlm_auth; the DC's network services are not needed.
    '--option=server services = winbindd',
    '--option=interfaces = lo', '--option=bind interfaces only = yes',
    `--option=winbindd socket directory = ${winbindSocketDir}`,
    `--option=pid directory = ${target}/pid`,
    `--option=ncalrpc dir = ${target}/ncalrpc`,
    `--option=log file = ${target}/log.%m`,
  ];
}

/** Run a command in its own network and mount namespace (private /run), bounded in time. */
async function isolated(command: string[], timeoutMs: number): Promise<string> {
  const { stdout } = await execFileP('unshare', ['--net', '--mount', '--', 'sh', '-c', 'mount -t tmpfs mdi-run /run && exec "$@"', 'sh', ...command], { timeout: timeoutMs });
  return stdout;
}

async function groupId(name: string): Promise<number> {
  const { stdout } = await execFileP('id', ['-g', name]);
  return Number(stdout.trim());
}

/** True when the DC accepts the account's password through winbindd, as ntlm_auth sees it. */
async function authenticates(smbConf: string, winbindSocketDir: string): Promise<boolean> {
  const [bin, ...args] = inWinbindNamespace(winbindSocketDir, [
    NTLM_AUTH_BIN, `--configfile=${smbConf}`, `--username=${NTLM_ACCOUNT.name}`, `--domain=${NTLM_DOMAIN.netbios}`,
    `--password=${NTLM_ACCOUNT.password}`,
  ]);
  try {
    await execFileP(bin!, args, { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A provisioned domain with the account in it. Provisioning costs 5-10 s of CPU (20-50 s on a
 * loaded machine), so it is done once per Samba version and parameters into a cache directory,
 * and each run copies that template. Only smb.conf names the directory; it is rewritten.
 */
async function provisionedDomain(target: string, winbindSocketDir: string): Promise<string> {
  const { stdout } = await execFileP(SAMBA_BIN, ['--version']);
  const version = stdout.trim().replace(/^Version\s+/, '');
  const key = createHash('sha256').update(JSON.stringify([version, provisionArgs('', ''), NTLM_ACCOUNT])).digest('hex').slice(0, 16);
  const cacheRoot = path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'mdi-connectivity');
  const template = path.join(cacheRoot, `samba-dc-${key}`);
  if (!existsSync(path.join(template, 'etc', 'smb.conf'))) {
    await mkdir(cacheRoot, { recursive: true });
    // Built aside and renamed into place: a concurrent run sees a whole template or none.
    const building = await mkdtemp(path.join(cacheRoot, 'samba-dc-building-'));
    try {
      await isolated(['samba-tool', ...provisionArgs(building, winbindSocketDir)], PROVISION_TIMEOUT_MS);
      await isolated(['samba-tool', 'user', 'create', NTLM_ACCOUNT.name, NTLM_ACCOUNT.password,
        '-s', path.join(building, 'etc', 'smb.conf'), '-H', path.join(building, 'private', 'sam.ldb')], PROVISION_TIMEOUT_MS);
      await rename(building, template).catch(() => undefined); // lost a race: the other template is as good
    } finally {
      await rm(building, { recursive: true, force: true });
    }
  }
  await execFileP('cp', ['-a', template, target]);
  await chmod(target, 0o755); // the template came from mkdtemp (0700); ntlm_auth, as proxy, reads etc/smb.conf
  const smbConf = path.join(target, 'etc', 'smb.conf');
  const conf = await readFile(smbConf, 'utf8');
  const templateDir = /^\s*private dir = (.*)\/private$/m.exec(conf)?.[1];
  if (!templateDir) throw new Error(`no private dir in ${smbConf}`);
  await writeFile(smbConf, conf.split(templateDir).join(target)
    .replace(/^(\s*winbindd socket directory = ).*$/m, `$1${winbindSocketDir}`));
  return version;
}

/** Start the DC from a copy of the provisioned domain and wait until it verifies a password (bounded). */
export async function startNtlmVerifier(dir: string): Promise<NtlmVerifier> {
  if (!existsSync(SAMBA_BIN) || !existsSync(NTLM_AUTH_BIN)) {
    throw new Error(`${SAMBA_BIN} or ${NTLM_AUTH_BIN} not found: apt-get install samba winbind (scripts/setup.sh does)`);
  }
  const root = path.join(dir, 'samba');
  const target = path.join(root, 'dc');
  const winbindSocketDir = path.join(root, 'winbindd');
  await mkdir(winbindSocketDir, { recursive: true });
  await chmod(root, 0o755);
  await chmod(winbindSocketDir, 0o755);
  const version = await provisionedDomain(target, winbindSocketDir);
  const smbConf = path.join(target, 'etc', 'smb.conf');


  const logPath = path.join(root, 'samba.log');
  const logFd = openSync(logPath, 'w', 0o644);
  let child: ChildProcess;
  try {
    // detached: its own process group, which stop() signals as a whole.
    child = spawn('unshare', ['--net', '--mount', '--', 'sh', '-c', 'mount -t tmpfs mdi-run /run && exec "$@"', 'sh',
      SAMBA_BIN, '-i', '-s', smbConf, '--debug-stdout', '-d', '1'], { stdio: ['pipe', logFd, logFd], detached: true });
  } finally {
    closeSync(logFd);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, 'SIGTERM');
    if (!(await settlesWithin(exited, STOP_GRACE_MS))) {
      killGroup(child, 'SIGKILL');
      await settlesWithin(exited, 2_000);
    }
    child.stdin?.destroy();
  };

  try {
    // winbindd's privileged pipe is root-only; ntlm_auth runs as Squid's user (proxy), so
    // that group is let in, as Debian's docs do with winbindd_priv.
    const deadline = Date.now() + READY_TIMEOUT_MS;
    const privileged = path.join(target, 'state', 'winbindd_privileged');
    for (let i = 0; i < 600 && Date.now() < deadline; i++) {
      if (child.exitCode !== null) throw new Error(`samba exited during startup (code ${child.exitCode})`);
      if (existsSync(path.join(winbindSocketDir, 'pipe')) && existsSync(privileged) && (await authenticates(smbConf, winbindSocketDir))) {
        await execFileP('chgrp', [String(await groupId('proxy')), privileged]);
        return { smbConf, winbindSocketDir, version, pid: child.pid!, stop };
      }
      await sleep(200);
    }
    throw new Error(`the Samba DC did not verify a password within ${READY_TIMEOUT_MS} ms`);
  } catch (error) {
    await stop();
    let log = '';
    try {
      log = readFileSync(logPath, 'utf8').slice(-2000);
    } catch {
      // no log yet
    }
    throw new Error(`${(error as Error).message}\n--- ${logPath} tail ---\n${log}`);
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
