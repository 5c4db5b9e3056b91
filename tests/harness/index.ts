// Entry point of the real-peer harness: PKI, origin servers, three real Squid
// instances (NTLM checked by a real Samba domain controller), misbehaving proxies
// and an NXDOMAIN DNS server, all on loopback.
// vitest's globalSetup calls startHarness() once; bench and other non-vitest
// users can call it directly or read <tmpDir>/harness.json.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hostFor, PING_PATH, SCENARIOS, startTargets, type Endpoint, type Scenario, type Targets } from './https-targets.js';
import { startMisbehavingProxies, type MisbehavingEndpoint, type MisbehavingMode, type MisbehavingProxies } from './misbehaving-proxy.js';
import { startNxDomainDns, type NxDomainDns } from './nxdomain-dns.js';
import { startEndpointServices, type EndpointServices } from './endpoint-services.js';
import { createTestPki, type CertFiles, type ChainFiles, type TestPki } from './pki.js';
import { BASIC_USERS, PROXY_REALM, SQUID_BIN, startSquids, type SquidInstanceName, type SquidPortName, type SquidSet } from './squid.js';
import { NTLM_ACCOUNT, NTLM_DOMAIN, startNtlmVerifier, type NtlmVerifier } from './samba.js';

export { PING_PATH, SCENARIOS, hostFor } from './https-targets.js';
export type { Scenario, Endpoint, TargetEvent } from './https-targets.js';
export { MISBEHAVING_MODES } from './misbehaving-proxy.js';
export type { MisbehavingMode, MisbehavingEndpoint, ProxyHead } from './misbehaving-proxy.js';
export type { SquidInstanceName, SquidPortName } from './squid.js';
export type { CertFiles, ChainFiles } from './pki.js';
export { readTargetEvents, readProxyHeads, readJsonLines, waitFor } from './logs.js';
export { startNtlmVerifier } from './samba.js';

/** A name no hosts_file knows: Squid asks our NXDOMAIN server and fails fast. */
export const UNKNOWN_HOST = 'nonexistent-workspacesensorapi.atp.azure.com';

/** Extra names Squid maps to 127.0.0.1 so nothing (e.g. CRL/OCSP fetches) ever leaves the machine. */
export const EXTRA_LOCAL_NAMES = [
  'localhost',
  'sensorapi.atp.azure.com',
  'sensorapi.atp.azure.us',
  'crl.microsoft.com',
  'www.microsoft.com',
  'ocsp.msocsp.com',
  'oneocsp.microsoft.com',
  'ocsp.digicert.com',
  'crl3.digicert.com',
  'crl4.digicert.com',
  'cacerts.digicert.com',
] as const;

/** Everything a test needs, JSON-serializable (vitest provide/inject, harness.json). */
export interface HarnessState {
  tmpDir: string;
  /** <tmpDir>/harness.json: this object, for non-vitest users. */
  stateFile: string;
  pingPath: string;
  unknownHost: string;
  pki: {
    dir: string;
    root: CertFiles;
    leaf: CertFiles;
    expiredLeaf: CertFiles;
    wrongNameLeaf: CertFiles;
    lookalikeRoot: CertFiles;
    lookalikeIntermediate: CertFiles;
    lookalikeLeaf: ChainFiles;
    bumpCa: CertFiles & { combinedPath: string };
  };
  /** Origin servers; host names resolve to 127.0.0.1 only through Squid's hosts_file or --resolve. */
  targets: Record<Scenario, Endpoint>;
  squid: {
    urls: Record<SquidPortName, string>;
    ports: Record<SquidPortName, number>;
    files: Record<SquidInstanceName, { dir: string; conf: string; accessLog: string; cacheLog: string }>;
    hostsFile: string;
  };
  credentials: {
    realm: string;
    /** Valid users of squid.urls.basic (password exactly as typed). */
    basic: { user: string; password: string }[];
    /**
     * The account squid.urls.ntlm's domain controller knows: `user` in DOMAIN\\user form,
     * `upn` the same account as user@domain; any other password is refused.
     */
    ntlm: { user: string; upn: string; password: string };
  };
  misbehaving: Record<MisbehavingMode, MisbehavingEndpoint>;
  /**
   * Stand-ins for every catalog host on <address>:80 and :443 (endpoint-services.ts), or null
   * with the reason when those ports could not be bound (tests that need them then say why).
   */
  endpoints: { address: string; hosts: string[] } | { address: null; reason: string };
  /** The verifier behind squid.urls.ntlm (samba.ts). */
  ntlmVerifier: { kind: string; version: string; startMs: number };
  /** The NXDOMAIN server Squid uses, or null when 127.0.0.1:53 was unavailable (DNS failures then take ~6 s). */
  dns: { address: string; port: number } | null;
}

export interface Harness {
  state: HarnessState;
  pki: TestPki;
  targets: Targets;
  squid: SquidSet;
  misbehaving: MisbehavingProxies;
  dns: NxDomainDns | null;
  endpoints: EndpointServices | null;
  ntlmVerifier: NtlmVerifier;
  /** True when startHarness created tmpDir (then stopHarness removes it). */
  ownsDir: boolean;
}

export interface StartOptions {
  /** Use this directory instead of a fresh mkdtemp one (it is created if missing). */
  dir?: string;
  /** Delay the catalog stand-ins' answers per host (the bench's stand-in for WAN latency). */
  endpointDelayMs?: (host: string) => number;
}

