// Issue 5: Test-MDIConnectivity's default run checks the sensor API and the certificate
// allowlist URLs at once, through the same routes, and reports the required roots. The
// catalog stand-ins (tests/harness/endpoint-services.ts) answer on :80 and :443 of their
// own loopback address; Squid's hosts_file and --resolve send the real names there.
import { rootCertificates } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type { CheckResult, TestRequest } from '../../../src/contract/types.js';
import { waitFor } from '../../harness/index.js';
import { asTest, invokeEngine, runEngine } from '../../support/engine.js';
import { responseSchemaErrors } from '../../support/schema.js';
import { readFileSync } from 'node:fs';

const h = inject('harness');
const endpoints = h.endpoints;
const available = endpoints.address !== null;
if (!available) console.warn(`[allowlist tests] skipped: ${'reason' in endpoints ? endpoints.reason : ''}`);
const resolve = available ? [`${h.targets.ok.host}:*:127.0.0.1`, ...endpoints.hosts.map((host) => `${host}:*:${endpoints.address}`)] : [];
const base = { sensorApiUrl: h.targets.ok.url, trustedRoots: [h.pki.root.certPem], timeoutSec: 5, allowlist: true, resolve };
const G2 = 'DF3C24F9BFD666761B268073FE06D1CC8D4F82A4';

async function test(extra: Omit<TestRequest, 'schemaVersion' | 'command'>) {
  const run = await invokeEngine({ ...base, ...extra }, { allowlist: true });
  expect(responseSchemaErrors(run.response)).toEqual([]);
  return { ...asTest(run.response), exitCode: run.exitCode };
}

const byId = (checks: CheckResult[], id: string): CheckResult => {
  const found = checks.find((check) => check.endpointId === id);
  if (!found) throw new Error(`no check ${id} in ${checks.map((c) => c.endpointId).join(', ')}`);
  return found;
};

/** A PEM bundle of Node's roots, with or without DigiCert Global Root G2. */
function bundle(withG2: boolean): string {
  return rootCertificates.filter((pem) => withG2 || new X509Certificate(pem).fingerprint.replaceAll(':', '') !== G2).join('\n');
}

