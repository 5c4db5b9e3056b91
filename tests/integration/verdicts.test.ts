// Every verdict, produced by the real engine process (through the module's stdin seam)
// against real peers: Squid, TLS servers with a generated PKI, misbehaving proxies.
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { CheckResult, TestRequest, Verdict } from '../../src/contract/types.js';
import { readTargetEvents } from '../harness/index.js';
import { asTest, invokeEngine, type RunOptions } from '../support/engine.js';
import { responseSchemaErrors } from '../support/schema.js';

const h = inject('harness');
const root = h.pki.root.certPem;
const [svc, plain] = h.credentials.basic;
type Request = Omit<TestRequest, 'schemaVersion' | 'command'>;

/** Direct to a scenario server, the name pinned to loopback the way curl --resolve does. */
const direct = (scenario: keyof typeof h.targets, extra: Request = {}): Request => {
  const t = h.targets[scenario];
  return { sensorApiUrl: t.url, resolve: [`${t.host}:${t.port}:127.0.0.1`], trustedRoots: [root], timeoutSec: 5, ...extra };
};
/** Through a proxy, which resolves the name itself (Squid's hosts_file maps it to loopback). */
const via = (proxyUrl: string, scenario: keyof typeof h.targets, extra: Request = {}): Request => ({
  sensorApiUrl: h.targets[scenario].url, proxyUrl, trustedRoots: [root], timeoutSec: 5, ...extra,
});

interface Row {
  name: string;
  request: Request;
  verdict: Verdict;
  detail: RegExp;
  check?: (result: CheckResult) => void;
  options?: RunOptions;
}

const ROWS: Row[] = [
  { name: 'direct, 200 Ok', request: direct('ok'), verdict: 'Pass', detail: /200 Ok/ },
  { name: 'direct, 200 with a version', request: direct('version'), verdict: 'Pass', detail: /sensor version 2\.255\.19267\.9636/ },
  { name: 'direct, 503 of an older workspace', request: direct('unavailable'), verdict: 'Pass', detail: /503.*route works/ },
  { name: 'open Squid', request: via(h.squid.urls.open, 'ok'), verdict: 'Pass', detail: /200 Ok/,
    check: (r) => expect(r.proxyAnswer?.statusCode).toBe(200) },
  { name: 'Basic with DOMAIN\\user and ;"@ in the password', request: via(h.squid.urls.basic, 'ok', { proxyUser: svc!.user, proxyPassword: svc!.password }),
    verdict: 'Pass', detail: /200 Ok/, check: (r) => expect(r.proxyAnswer?.authScheme).toBe('Basic') },
  { name: 'Basic with a plain user', request: via(h.squid.urls.basic, 'version', { proxyUser: plain!.user, proxyPassword: plain!.password }), verdict: 'Pass', detail: /version/ },
  { name: 'Basic with a wrong password', request: via(h.squid.urls.basic, 'ok', { proxyUser: svc!.user, proxyPassword: 'wrong' }),
    verdict: 'ProxyAuthFailed', detail: /rejected Basic credentials for 'CONTOSO\\svc-mdi'/ },
  { name: 'Basic with no credentials', request: via(h.squid.urls.basic, 'ok'), verdict: 'ProxyAuthRequired', detail: /offers Basic/,
    check: (r) => expect(r.proxyAnswer?.authSchemes).toEqual(['Basic']) },
  { name: 'NTLM three-leg handshake', request: via(h.squid.urls.ntlm, 'ok', { proxyUser: h.credentials.ntlm.user, proxyPassword: h.credentials.ntlm.password }),
    verdict: 'Pass', detail: /200 Ok/, check: (r) => expect(r.proxyAnswer?.authScheme).toBe('NTLM') },
  { name: 'NTLM with no credentials', request: via(h.squid.urls.ntlm, 'ok'), verdict: 'ProxyAuthRequired', detail: /offers NTLM/ },
  { name: 'Squid ACL denying the sensor domain', request: via(h.squid.urls.deny, 'ok'), verdict: 'ProxyDenied', detail: /ERR_ACCESS_DENIED/ },
  { name: 'Squid ssl-bump', request: via(h.squid.urls.bump, 'ok'), verdict: 'TlsInspected', detail: /Contoso TLS Inspection CA/ },
  { name: 'ssl-bump whose CA the machine trusts', request: via(h.squid.urls.bump, 'ok'), verdict: 'TlsInspected', detail: /Contoso TLS Inspection CA/,
    options: { env: { ...process.env, NODE_EXTRA_CA_CERTS: h.pki.bumpCa.certPath } } },
  { name: 'a private root the machine trusts but nobody named (a GPO-deployed inspection CA)', request: direct('ok', { trustedRoots: [] }),
    verdict: 'TlsInspected', detail: /issued under 'MDI Test Root CA'/,
    options: { env: { ...process.env, NODE_EXTRA_CA_CERTS: h.pki.root.certPath } } },
  { name: 'proxy cannot resolve the name', request: { ...via(h.squid.urls.open, 'ok'), sensorApiUrl: `https://${h.unknownHost}` },
    verdict: 'DnsFailure', detail: /proxy could not resolve.*ERR_DNS_FAIL/ },
  { name: 'no DNS on this machine', request: { workspace: 'nonexistent-ws', timeoutSec: 5 }, verdict: 'DnsFailure', detail: /could not resolve nonexistent-wssensorapi\.atp\.azure\.com/,
    options: { wrap: ['unshare', '--net'] } },
  { name: 'proxy refused by the target', request: via(h.squid.urls.open, 'refused'), verdict: 'ConnectFailed', detail: /ERR_CONNECT_FAIL/ },
  { name: 'target refuses directly', request: direct('refused'), verdict: 'ConnectFailed', detail: /ECONNREFUSED/ },
  { name: 'expired certificate', request: direct('expired'), verdict: 'CertificateExpired', detail: /CERT_HAS_EXPIRED/ },
  { name: 'certificate for another name', request: direct('wrongName'), verdict: 'CertificateNameMismatch', detail: /does not cover/ },
  // Which of the two texts depends on whether this machine's store has the real G2: tests/integration/lookalike-root.test.ts pins both.
  { name: 'Azure-shaped chain under a look-alike root', request: direct('lookalike', { trustedRoots: [] }), verdict: 'CertificateUntrusted',
    detail: /look-alike of 'DigiCert Global Root G2'.*Same name, different key|'DigiCert Global Root G2' is missing/,
    check: (r) => expect(r.remediation).toContain('DF3C24F9BFD666761B268073FE06D1CC8D4F82A4') },
  { name: 'target resets the handshake', request: direct('reset'), verdict: 'TlsHandshakeFailed', detail: /ECONNRESET|closed the connection/ },
  { name: 'target accepts and stays silent', request: direct('silent', { timeoutSec: 1 }), verdict: 'Timeout', detail: /within 1 s while doing the TLS handshake/,
    check: (r) => expect(r.failedPhase).toBe('tls') },
  { name: 'silent target through Squid', request: via(h.squid.urls.open, 'silent', { timeoutSec: 1 }), verdict: 'Timeout', detail: /TLS handshake/ },
  { name: 'wrong path answers 404', request: direct('notFound'), verdict: 'UnexpectedResponse', detail: /answered 404/ },
  { name: 'proxy answers 401 to CONNECT', request: via(h.misbehaving.unauthorized.url, 'ok'), verdict: 'ProxyAuthMisconfigured', detail: /401.*instead of 407/ },
  { name: 'proxy answers 403 instead of 407', request: via(h.misbehaving.forbidden.url, 'ok'), verdict: 'ProxyDenied', detail: /403/ },
  { name: 'proxy answers garbage', request: via(h.misbehaving.garbage.url, 'ok'), verdict: 'ProxyError', detail: /not valid HTTP/ },
  { name: 'proxy closes without answering', request: via(h.misbehaving.close.url, 'ok'), verdict: 'ProxyError', detail: /closed the connection without answering/ },
  { name: 'proxy never answers CONNECT', request: via(h.misbehaving.silent.url, 'ok', { timeoutSec: 1 }), verdict: 'Timeout', detail: /proxy to answer CONNECT/,
    check: (r) => expect(r.failedPhase).toBe('proxyConnect') },
  { name: 'proxy answers 502', request: via(h.misbehaving.status502.url, 'ok'), verdict: 'ConnectFailed', detail: /502/ },
  { name: 'nothing listens on the proxy port', request: via(`http://127.0.0.1:${h.targets.refused.port}`, 'ok'), verdict: 'ProxyUnreachable', detail: /ECONNREFUSED/ },
];