export async function startHarness(opts: StartOptions = {}): Promise<Harness> {
  if (!existsSync(SQUID_BIN)) throw new Error(`${SQUID_BIN} not found: apt-get install squid-openssl`);
  const tmpDir = opts.dir ?? (await mkdtemp(path.join(tmpdir(), 'mdi-harness-')));
  await mkdir(tmpDir, { recursive: true });
  // mkdtemp makes 0700; Squid (user proxy) must traverse it to reach certs, hosts and its own dirs.
  await chmod(tmpDir, 0o755);
  const sub = async (name: string): Promise<string> => {
    const d = path.join(tmpDir, name);
    await mkdir(d, { recursive: true });
    await chmod(d, 0o755);
    return d;
  };
  const [pkiDir, targetDir, proxyDir] = await Promise.all([sub('pki'), sub('targets'), sub('proxies')]);

  const started: { stop: () => Promise<void> }[] = [];
  let verifierStarting: Promise<{ verifier: NtlmVerifier; startMs: number }> | undefined;
  try {
    let dns: NxDomainDns | null = null;
    try {
      dns = await startNxDomainDns();
      started.push({ stop: () => dns?.close() ?? Promise.resolve() });
    } catch (e) {
      console.warn(`[harness] cannot bind 127.0.0.1:53 (${(e as Error).message}); unknown names will fail slowly in Squid`);
    }
    // The domain controller starts alongside the rest (it is the slowest piece).
    const verifierStart = Date.now();
    verifierStarting = startNtlmVerifier(tmpDir).then((verifier) => ({ verifier, startMs: Date.now() - verifierStart }));
    verifierStarting.catch(() => undefined); // awaited below; an early failure must not go unhandled
    const pki = await createTestPki(pkiDir);
    const [targets, misbehaving] = await Promise.all([startTargets(pki, targetDir), startMisbehavingProxies(proxyDir)]);
    started.push({ stop: () => targets.close() }, { stop: () => misbehaving.close() });
    let endpoints: EndpointServices | null = null;
    let endpointsWhy = '';
    try {
      endpoints = await startEndpointServices(pki, { delayMs: opts.endpointDelayMs });
      started.push({ stop: () => endpoints?.close() ?? Promise.resolve() });
    } catch (e) {
      endpointsWhy = `cannot listen on the catalog stand-ins' ports 80/443 (${(e as Error).message})`;
      console.warn(`[harness] ${endpointsWhy}; allowlist and MDE tests will say so`);
    }
    const hostNames = [...SCENARIOS.map((s) => hostFor(s).host), ...EXTRA_LOCAL_NAMES];
    const extraHosts = endpoints ? [{ address: endpoints.address, names: endpoints.hosts }] : [];
    const { verifier: ntlmVerifier, startMs: verifierMs } = await verifierStarting;
    const squid = await startSquids({ dir: tmpDir, pki, hostNames, extraHosts, ntlmVerifier });
    started.push({ stop: () => squid.stop() });

    const { issueLeaf: _issueLeaf, ...pkiData } = pki;
    const state: HarnessState = {
      tmpDir,
      stateFile: path.join(tmpDir, 'harness.json'),
      pingPath: PING_PATH,
      unknownHost: UNKNOWN_HOST,
      pki: pkiData,
      targets: targets.endpoints,
      squid: { urls: squid.urls, ports: squid.ports, files: squid.files, hostsFile: path.join(tmpDir, 'hosts') },
      credentials: {
        realm: PROXY_REALM,
        basic: BASIC_USERS.map((u) => ({ ...u })),
        ntlm: {
          user: `${NTLM_DOMAIN.netbios}\\${NTLM_ACCOUNT.name}`,
          upn: `${NTLM_ACCOUNT.name}@${NTLM_DOMAIN.dnsName}`,
          password: NTLM_ACCOUNT.password,
        },
      },
      misbehaving: misbehaving.endpoints,
      ntlmVerifier: { kind: 'Samba AD DC + winbind ntlm_auth (squid-2.5-ntlmssp)', version: ntlmVerifier.version, startMs: verifierMs },
      dns: dns ? { address: dns.address, port: dns.port } : null,
      endpoints: endpoints ? { address: endpoints.address, hosts: endpoints.hosts } : { address: null, reason: endpointsWhy },
    };
    await writeFile(state.stateFile, JSON.stringify(state, null, 2) + '\n', { mode: 0o644 });
    return { state, pki, targets, squid, misbehaving, dns, endpoints, ntlmVerifier, ownsDir: opts.dir === undefined };
  } catch (e) {
    await Promise.allSettled([...started.reverse().map((s) => s.stop()), verifierStarting?.then(({ verifier }) => verifier.stop())]);
    throw e;
  }
}

/** Stop every peer; remove a temp dir we created unless MDI_HARNESS_KEEP=1 (to read logs after a failure). */
export async function stopHarness(h: Harness): Promise<void> {
  await Promise.allSettled([h.squid.stop().finally(() => h.ntlmVerifier.stop()), h.targets.close(), h.misbehaving.close(), h.dns?.close(), h.endpoints?.close()]);
  if (h.ownsDir && process.env.MDI_HARNESS_KEEP !== '1') await rm(h.state.tmpDir, { recursive: true, force: true });
}
