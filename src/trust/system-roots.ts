import { MdiInputError } from '../errors.js';
import { MiB, readFileBounded } from '../io/bounded-read.js';
import { getCACertificates } from 'node:tls';

// Where Linux distributions keep the one-file CA bundle (the list Go's crypto/x509 also reads).
const LINUX_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL
  '/etc/ssl/ca-bundle.pem', // openSUSE
  '/etc/pki/tls/cacert.pem', // OpenELEC
  '/etc/ssl/cert.pem', // Alpine
];

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The machine's trusted roots as PEM. Windows and macOS: Node's reading of the OS
 * store. Linux: the bundle file (SSL_CERT_FILE, else the distribution's), which
 * update-ca-certificates keeps identical to the hashed directory Node would also
 * scan; reading both costs ~55 ms at every start. Without a bundle, Node's reading.
 */
export function systemRoots(): string[] {
  return systemRootStore().pems;
}

let cached: { path: string | null; pems: string[] } | null = null;

/** systemRoots() and where they came from: the bundle file read (Linux), or null for Node's reading of the OS store. Read once. */
export function systemRootStore(): { path: string | null; pems: string[] } {
  cached ??= readSystemRootStore();
  return cached;
}

function readSystemRootStore(): { path: string | null; pems: string[] } {
  if (process.platform === 'linux') {
    const candidates = process.env.SSL_CERT_FILE ? [process.env.SSL_CERT_FILE] : LINUX_BUNDLES;
    for (const path of candidates) {
      const pem = readIfPresent(path);
      if (pem) return { path, pems: pem.match(PEM_BLOCK) ?? [] };
    }
  }
  return { path: null, pems: getCACertificates('system') };
}

/** The largest CA bundle we read: distributions ship about 200 KB. */
const MAX_BUNDLE_BYTES = 16 * MiB;

function readIfPresent(path: string): string | null {
  try {
    return readFileBounded(path, MAX_BUNDLE_BYTES, 'CA bundle').toString('latin1');
  } catch (error) {
    // Absent or unreadable: try the next candidate. Too large is a wrong SSL_CERT_FILE: say so.
    if (error instanceof MdiInputError) throw error;
    return null;
  }
}