const seen = new Set<Verdict>();

describe('verdicts against real peers', () => {
  it.each(ROWS)('$name → $verdict', async (row) => {
    const run = await invokeEngine(row.request, row.options);
    expect(responseSchemaErrors(run.response)).toEqual([]);
    const [result] = asTest(run.response).checks;
    expect(result?.verdict, `${result?.detail}`).toBe(row.verdict);
    expect(result!.detail).toMatch(row.detail);
    expect(result!.remediation.length).toBeGreaterThan(10);
    expect(run.exitCode).toBe(row.verdict === 'Pass' ? 0 : 1);
    expect(result!.totalMs).toBeLessThan((row.request.timeoutSec ?? 10) * 1000 + 1000);
    row.check?.(result!);
    seen.add(result!.verdict);
  });

  it('asked the ping path with the right Host, and reported the whole chain', async () => {
    const run = await invokeEngine(direct('ok'));
    const [result] = asTest(run.response).checks;
    const events = await readTargetEvents(h.targets.ok.logPath);
    expect(events.some((e) => e.kind === 'request' && e.path === h.pingPath && e.host === `${h.targets.ok.host}:${h.targets.ok.port}`)).toBe(true);
    expect(result!.certificateChain.map((c) => c.subject)).toEqual(['*.atp.azure.com', 'MDI Test Root CA']);
    expect(result!.certificateChain[1]!.recognizedAs).toMatch(/--trusted-root/);
    expect(result!.phases.map((p) => p.name)).toEqual(['dns', 'tcp', 'tls', 'http']);
  });

  afterAll(() => {
    // Runs after the table: every verdict of the contract came from a real peer above.
    const all: Verdict[] = ['Pass', 'DnsFailure', 'ProxyUnreachable', 'ProxyError', 'ProxyAuthRequired', 'ProxyAuthFailed',
      'ProxyAuthMisconfigured', 'ProxyDenied', 'ConnectFailed', 'TlsInspected', 'CertificateUntrusted', 'CertificateExpired',
      'CertificateNameMismatch', 'TlsHandshakeFailed', 'Timeout', 'UnexpectedResponse'];
    expect(all.filter((v) => !seen.has(v))).toEqual([]);
  });
});
