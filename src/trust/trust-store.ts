import { X509Certificate } from 'node:crypto';
import { getCACertificates, createSecureContext, type SecureContext } from 'node:tls';

export interface TrustStore {
  context: SecureContext;
  /** SHA-1 thumbprints (upper-case hex) of roots the caller trusted explicitly. */
  extraRoots: Map<string, string>;
}

/**
 * The machine's own store (what the sensor's Windows trusts) plus roots given
 * with --trusted-root. Node's bundled Mozilla list is deliberately left out:
 * a root only Node knows would hide the "root missing on this DC" failure.
 */
export function buildTrustStore(extra: X509Certificate[]): TrustStore {
  const ca = [...getCACertificates('system'), ...getCACertificates('extra'), ...extra.map((cert) => cert.toString())];
  const extraRoots = new Map(extra.map((cert) => [thumbprint(cert), commonName(cert.subject)]));
  return { context: createSecureContext({ ca }), extraRoots };
}

export function thumbprint(cert: X509Certificate): string {
  return cert.fingerprint.replaceAll(':', '');
}

/** CN of an X.509 distinguished name as Node prints it (one attribute per line). */
export function commonName(dn: string): string {
  const cn = dn.split('\n').find((part) => part.startsWith('CN='));
  return cn ? cn.slice(3) : dn.replaceAll('\n', ', ');
}
