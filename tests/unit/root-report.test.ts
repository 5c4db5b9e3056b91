// The required-root report: which store is read (Windows thumbprints, a PEM bundle, this machine),
// whether the cloud's root is there and valid, and a typed error for a bundle that is not one.
import { X509Certificate, webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import '../harness/reflect-shim.js';
import * as x509 from '@peculiar/x509';
import type { Cloud, RootStoreInput } from '../../src/contract/types.js';
import { ErrorCode, MdiInputError } from '../../src/errors.js';
import { KNOWN_ROOTS } from '../../src/trust/known-cas.js';
import { NODE_SYSTEM_STORE, normalizeThumbprint, rootCertificateReport, WINDOWS_ROOT_STORE } from '../../src/trust/root-report.js';
import { systemRootStore } from '../../src/trust/system-roots.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const sha1Of = (name: string): string => KNOWN_ROOTS.find((root) => root.name === name)!.sha1;
const G2 = sha1Of('DigiCert Global Root G2');
const GLOBAL_ROOT_CA = sha1Of('DigiCert Global Root CA');

/**
 * The real roots, found by thumbprint: Node's own list, then this machine's bundle (Node 24.21's
 * list no longer carries DigiCert Global Root CA; Debian's ca-certificates.crt still does).
 */
const bundled = new Map<string, string>();
for (const pem of [...rootCertificates, ...systemRootStore().pems]) {
  const print = new X509Certificate(pem).fingerprint.replace(/:/g, '');
  if (!bundled.has(print)) bundled.set(print, pem);
}
const realPem = (thumbprint: string): string => {
  const pem = bundled.get(thumbprint);
  if (!pem) throw new Error(`neither Node's root list nor this machine's CA bundle has ${thumbprint}`);
  return pem;
};
/** Ordinary roots that are neither required nor informational. */
const others = [...bundled].filter(([print]) => !KNOWN_ROOTS.some((root) => root.sha1 === print)).slice(0, 5).map(([, pem]) => pem);

let expiredLookalikeG2 = '';

beforeAll(async () => {
  // Same name as the real G2, expired, different key: present by name only, so absent by thumbprint.
  const keys = (await webcrypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0a1b2c',
    name: 'CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US',
    notBefore: new Date(Date.now() - 3 * 365 * 86_400_000),
    notAfter: new Date(Date.now() - 365 * 86_400_000),
    keys,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  expiredLookalikeG2 = cert.toString('pem');
});

describe('normalizeThumbprint', () => {
  it.each([
    ['df3c24f9bfd666761b268073fe06d1cc8d4f82a4', G2],
    ['df 3c 24 f9 bf d6 66 76 1b 26 80 73 fe 06 d1 cc 8d 4f 82 a4', G2],
    ['DF:3C:24:F9:BF:D6:66:76:1B:26:80:73:FE:06:D1:CC:8D:4F:82:A4', G2],
    ['\u200edf3c24f9bfd666761b268073fe06d1cc8d4f82a4 ', G2],
  ])('%j', (input, expected) => {
    expect(normalizeThumbprint(input)).toBe(expected);
  });
});

describe('rootCertificateReport from Cert:\\LocalMachine\\Root thumbprints', () => {
  it.each([
    ['Commercial', [G2], true],
    ['GCC', [G2.toLowerCase()], true],
    ['Commercial', [G2.toLowerCase().replace(/(..)/g, '$1 ').trim()], true],
    ['Commercial', [GLOBAL_ROOT_CA], false],
    ['Commercial', [], false],
    ['GCCHigh', [GLOBAL_ROOT_CA], true],
    ['DoD', [` ${GLOBAL_ROOT_CA.toLowerCase()} `], true],
    ['DoD', [G2], false],
  ] as [Cloud, string[], boolean][])('%s with %j → passed %s', (cloud, thumbprints, passed) => {
    const report = rootCertificateReport(cloud, { rootStoreThumbprints: thumbprints });
    expect(report.store).toBe(WINDOWS_ROOT_STORE);
    expect(report.passed).toBe(passed);
    const required = report.roots[0]!;
    expect(required.thumbprint).toBe(cloud === 'Commercial' || cloud === 'GCC' ? G2 : GLOBAL_ROOT_CA);
    expect(required.requiredFor).toMatch(/\(required\)$/);
    expect(required).toMatchObject({ present: passed, notAfter: null, expired: null });
    expect(report.detail).not.toContain('\n');
    expect(report.remediation).not.toContain('\n');
    if (passed) {
      expect(report.remediation).toBe('None needed.');
      expect(report.detail).toMatch(/is in Cert:\\LocalMachine\\Root\.$/);
    } else {
      expect(report.detail).toMatch(/is not in Cert:\\LocalMachine\\Root: the sensor fails with "The sensor failed to connect to service"/);
      expect(report.remediation).toMatch(/^Install DigiCert Global Root (G2|CA) \(https:\/\/cacerts\.digicert\.com\/.*\.crt\) into Cert:\\LocalMachine\\Root: AD CS servers get no automatic root updates.*ctldl\.windowsupdate\.com/);
    }
  });

  it('lists the other Azure roots for information only', () => {
    const rsa2017 = sha1Of('Microsoft RSA Root Certificate Authority 2017');
    const without = rootCertificateReport('Commercial', { rootStoreThumbprints: [rsa2017] });
    expect(without.roots.map((root) => root.name)).toEqual([
      'DigiCert Global Root G2', 'Microsoft RSA Root Certificate Authority 2017', 'Microsoft ECC Root Certificate Authority 2017', 'DigiCert Global Root G3',
    ]);
    expect(without.roots[1]).toMatchObject({ present: true, requiredFor: expect.stringMatching(/informational; does not affect Passed/) });
    expect(without.passed).toBe(false);
    const withG2 = rootCertificateReport('Commercial', { rootStoreThumbprints: [G2] });
    expect(withG2.roots.slice(1).every((root) => !root.present)).toBe(true);
    expect(withG2.passed).toBe(true);
  });

  it('prefers the thumbprint list over a PEM bundle given at the same time', () => {
    const report = rootCertificateReport('Commercial', { rootStoreThumbprints: [], rootStorePem: realPem(G2), rootStoreLabel: 'x.pem' });
    expect(report).toMatchObject({ store: WINDOWS_ROOT_STORE, passed: false });
  });
});

describe('rootCertificateReport from a PEM bundle', () => {
  const cases: [string, Cloud, () => string, boolean][] = [
    ['others + G2', 'Commercial', () => [...others, realPem(G2)].join('\n'), true],
    ['others only', 'Commercial', () => others.join('\n'), false],
    ['G2 with CRLF line ends', 'GCC', () => realPem(G2).replace(/\n/g, '\r\n'), true],
    ['Global Root CA', 'GCCHigh', () => [realPem(GLOBAL_ROOT_CA), ...others].join('\n\n'), true],
    ['G2 only', 'DoD', () => realPem(G2), false],
    ['an expired look-alike of G2', 'Commercial', () => [expiredLookalikeG2, ...others].join('\n'), false],
    ['an expired look-alike of G2 and the real one', 'Commercial', () => [expiredLookalikeG2, realPem(G2)].join('\n'), true],
  ];

  it.each(cases)('%s (%s) → passed %s', (_name, cloud, pem, passed) => {
    const report = rootCertificateReport(cloud, { rootStorePem: pem(), rootStoreLabel: 'ca-bundle.pem' });
    expect(report.store).toBe('ca-bundle.pem');
    expect(report.passed).toBe(passed);
    const required = report.roots[0]!;
    expect(required.present).toBe(passed);
    if (passed) {
      // The real roots: G2 until 2038-01-15, Global Root CA until 2031-11-10.
      expect(required.notAfter).toMatch(required.name.endsWith('G2') ? /^2038-01-15T/ : /^2031-11-10T/);
      expect(required.expired).toBe(false);
      expect(report.detail).toMatch(/is in ca-bundle\.pem, valid until 20\d\d-\d\d-\d\d\.$/);
    } else {
      expect(required).toMatchObject({ notAfter: null, expired: null });
      expect(report.remediation).toMatch(/^Add DigiCert Global Root (G2|CA) .* to ca-bundle\.pem; on the domain controller it must be in Cert:\\LocalMachine\\Root/);
    }
  });

  it('reports a required root that has expired (judged at a later date) and fails', () => {
    const report = rootCertificateReport('Commercial', { rootStorePem: realPem(G2), rootStoreLabel: 'ca.pem' }, { now: new Date('2039-01-01T00:00:00Z') });
    expect(report.roots[0]).toMatchObject({ present: true, expired: true, notAfter: expect.stringMatching(/^2038-01-15/) });
    expect(report.passed).toBe(false);
    expect(report.detail).toMatch(/is in ca\.pem but expired on 2038-01-15/);
    expect(report.remediation).toMatch(/^Check this machine's clock/);
  });

  it('labels a bundle without a name', () => {
    expect(rootCertificateReport('Commercial', { rootStorePem: realPem(G2) }).store).toBe('the given CA bundle');
  });

  it.each([
    ['empty text', () => '', /roots\.pem holds no PEM certificate/],
    ['a private key only', () => '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n', /holds no PEM certificate/],
    ['a corrupted block', () => `${realPem(G2)}\n-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n`, /roots\.pem: certificate 2 of 2 \(line \d+\) cannot be read/],
    ['an unclosed block', () => `-----BEGIN CERTIFICATE-----\nMIIB\n${realPem(G2)}`, /roots\.pem: the certificate at line 1 has no -----END CERTIFICATE----- line/],
  ])('%s → MDI_ROOT_STORE_INVALID', (_name, pem, message) => {
    let thrown: unknown;
    try {
      rootCertificateReport('Commercial', { rootStorePem: pem(), rootStoreLabel: 'roots.pem' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MdiInputError);
    expect((thrown as MdiInputError).code).toBe(ErrorCode.RootStoreInvalid);
    expect((thrown as MdiInputError).message).toMatch(message);
  });
});

describe('rootCertificateReport from this machine\'s store', () => {
  it('reads the distribution bundle (or Node\'s reading of the OS store) and finds the commercial and US Gov roots', () => {
    const input: RootStoreInput = {};
    const { path } = systemRootStore();
    for (const cloud of ['Commercial', 'GCCHigh'] as Cloud[]) {
      const report = rootCertificateReport(cloud, input);
      expect(report.store.startsWith(path ?? NODE_SYSTEM_STORE)).toBe(true);
      expect(report.passed, report.detail).toBe(true);
      expect(report.roots[0]!.notAfter).not.toBeNull();
      expect(report.roots[0]!.expired).toBe(false);
    }
  });

  const debianBundle = process.env.SSL_CERT_FILE ?? '/etc/ssl/certs/ca-certificates.crt';
  it.runIf(process.platform === 'linux' && existsSync(debianBundle))('names the bundle file it read', () => {
    expect(rootCertificateReport('Commercial', {}).store.startsWith(debianBundle)).toBe(true);
  });
});
