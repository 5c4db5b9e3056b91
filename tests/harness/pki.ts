// Test PKI for the real-peer harness: every certificate the TLS targets and
// Squid present is minted here, at run time, so nothing secret is committed
// and validity dates are always relative to "now".
//
// RSA 2048 / SHA-256 with textbook extensions (critical basicConstraints and
// keyUsage, serverAuth EKU, SKI/AKI) so OpenSSL in Node, curl and Squid all
// build and accept the chains the same way Windows would.
import { webcrypto } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import './reflect-shim.js';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365 * DAY;

/** One certificate with its key, as PEM text and as files in the PKI dir. */
export interface CertFiles {
  subject: string;
  certPem: string;
  keyPem: string;
  certPath: string;
  keyPath: string;
}

/** A server chain (leaf first, then intermediates; never the root). */
export interface ChainFiles extends CertFiles {
  chainPem: string;
  chainPath: string;
}

export interface TestPki {
  dir: string;
  /** "CN=MDI Test Root CA": what tests pass as --trusted-root. */
  root: CertFiles;
  /** Valid leaf signed by root; SANs = DEFAULT_LEAF_NAMES. */
  leaf: CertFiles;
  /** Signed by root, notBefore 2 years ago, notAfter 1 year ago, same SANs. */
  expiredLeaf: CertFiles;
  /** Signed by root, SAN only wrong.example.test. */
  wrongNameLeaf: CertFiles;
  /** Self-signed look-alike of the real DigiCert Global Root G2: trusted by nobody. */
  lookalikeRoot: CertFiles;
  /** Look-alike "Microsoft Azure RSA TLS Issuing CA 03" signed by lookalikeRoot. */
  lookalikeIntermediate: CertFiles;
  /** *.atp.azure.com leaf under lookalikeIntermediate; chainPem = leaf + intermediate. */
  lookalikeLeaf: ChainFiles;
  /** Squid ssl-bump CA; combinedPath holds cert + key in one PEM. */
  bumpCa: CertFiles & { combinedPath: string };
  /** Mint another leaf signed by root (written as <label>.crt/.key). */
  issueLeaf(label: string, names: readonly string[], opts?: { notBefore?: Date; notAfter?: Date }): Promise<CertFiles>;
}

/** SANs of the valid and expired leaves: every host name the harness uses. */
export const DEFAULT_LEAF_NAMES: readonly string[] = [
  '*.atp.azure.com',
  '*.atp.azure.us',
  'localhost',
  '127.0.0.1',
  '::1',
];

interface Issuer {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function sanFor(names: readonly string[]): x509.SubjectAlternativeNameExtension {
  return new x509.SubjectAlternativeNameExtension(
    names.map((n) => ({ type: IPV4.test(n) || n.includes(':') ? 'ip' : 'dns', value: n }) as x509.JsonGeneralName),
  );
}

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function keyPem(keys: CryptoKeyPair): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function caExtensions(keys: CryptoKeyPair, pathLength?: number, issuer?: Issuer): Promise<x509.Extension[]> {
  const ext: x509.Extension[] = [
    new x509.BasicConstraintsExtension(true, pathLength, true),
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (issuer) ext.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey));
  return ext;
}

async function selfSignedCa(name: string, keys: CryptoKeyPair): Promise<x509.X509Certificate> {
  const now = Date.now();
  return x509.X509CertificateGenerator.createSelfSigned({
    name,
    keys,
    // Starts before expiredLeaf's notBefore so even strict validators accept the nesting.
    notBefore: new Date(now - 3 * YEAR),
    notAfter: new Date(now + 10 * YEAR),
    signingAlgorithm: ALG,
    extensions: await caExtensions(keys),
  });
}

async function signed(
  issuer: Issuer,
  subject: string,
  keys: CryptoKeyPair,
  extensions: x509.Extension[],
  notBefore: Date,
  notAfter: Date,
): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create({
    subject,
    issuer: issuer.cert.subjectName,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    notBefore,
    notAfter,
    signingAlgorithm: ALG,
    extensions,
  });
}

async function leafExtensions(issuer: Issuer, keys: CryptoKeyPair, names: readonly string[]): Promise<x509.Extension[]> {
  return [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    sanFor(names),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
  ];
}

async function save(dir: string, label: string, subject: string, cert: x509.X509Certificate, keys: CryptoKeyPair): Promise<CertFiles> {
  const certPem = cert.toString('pem') + '\n';
  const kPem = (await keyPem(keys)) + '\n';
  const certPath = path.join(dir, `${label}.crt`);
  const keyPath = path.join(dir, `${label}.key`);
  // 0644: Squid reads these after dropping to user "proxy"; this is throwaway test material.
  await writeFile(certPath, certPem, { mode: 0o644 });
  await writeFile(keyPath, kPem, { mode: 0o644 });
  return { subject, certPem, keyPem: kPem, certPath, keyPath };
}

