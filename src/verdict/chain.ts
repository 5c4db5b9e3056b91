import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { CertificateInfo } from '../contract/types.js';
import type { TlsOutcome } from '../probe/tls-handshake.js';
import { ProbeFailure } from '../probe/failure.js';
import { AZURE_ISSUING_CA, KNOWN_ROOTS, requiredRootFor } from '../trust/known-cas.js';
import { commonName, thumbprint, type TrustStore } from '../trust/trust-store.js';
import { term } from '../front-end.js';

const KNOWN_BY_THUMBPRINT = new Map(KNOWN_ROOTS.map((root) => [root.sha1, root]));
const KNOWN_ROOT_NAMES = new Set(KNOWN_ROOTS.map((root) => root.name));

const EXPIRY_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const ISSUER_ERRORS = new Set([
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

export function describeChain(chain: X509Certificate[], trust: TrustStore): CertificateInfo[] {
  return chain.map((cert) => {
    const info: CertificateInfo = {
      subject: commonName(cert.subject),
      issuer: commonName(cert.issuer),
      thumbprint: thumbprint(cert),
      sha256: cert.fingerprint256.replaceAll(':', ''),
      notBefore: new Date(cert.validFrom).toISOString(),
      notAfter: new Date(cert.validTo).toISOString(),
      selfSigned: cert.subject === cert.issuer,
    };
    const recognized = recognize(cert, trust);
    if (recognized) info.recognizedAs = recognized;
    return info;
  });
}

/**
 * Judges the presented chain. Throws the verdict when it is wrong; returns when it is
 * fine. Inspection is judged first: a chain from the wrong CA is the root cause even
 * when that CA is also expired or untrusted.
 */
export function judgeChain(host: string, tls: TlsOutcome, trust: TrustStore): void {
  const { chain } = tls;
  const leaf = chain[0];
  if (!leaf) throw new ProbeFailure('TlsHandshakeFailed', 'tls', `${host} presented no certificate.`);
  const top = chain[chain.length - 1]!;
  if (!hasExpectedShape(chain, trust)) {
    const ca = commonName(top.subject === top.issuer ? top.subject : top.issuer);
    throw new ProbeFailure('TlsInspected', 'tls',
      `The certificate for ${host} was issued under '${ca}', not a Microsoft/DigiCert CA: the connection is being intercepted (TLS inspection).`,
      { ca });
  }
  // Node reports a name mismatch in authorizationError too; it is judged below from the leaf itself.
  let code = tls.authorizationError === 'ERR_TLS_CERT_ALTNAME_INVALID' ? null : tls.authorizationError;
  let full = chain;
  if (code && ISSUER_ERRORS.has(code)) {
    // Node's roots could not anchor the chain; this machine's store may hold a root Node lacks.
    const issuer = top.subject === top.issuer ? null : trust.machineIssuerOf(top);
    if (!issuer) throw untrusted(host, commonName(top.subject === top.issuer ? top.subject : top.issuer), code);
    full = [...chain, issuer];
    code = full.some(outsideValidity) ? 'CERT_HAS_EXPIRED' : null;
  } else if (top.subject === top.issuer) {
    // Anchored by Node's roots: the sensor only has the machine's, so the anchor must be there too.
    const print = thumbprint(top);
    if (!trust.extraRoots.has(print) && !trust.machineHasRoot(print)) throw untrusted(host, commonName(top.subject), 'root not in the machine store');
  }
  if (code && EXPIRY_ERRORS.has(code)) {
    const expired = full.find(outsideValidity) ?? leaf;
    throw new ProbeFailure('CertificateExpired', 'tls',
      `The certificate '${commonName(expired.subject)}' is valid only from ${iso(expired.validFrom)} to ${iso(expired.validTo)} (${code}).`,
      { notAfter: iso(expired.validTo) });
  }
  if (code) throw untrusted(host, commonName(top.issuer), code);
  const covers = isIP(host) ? leaf.checkIP(host) : leaf.checkHost(host, { subject: 'default' });
  if (!covers) {
    throw new ProbeFailure('CertificateNameMismatch', 'tls',
      `The certificate presented for ${host} does not cover that name (it covers ${leaf.subjectAltName ?? commonName(leaf.subject)}).`);
  }
}

function untrusted(host: string, missing: string, why: string): ProbeFailure {
  const root = requiredRootFor(host);
  return new ProbeFailure('CertificateUntrusted', 'tls',
    `The chain has the expected shape but does not lead to a root this machine trusts: '${missing}' is missing from its store (${why}).`,
    { missing, root: root.name, rootThumbprint: root.sha1 });
}

function outsideValidity(cert: X509Certificate): boolean {
  const now = Date.now();
  return Date.parse(cert.validTo) < now || Date.parse(cert.validFrom) > now;
}

function hasExpectedShape(chain: X509Certificate[], trust: TrustStore): boolean {
  const top = chain[chain.length - 1]!;
  if (top.subject === top.issuer) {
    // A self-signed top must be the very root we expect: a lookalike name is not enough.
    return KNOWN_BY_THUMBPRINT.has(thumbprint(top)) || trust.extraRoots.has(thumbprint(top));
  }
  // The issuer of the top was not sent and is not in the store: judge by names.
  const issuedByKnownRoot = KNOWN_ROOT_NAMES.has(commonName(top.issuer));
  const viaAzureIssuer = chain.some((cert) => AZURE_ISSUING_CA.test(commonName(cert.subject)));
  const viaExtraRoot = chain.some((cert) => trust.extraRoots.has(thumbprint(cert)));
  return issuedByKnownRoot || viaAzureIssuer || viaExtraRoot;
}

function recognize(cert: X509Certificate, trust: TrustStore): string | undefined {
  const print = thumbprint(cert);
  const known = KNOWN_BY_THUMBPRINT.get(print);
  if (known) return `${known.name} (${known.note})`;
  if (trust.extraRoots.has(print)) return `root trusted with ${term('trustedRoot')}`;
  if (AZURE_ISSUING_CA.test(commonName(cert.subject))) return 'Azure TLS issuing CA (by name)';
  return undefined;
}

function iso(date: string): string {
  return new Date(date).toISOString().slice(0, 10);
}
