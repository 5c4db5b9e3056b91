import { X509Certificate, hash } from 'node:crypto';
import { createSecureContext, getCACertificates, type SecureContext } from 'node:tls';
import { systemRoots } from './system-roots.js';

/**
 * Two questions, answered at different costs:
 * - the handshake verifies against Node's bundled roots plus the roots given with
 *   --trusted-root (a context built in ~5 ms);
 * - whether the root that anchors the chain is in THIS machine's store is answered by
 *   thumbprint (hashing the store's DER, no parsing), and only when Node's roots could
 *   not anchor the chain is the machine store parsed to look for the issuer.
 * Building one context from the whole machine store instead costs ~30-80 ms per run.
 */
export interface TrustStore {
  context: SecureContext;
  /** SHA-1 thumbprints (upper-case hex) of roots the caller trusted explicitly → CN. */
  extraRoots: Map<string, string>;
  machineHasRoot(thumbprint: string): boolean;
  /** A machine-store certificate that issued `cert`, when Node's own roots lack it. */
  machineIssuerOf(cert: X509Certificate): X509Certificate | null;
  /**
   * A machine-store certificate with the very name `cert` gives as its issuer. Asked when none
   * issued it: then the chain's root is a look-alike of the store's, same name, different key.
   */
  machineNamesakeOfIssuer(cert: X509Certificate): X509Certificate | null;
}

const cache = new Map<string, TrustStore>();

/**
 * The key exchange groups the sensor's TLS client offers: Windows' Schannel, from Windows 10 1607 and
 * Windows Server 2016 on, enables curve25519, NistP256 and NistP384, in that order ("TLS Elliptic Curves
 * in Windows 10 1607 and later"). Node's own default adds a post-quantum hybrid share, which makes the
 * ClientHello ~1 KB larger than the sensor's and costs each handshake an ML-KEM key.
 */
export const SCHANNEL_GROUPS = 'X25519:P-256:P-384';

export function buildTrustStore(extra: X509Certificate[]): TrustStore {
  const key = extra.map(thumbprint).join(',');
  const cached = cache.get(key);
  if (cached) return cached;
  const context = createSecureContext({ ecdhCurve: SCHANNEL_GROUPS });
  for (const cert of extra) context.context.addCACert(cert.toString());
  const store: TrustStore = {
    context,
    extraRoots: new Map(extra.map((cert) => [thumbprint(cert), commonName(cert.subject)])),
    machineHasRoot: (print) => machineRootPems().has(print),
    machineIssuerOf: (cert) =>
      machineCertificates().find((root) => root.subject === cert.issuer && cert.checkIssued(root) && cert.verify(root.publicKey)) ?? null,
    machineNamesakeOfIssuer: (cert) => machineCertificates().find((root) => root.subject === cert.issuer) ?? null,
  };
  cache.set(key, store);
  return store;
}

let byThumbprint: Map<string, string> | null = null;
let certificates: X509Certificate[] | null = null;

function machinePems(): string[] {
  // NODE_EXTRA_CA_CERTS is how a Linux admin adds roots for Node: count them as the machine's.
  return [...systemRoots(), ...getCACertificates('extra')];
}

/** The machine's roots by SHA-1 thumbprint (upper-case hex), hashed once per run: only the DER is hashed, nothing parsed. */
export function machineRootPems(): Map<string, string> {
  byThumbprint ??= new Map(machinePems().map((pem) => [hash('sha1', pemBody(pem), 'hex').toUpperCase(), pem]));
  return byThumbprint;
}

function machineCertificates(): X509Certificate[] {
  certificates ??= machinePems().flatMap((pem) => {
    try {
      return [new X509Certificate(pem)];
    } catch {
      return [];
    }
  });
  return certificates;
}

function pemBody(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''), 'base64');
}

export function thumbprint(cert: X509Certificate): string {
  return cert.fingerprint.replaceAll(':', '');
}

/** CN of an X.509 distinguished name as Node prints it (one attribute per line). */
export function commonName(dn: string): string {
  const cn = dn.split('\n').find((part) => part.startsWith('CN='));
  return cn ? cn.slice(3) : dn.replaceAll('\n', ', ');
}
