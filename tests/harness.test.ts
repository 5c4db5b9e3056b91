// Self-test of the real-peer harness using only curl and node:net/node:tls
// (never the engine), so a red engine test can be told apart from a broken peer.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import tls from 'node:tls';
import { describe, expect, inject, it } from 'vitest';
import { readProxyHeads, readTargetEvents, waitFor, type Scenario } from './harness/index.js';

const h = inject('harness');
const PING = h.pingPath;
const ca = h.pki.root.certPath;

interface CurlResult { exit: number; out: string; err: string; ms: number }
function curl(args: string[], timeoutSec = 10): Promise<CurlResult> {
  const t0 = performance.now();
  return new Promise((resolve) =>
    execFile('curl', ['-q', '-sS', '--max-time', String(timeoutSec), ...args], { timeout: (timeoutSec + 5) * 1000 }, (e, out, err) =>
      resolve({ exit: e ? (typeof e.code === 'number' ? e.code : -1) : 0, out, err, ms: performance.now() - t0 }),
    ),
  );
}
/** curl through a proxy; -D - prints the proxy's CONNECT answer (headers) first. */
const viaProxy = (proxy: string, s: Scenario, extra: string[] = []) =>
  curl(['-D', '-', '--proxy', proxy, '--cacert', ca, ...extra, `${h.targets[s].url}${PING}`]);

/** Raw CONNECT with node:net; resolves with the proxy's answer head and the open socket. */
function connect(proxyUrl: string, authority: string, headers: string[] = [], timeoutMs = 5000): Promise<{ head: string; socket: net.Socket }> {
  const u = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port) });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('timeout')));
    let buf = '';
    const onData = (d: Buffer): void => {
      buf += d.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      if (end >= 0 || buf.length > 65536) {
        socket.off('data', onData);
        socket.setTimeout(0);
        resolve({ head: buf.slice(0, end >= 0 ? end : buf.length), socket });
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('close', () => resolve({ head: buf, socket }));
    socket.write([`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`, ...headers, '', ''].join('\r\n'));
  });
}

describe('origin servers through the open Squid', () => {
  it.each([
    ['ok', 0, 'HTTP/1.1 200', 'Ok'],
    ['version', 0, 'HTTP/1.1 200', '2.255.19267.9636'],
    ['unavailable', 0, 'HTTP/1.1 503', 'The service is unavailable'],
    ['notFound', 0, 'HTTP/1.1 404', ''],
    ['expired', 60, '', 'certificate has expired'],
    ['wrongName', 60, '', 'no alternative certificate subject name'],
    ['lookalike', 60, '', 'unable to get local issuer certificate'],
    ['reset', 35, '', ''],
    ['refused', 56, '', 'response 503'],
  ] as const)('%s -> curl exit %i', async (s, exit, status, text) => {
    const r = await viaProxy(h.squid.urls.open, s);
    expect(r.exit, r.err).toBe(exit);
    if (status) expect(r.out).toContain(status);
    expect(r.out + r.err).toContain(text);
  });

  it('ok logged the ping request with SNI and Host', async () => {
    const events = await readTargetEvents(h.targets.ok.logPath);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'request', method: 'GET', path: PING, host: `${h.targets.ok.host}:${h.targets.ok.port}` }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'tls', servername: h.targets.ok.host }));
  });

  it('silent accepts the tunnel and never answers', async () => {
    expect((await curl(['--proxy', h.squid.urls.open, `${h.targets.silent.url}${PING}`], 2)).exit).toBe(28);
  });

  it('lookalike sends leaf + intermediate, never the root', async () => {
    const t = h.targets.lookalike;
    const s = tls.connect({ host: '127.0.0.1', port: t.port, servername: t.host, rejectUnauthorized: false });
    await new Promise((r, j) => s.once('secureConnect', r).once('error', j));
    const leaf = s.getPeerCertificate(true);
    s.destroy();
    expect(leaf.issuer.CN).toBe('Microsoft Azure RSA TLS Issuing CA 03');
    expect(leaf.issuerCertificate?.issuer.CN).toBe('DigiCert Global Root G2');
    expect(leaf.issuerCertificate?.issuerCertificate).toBeUndefined();
  });
});

