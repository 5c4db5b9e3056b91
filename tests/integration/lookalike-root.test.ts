// The demo's "Azure-shaped chain" case: a server presents a chain whose root only borrows the name of
// DigiCert Global Root G2. When this machine's store holds the real G2, the verdict must say the chain's
// root is a look-alike (same name, different key), never that G2 "is missing" while the Roots block of
// the same output lists it as present. The store is pinned with SSL_CERT_FILE, as a Linux admin would.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { describe, expect, inject, it } from 'vitest';
import { runEngine } from '../support/engine.js';

const h = inject('harness');
const target = h.targets.lookalike;
const G2_THUMBPRINT = 'DF3C24F9BFD666761B268073FE06D1CC8D4F82A4';

/** A one-file machine store: the real G2 (from Node's bundled roots), or only the harness's unrelated test root. */
function storeFile(withG2: boolean): string {
  const g2 = rootCertificates.find((pem) => new X509Certificate(pem).fingerprint.replaceAll(':', '') === G2_THUMBPRINT);
  if (!g2) throw new Error('Node has no bundled DigiCert Global Root G2');
  const file = join(mkdtempSync(join(tmpdir(), 'mdi-store-')), 'ca-certificates.crt');
  writeFileSync(file, withG2 ? `${g2}\n${h.pki.root.certPem}` : h.pki.root.certPem);
  return file;
}

const endpoints = h.endpoints;
// The Roots block comes with the allowlist checks, whose catalog names the stand-ins answer (as in the demo).
const catalogNames = endpoints.address === null ? [] : endpoints.hosts.flatMap((host) => ['--resolve', `${host}:*:${endpoints.address}`]);

function check(store: string) {
  const { NODE_EXTRA_CA_CERTS: _extra, ...env } = process.env;
  return runEngine(['test', '--sensor-api-url', target.url, '--resolve', `${target.host}:${target.port}:127.0.0.1`, ...catalogNames, '--timeout-sec', '5'],
    { env: { ...env, SSL_CERT_FILE: store }, allowlist: true });
}

describe.skipIf(endpoints.address === null)('a chain under a look-alike root', () => {
  if (endpoints.address === null) console.warn(`[look-alike root tests] skipped: ${'reason' in endpoints ? endpoints.reason : ''}`);
  it('with the real root in the store: "look-alike, different key", and the Roots block agrees', { timeout: 60_000 }, async () => {
    const run = await check(storeFile(true));
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/CertificateUntrusted/);
    expect(run.stdout).toMatch(new RegExp(`look-alike of 'DigiCert Global Root G2'.*in this machine's store \\(thumbprint ${G2_THUMBPRINT}\\) did not sign it\\. Same name, different key`));
    expect(run.stdout).not.toMatch(/is missing from its store/);
    expect(run.stdout).toMatch(new RegExp(`^present\\s+DigiCert Global Root G2\\s+${G2_THUMBPRINT}`, 'm'));
    // The fix is not "install the root" (it is installed) but finding what answers with the fake chain.
    expect(run.stdout).not.toMatch(/Fix\s+Install 'DigiCert Global Root G2'/);
    expect(run.stdout).toMatch(/under a fake 'DigiCert Global Root G2'/);
  });

  it('without it: the root is missing, and the Roots block says MISSING too', { timeout: 60_000 }, async () => {
    const run = await check(storeFile(false));
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/'DigiCert Global Root G2' is missing from its store/);
    expect(run.stdout).toMatch(new RegExp(`^MISSING\\s+DigiCert Global Root G2\\s+${G2_THUMBPRINT}`, 'm'));
    expect(run.stdout).toMatch(/Install 'DigiCert Global Root G2'/);
  });
});
