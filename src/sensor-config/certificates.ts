// The certificate that protects the proxy password: from the PEM the module sends
// (Windows: the public part of LocalMachine\My\<thumbprint>), or from a file off
// Windows: PEM (certificate and maybe its key), DER (.cer) or PFX/PKCS#12.

import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { MiB, readFileBounded } from '../io/bounded-read.js';
import type { CertificateInput } from '../contract/types.js';
import { ErrorCode, MdiInputError } from '../errors.js';
import { normalizeThumbprint } from './config-file.js';
import { term } from '../front-end.js';

/** PEM, DER or PFX of one certificate (and its chain) is a few KB. */
const MAX_CERTIFICATE_FILE_BYTES = 4 * MiB;

export interface CertificateSet {
  certificates: X509Certificate[];
  privateKeys: KeyObject[];
  /** For messages: "certificatePem" or the file path. */
  source: string;
}

export interface ChosenCertificate {
  certificate: X509Certificate;
  thumbprint: string;
  /** The matching private key, when the input carried one. */
  privateKey: KeyObject | null;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const PEM_KEY = /-----BEGIN ((?:RSA |ENCRYPTED )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/g;

export function hasCertificateInput(input: CertificateInput): boolean {
  return Boolean(input.certificatePem || input.certificatePath);
}

export async function loadCertificates(input: CertificateInput): Promise<CertificateSet> {
  if (input.certificatePem) return fromPem(input.certificatePem, input.certificatePassword, 'certificatePem');
  if (!input.certificatePath) throw new MdiInputError(ErrorCode.CertificateMissing, 'No certificate given: send certificatePem, or give certificatePath (PEM, DER or PFX).');
  const path = input.certificatePath;
  let bytes: Buffer;
  try {
    bytes = readFileBounded(path, MAX_CERTIFICATE_FILE_BYTES, 'certificate file');
  } catch (error) {
    if (error instanceof MdiInputError) throw error;
    throw new MdiInputError(ErrorCode.CertificateMissing, `Cannot read certificate file '${path}' (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  const head = bytes.subarray(0, 64).toString('latin1');
  if (head.includes('-----BEGIN')) return fromPem(bytes.toString('utf8'), input.certificatePassword, path);
  try {
    return { certificates: [new X509Certificate(bytes)], privateKeys: [], source: path };
  } catch {
    // Not a DER certificate: PKCS#12 is the remaining binary form.
  }
  const { readPfx } = await import('./pfx.js');
  return { ...readPfx(bytes, input.certificatePassword, path), source: path };
}

/** The certificate whose SHA-1 thumbprint is `expected`, or MDI_CERTIFICATE_MISMATCH naming what was found. */
export function chooseCertificate(set: CertificateSet, expected: string, why: string): ChosenCertificate {
  const wanted = normalizeThumbprint(expected);
  const found = set.certificates.map((certificate) => ({ certificate, thumbprint: thumbprintOf(certificate) }));
  const match = found.find((item) => item.thumbprint === wanted);
  if (!match) {
    throw new MdiInputError(ErrorCode.CertificateMismatch,
      `The certificate in ${set.source} has thumbprint ${found.map((item) => item.thumbprint).join(', ') || '(none)'}, not ${wanted} (${why}). ` +
      `Use the sensor's own certificate: LocalMachine\\My\\${wanted} on the sensor, or an export of it.`);
  }
  const key = match.certificate.publicKey;
  if (key.asymmetricKeyType !== 'rsa') {
    throw new MdiInputError(ErrorCode.CertificateInvalid, `Certificate ${wanted} has a ${key.asymmetricKeyType ?? 'unknown'} key; the sensor's password protection needs RSA.`);
  }
  const spki = key.export({ type: 'spki', format: 'der' });
  const privateKey = set.privateKeys.find((candidate) => createPublicDer(candidate).equals(spki)) ?? null;
  if (set.privateKeys.length > 0 && !privateKey) {
    throw new MdiInputError(ErrorCode.CertificateInvalid, `The private key in ${set.source} does not belong to certificate ${wanted}.`);
  }
  return { certificate: match.certificate, thumbprint: match.thumbprint, privateKey };
}

export function thumbprintOf(certificate: X509Certificate): string {
  return normalizeThumbprint(certificate.fingerprint);
}

function fromPem(pem: string, password: string | undefined, source: string): CertificateSet {
  const certificates = (pem.match(PEM_CERT) ?? []).map((block) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw new MdiInputError(ErrorCode.CertificateInvalid, `A certificate in ${source} is not readable PEM.`);
    }
  });
  if (certificates.length === 0) throw new MdiInputError(ErrorCode.CertificateInvalid, `${source} holds no certificate (-----BEGIN CERTIFICATE-----).`);
  const privateKeys = [...pem.matchAll(PEM_KEY)].map((match) => {
    if (match[1] === 'ENCRYPTED PRIVATE KEY' && password === undefined) {
      throw new MdiInputError(ErrorCode.CertificateInvalid, `The private key in ${source} is encrypted: give its password (${term('certificatePassword')}).`);
    }
    try {
      return createPrivateKey(password === undefined ? match[0] : { key: match[0], passphrase: password });
    } catch {
      throw new MdiInputError(ErrorCode.CertificateInvalid, `The private key in ${source} cannot be read (wrong password, or not a key).`);
    }
  });
  return { certificates, privateKeys, source };
}

function createPublicDer(privateKey: KeyObject): Buffer {
  // createPublicKey of a private key gives its public half.
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
}