describe('squid ports', () => {
  it('deny answers 403 ERR_ACCESS_DENIED', async () => {
    const r = await viaProxy(h.squid.urls.deny, 'ok');
    expect(r.out).toMatch(/^HTTP\/1\.1 403 Forbidden/);
    expect(r.out).toMatch(/X-Squid-Error: ERR_ACCESS_DENIED/);
  });

  it('bump presents a chain issued by the Contoso TLS Inspection CA', async () => {
    const { head, socket } = await connect(h.squid.urls.bump, `${h.targets.ok.host}:${h.targets.ok.port}`);
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    const s = tls.connect({ socket, servername: h.targets.ok.host, ca: h.pki.bumpCa.certPem });
    await new Promise((r, j) => s.once('secureConnect', r).once('error', j));
    expect(s.authorized).toBe(true);
    expect(s.getPeerCertificate().issuer.CN).toBe('Contoso TLS Inspection CA');
    s.destroy();
  });

  it.each(h.credentials.basic.map((c) => [c.user, c.password]))('basic accepts %s', async (user, password) => {
    const r = await viaProxy(h.squid.urls.basic, 'ok', ['--proxy-user', `${user}:${password}`]);
    expect(r.exit, r.err).toBe(0);
    expect(r.out).toMatch(/Ok$/);
  });

  it.each([['plainuser:wrong'], ['PLAINUSER:secret'], ['']])('basic answers 407 to "%s"', async (cred) => {
    const r = await viaProxy(h.squid.urls.basic, 'ok', cred ? ['--proxy-user', cred] : []);
    expect(r.out).toMatch(/^HTTP\/1\.1 407/);
    expect(r.out).toContain(`Proxy-Authenticate: Basic realm="${h.credentials.realm}"`);
  });

  // curl is an NTLM client independent of ours: this shows the domain controller itself decides.
  it('ntlm offers NTLM and lets curl through with the account\'s password', async () => {
    const bare = await viaProxy(h.squid.urls.ntlm, 'ok');
    expect(bare.out).toMatch(/^HTTP\/1\.1 407[^]*Proxy-Authenticate: NTLM/);
    const r = await viaProxy(h.squid.urls.ntlm, 'ok', ['--proxy-ntlm', '-U', `${h.credentials.ntlm.user}:${h.credentials.ntlm.password}`]);
    expect(r.exit, r.err).toBe(0);
    expect(r.out).toMatch(/Ok$/);
  });

  it('ntlm refuses curl with a wrong password (407 after the handshake)', async () => {
    const r = await viaProxy(h.squid.urls.ntlm, 'ok', ['--proxy-ntlm', '-U', `${h.credentials.ntlm.user}:${h.credentials.ntlm.password}x`]);
    expect(r.out).toMatch(/^HTTP\/1\.1 407/);
    expect(r.out).not.toMatch(/Ok$/);
  });

  it.each(['open', 'basic'] as const)('%s: unknown name fails fast with 503 ERR_DNS_FAIL', async (port) => {
    const auth = port === 'basic' ? ['--proxy-user', 'plainuser:secret'] : [];
    const r = await curl(['-D', '-', '--proxy', h.squid.urls[port], ...auth, `https://${h.unknownHost}${PING}`]);
    expect(r.out).toMatch(/^HTTP\/1\.1 503[^]*X-Squid-Error: ERR_DNS_FAIL 0/);
    expect(r.ms).toBeLessThan(5000);
  });

  it('rawDns shows Squid 5.7 behaviour: 500 ERR_CANNOT_FORWARD', async () => {
    const r = await curl(['-D', '-', '--proxy', h.squid.urls.rawDns, `https://${h.unknownHost}${PING}`]);
    expect(r.out).toMatch(/^HTTP\/1\.1 500[^]*X-Squid-Error: ERR_CANNOT_FORWARD/);
  });

  it('access.log records the tunnel', async () => {
    const log = await waitFor(() => readFile(h.squid.files.open.accessLog, 'utf8'), (t) => t.includes('TCP_TUNNEL/200'));
    expect(log).toMatch(/TCP_TUNNEL\/200 \d+ CONNECT contoso-oksensorapi\.atp\.azure\.com:/);
  });
});

describe('misbehaving proxies', () => {
  it.each([
    ['unauthorized', /^HTTP\/1\.1 401[^]*WWW-Authenticate: Basic/],
    ['forbidden', /^HTTP\/1\.1 403 Forbidden/],
    ['status502', /^HTTP\/1\.1 502 Bad Gateway/],
    ['garbage', /^\x16\x03\x01 garbage not http/],
    ['close', /^$/],
  ] as const)('%s', async (mode, answer) => {
    const { head, socket } = await connect(h.misbehaving[mode].url, 'x.atp.azure.com:443', ['Proxy-Authorization: Basic eDp5']);
    socket.destroy();
    expect(head).toMatch(answer);
    const heads = await readProxyHeads(h.misbehaving[mode].logPath);
    expect(heads.at(-1)?.headers['proxy-authorization']).toBe('Basic eDp5');
  });

  it('silent never answers', async () => {
    await expect(connect(h.misbehaving.silent.url, 'x.atp.azure.com:443', [], 1500)).rejects.toThrow('timeout');
  });
});