describe.skipIf(!available)('sensor API and certificate allowlist, at once', () => {
  it('checks the sensor API, the four allowlist URLs over plain HTTP and the optional revocation hosts directly', async () => {
    const r = await test({ rootStorePem: bundle(true), rootStoreLabel: 'bundle.pem' });
    expect(r.passed).toBe(true);
    expect(r.checks[0]!.endpointId).toBe('mdi.sensor-api');
    const crl = byId(r.checks, 'mdi.cert.crl');
    expect(crl).toMatchObject({ category: 'CertificateAllowlist', required: true, port: 80, verdict: 'Pass', httpStatus: 200, certificateChain: [] });
    expect(crl.phases.map((p) => p.name)).toEqual(['dns', 'tcp', 'http']);
    expect(crl.addresses).toEqual([endpoints.address]);
    for (const id of ['mdi.cert.ctldl', 'mdi.cert.pkiops', 'mdi.cert.pki']) expect(byId(r.checks, id).verdict).toBe('Pass');
    expect(r.checks.filter((c) => c.category === 'CertificateRevocation').every((c) => !c.required)).toBe(true);
    expect(r.rootCertificates).toMatchObject({ passed: true, store: 'bundle.pem' });
  });

  it('sends plain-HTTP allowlist requests to the proxy in absolute form, not as CONNECT to port 80', async () => {
    const r = await test({ proxyUrl: h.squid.urls.open, rootStorePem: bundle(true) });
    expect(r.passed).toBe(true);
    const crl = byId(r.checks, 'mdi.cert.crl');
    expect(crl.proxy).toBe(h.squid.urls.open);
    expect(crl.phases.map((p) => p.name)).toEqual(['dns', 'tcp', 'http']);
    const log = h.squid.files.open.accessLog;
    const text = await waitFor(async () => readFileSync(log, 'utf8'), (t) => t.includes('GET http://crl.microsoft.com/pki/crl/products/MicRooCerAut2011_2011_03_22.crl'));
    expect(text).toContain('GET http://crl.microsoft.com/pki/crl/products/MicRooCerAut2011_2011_03_22.crl');
    expect(text).not.toMatch(/CONNECT crl\.microsoft\.com:80/);
  });

  it('names a strict allowlist that forgot ctldl.windowsupdate.com, and what to allow', async () => {
    const r = await test({ proxyUrl: h.squid.urls.deny, rootStorePem: bundle(true) });
    expect(r.passed).toBe(false);
    const ctl = byId(r.checks, 'mdi.cert.ctldl');
    expect(ctl).toMatchObject({ verdict: 'ProxyDenied', failedPhase: 'http', passed: false });
    expect(ctl.detail).toMatch(/refused GET http:\/\/ctldl\.windowsupdate\.com\/.*ERR_ACCESS_DENIED/);
    expect(ctl.remediation).toMatch(/Allow ctldl\.windowsupdate\.com over plain HTTP \(port 80\)/);
    expect(byId(r.checks, 'mdi.cert.crl').verdict).toBe('Pass');
    expect(byId(r.checks, 'mdi.sensor-api').verdict).toBe('ProxyDenied');
  });

  it.each([
    ['Basic', () => h.squid.urls.basic, () => h.credentials.basic[0]!],
    ['NTLM', () => h.squid.urls.ntlm, () => h.credentials.ntlm],
  ])('authenticates plain-HTTP requests to a %s proxy like CONNECTs', async (scheme, url, who) => {
    const r = await test({ proxyUrl: url(), proxyUser: who().user, proxyPassword: who().password, rootStorePem: bundle(true) });
    const crl = byId(r.checks, 'mdi.cert.crl');
    expect(crl.verdict).toBe('Pass');
    expect(crl.proxyAnswer?.authScheme).toBe(scheme);
    expect(crl.phases.map((p) => p.name)).toEqual(['dns', 'tcp', 'http', 'proxyAuth']);
    expect(r.passed).toBe(true);
  });

  it('fails on a missing required root even when every URL answers, and says which root', async () => {
    const r = await test({ rootStorePem: bundle(false), rootStoreLabel: 'no-g2.pem' });
    expect(r.checks.every((c) => c.passed)).toBe(true);
    expect(r.passed).toBe(false);
    expect(r.rootCertificates?.roots.find((root) => root.thumbprint === G2)).toMatchObject({ present: false });
    expect(r.rootCertificates?.remediation).toMatch(/DigiCert Global Root G2/);
  });

  it('lets an optional revocation host fail without failing the run', async () => {
    // ocsp.digicert.com on a loopback port where nothing listens.
    const r = await test({ resolve: ['ocsp.digicert.com:80:127.0.0.9', ...resolve], rootStorePem: bundle(true) });
    expect(byId(r.checks, 'mdi.revocation.ocsp-digicert')).toMatchObject({ verdict: 'ConnectFailed', required: false });
    expect(r.passed).toBe(true);
  });

  it('checks the legacy regional records on request', async () => {
    const r = await test({ includeLegacy: true, rootStorePem: bundle(true) });
    const legacy = r.checks.filter((c) => c.category === 'LegacyRegional');
    expect(legacy.length).toBeGreaterThanOrEqual(13);
    expect(legacy.every((c) => c.verdict === 'Pass' && c.target.endsWith('/tri/sensor/api/ping'))).toBe(true);
  });

  it('sensor API only when asked: no allowlist checks, no root report', async () => {
    const r = await test({ allowlist: false });
    expect(r.checks.map((c) => c.endpointId)).toEqual(['mdi.sensor-api']);
    expect(r.rootCertificates).toBeNull();
  });

  it('prints one line per allowlist URL in the text view, a failure with its detail and fix underneath, and exits 1', async () => {
    const run = await runEngine(['test', '--sensor-api-url', h.targets.ok.url, '--trusted-root', h.pki.root.certPath, '--proxy-url', h.squid.urls.deny,
      ...resolve.flatMap((r) => ['--resolve', r])], { allowlist: true });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^FAIL ProxyDenied +http:\/\/ctldl\.windowsupdate\.com\/\S+ via \S+\n {7}The proxy refused GET http:\/\/ctldl\.windowsupdate\.com\/.*ERR_ACCESS_DENIED.*\n {7}Fix: Allow ctldl\.windowsupdate\.com over plain HTTP \(port 80\)/m);
    expect(run.stdout).toMatch(/^ok   Pass +http:\/\/crl\.microsoft\.com\/\S+ via /m);
    expect(run.stdout).toMatch(/^ok   Pass +http:\/\/crl3\.digicert\.com\/\S+ via \S+ \(optional\)$/m);
    expect(run.stdout).toMatch(/^Roots in /m);
    expect(run.stdout).toMatch(/^FAILED: \d+ checks/m);
  });
});