/** Create the whole test PKI in `dir` (which must exist). Takes ~0.5-2 s (RSA key generation). */
export async function createTestPki(dir: string): Promise<TestPki> {
  const now = Date.now();
  // Independent keys generated concurrently (webcrypto runs them on the thread pool).
  const [rootK, leafK, expK, wrongK, laRootK, laIntK, laLeafK, bumpK] = await Promise.all(
    Array.from({ length: 8 }, () => newKeys()),
  );
  // The destructured array elements are typed possibly-undefined under noUncheckedIndexedAccess.
  const k = (x: CryptoKeyPair | undefined): CryptoKeyPair => {
    if (!x) throw new Error('key generation failed');
    return x;
  };

  const ROOT = 'CN=MDI Test Root CA';
  const rootCert = await selfSignedCa(ROOT, k(rootK));
  const root: Issuer = { cert: rootCert, keys: k(rootK) };

  const mintLeaf = async (
    label: string,
    names: readonly string[],
    keys: CryptoKeyPair,
    opts: { notBefore?: Date; notAfter?: Date } = {},
  ): Promise<CertFiles> => {
    const subject = `CN=${names[0] ?? label}`;
    const cert = await signed(
      root,
      subject,
      keys,
      await leafExtensions(root, keys, names),
      opts.notBefore ?? new Date(now - DAY),
      opts.notAfter ?? new Date(now + YEAR),
    );
    return save(dir, label, subject, cert, keys);
  };
  const issueLeaf: TestPki['issueLeaf'] = async (label, names, opts) => mintLeaf(label, names, await newKeys(), opts);

  const leaf = await mintLeaf('leaf', DEFAULT_LEAF_NAMES, k(leafK));
  const expiredLeaf = await mintLeaf('expired-leaf', DEFAULT_LEAF_NAMES, k(expK), {
    notBefore: new Date(now - 2 * YEAR),
    notAfter: new Date(now - YEAR),
  });
  const wrongNameLeaf = await mintLeaf('wrong-name-leaf', ['wrong.example.test'], k(wrongK));

  // Look-alike chain: the documented "DigiCert Global Root G2 is missing from the
  // machine's store" case. Names match the real CAs; keys are ours, so nothing trusts it.
  // DER order C, O, OU, CN as in the real certificate (Windows displays it reversed).
  const LA_ROOT = 'C=US, O=DigiCert Inc, OU=www.digicert.com, CN=DigiCert Global Root G2';
  const laRootCert = await selfSignedCa(LA_ROOT, k(laRootK));
  const laRoot: Issuer = { cert: laRootCert, keys: k(laRootK) };
  const LA_INT = 'C=US, O=Microsoft Corporation, CN=Microsoft Azure RSA TLS Issuing CA 03';
  const laIntExt = await caExtensions(k(laIntK), 0, laRoot);
  laIntExt.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]));
  const laIntCert = await signed(laRoot, LA_INT, k(laIntK), laIntExt, new Date(now - YEAR), new Date(now + 5 * YEAR));
  const laInt: Issuer = { cert: laIntCert, keys: k(laIntK) };
  const LA_LEAF = 'C=US, ST=WA, L=Redmond, O=Microsoft Corporation, CN=*.atp.azure.com';
  const laLeafCert = await signed(
    laInt,
    LA_LEAF,
    k(laLeafK),
    await leafExtensions(laInt, k(laLeafK), DEFAULT_LEAF_NAMES),
    new Date(now - DAY),
    new Date(now + YEAR),
  );

  const lookalikeRoot = await save(dir, 'lookalike-root', LA_ROOT, laRootCert, k(laRootK));
  const lookalikeIntermediate = await save(dir, 'lookalike-intermediate', LA_INT, laIntCert, k(laIntK));
  const laLeafFiles = await save(dir, 'lookalike-leaf', LA_LEAF, laLeafCert, k(laLeafK));
  const chainPem = laLeafFiles.certPem + lookalikeIntermediate.certPem;
  const chainPath = path.join(dir, 'lookalike-chain.pem');
  await writeFile(chainPath, chainPem, { mode: 0o644 });

  const BUMP = 'O=Contoso, CN=Contoso TLS Inspection CA';
  const bumpCert = await selfSignedCa(BUMP, k(bumpK));
  const bump = await save(dir, 'bump-ca', BUMP, bumpCert, k(bumpK));
  const combinedPath = path.join(dir, 'bump-ca.pem');
  await writeFile(combinedPath, bump.certPem + bump.keyPem, { mode: 0o644 });

  const rootFiles = await save(dir, 'root', ROOT, rootCert, root.keys);
  return {
    dir,
    root: rootFiles,
    leaf,
    expiredLeaf,
    wrongNameLeaf,
    lookalikeRoot,
    lookalikeIntermediate,
    lookalikeLeaf: { ...laLeafFiles, chainPem, chainPath },
    bumpCa: { ...bump, combinedPath },
    issueLeaf,
  };
}
